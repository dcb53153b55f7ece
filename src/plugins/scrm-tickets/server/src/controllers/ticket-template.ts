import { factories } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';
import { assertListQuery } from '../utils/query-shape';

export default factories.createCoreController(TEMPLATE_UID as any, ({ strapi }) => ({
  async find(ctx: any) {
    assertListQuery(ctx.query, strapi.contentType(TEMPLATE_UID as any).attributes);
    return super.find(ctx);
  },
  async findOne(ctx: any) {
    assertListQuery(ctx.query, strapi.contentType(TEMPLATE_UID as any).attributes);
    return super.findOne(ctx);
  },
}));
