import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService('sla-timers', { strapi }).stop();
  // Let a background SLA recomputation finish its ticket before the pool closes.
  await getService('sla', { strapi }).whenIdle();
};

export default destroy;
