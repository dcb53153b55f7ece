import type { Core } from '@strapi/strapi';

const bootstrap = (_: { strapi: Core.Strapi }) => {
  // Nothing to start yet: queues and schedulers arrive with the notification and SLA issues.
};

export default bootstrap;
