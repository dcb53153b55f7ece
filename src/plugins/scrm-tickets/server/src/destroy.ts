import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService('sla-timers', { strapi }).stop();
  // Finish the sends in flight: a row left `sending` would wait for its lease to run out.
  await getService('notify-dispatcher', { strapi }).stop();
  // Close the recompute queue and let a recomputation in flight finish its ticket before the pool closes.
  await getService('sla', { strapi }).stop();
  // A month's settlement in flight finishes (or rolls back) before the pool closes.
  await getService('settlement-runs', { strapi }).stop();
  // Close the WeCom queue; messages being worked here finish first.
  await getService('wecom-callback', { strapi }).stop();
  // A rollup refresh in flight finishes before the pool closes.
  await getService('report-rollups', { strapi }).stop();
  getService('health', { strapi }).close();
  await getService('request-limits', { strapi }).close();
};

export default destroy;
