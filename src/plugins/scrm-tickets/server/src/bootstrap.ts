import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const POLL_MS = 5000;

const bootstrap = ({ strapi }: { strapi: Core.Strapi }) => {
  // SLA warn/breach timers live in the database; without a queue every instance polls them (a
  // timer still fires once: each is claimed with a conditional UPDATE). SCRM_SLA_POLLER=off turns
  // the poller off (the tests drive it by hand).
  if (process.env.SCRM_SLA_POLLER !== 'off') getService('sla-timers', { strapi }).start(POLL_MS);
};

export default bootstrap;
