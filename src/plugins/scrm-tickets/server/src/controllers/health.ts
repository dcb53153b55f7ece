import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

// Public probes for load balancers and orchestrators (no login: they carry no data, only states
// and counts). /health: the process answers. /ready: it can serve — 503 with the failing check
// while the database (or, with REDIS_URL, Redis) is away.
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  health(ctx: any) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  },
  async ready(ctx: any) {
    const readiness = await getService('health', { strapi }).readiness();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = readiness.ready ? 200 : 503;
    ctx.body = { status: readiness.ready ? 'ready' : 'unavailable', ...readiness };
  },
});
