import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { conflict } from '../utils/forbidden';
import { getService } from '../utils/get-service';

// The outbox's retry button: a dead notification goes back to pending on its first channel.
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async retry(ctx: any) {
    const result = await getService('notify-dispatcher', { strapi }).retry(ctx.params.id);
    if (!result) throw new errors.NotFoundError('Notification not found');
    if (result.conflict) {
      throw conflict(`Only a dead notification can be retried; this one is ${result.conflict}`);
    }
    ctx.body = { data: result };
  },
});
