import type { Core } from '@strapi/strapi';

const bootstrap = (_: { strapi: Core.Strapi }) => {
  // Nothing to start yet: queues and timers arrive with the SLA escalation and notifications.
};

export default bootstrap;
