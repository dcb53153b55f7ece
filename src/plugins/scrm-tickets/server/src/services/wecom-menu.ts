import type { Core } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';
import { getService } from '../utils/get-service';
import { oauthLink } from '../wecom/oauth-link';
import type { InboundMessage } from '../wecom/callback';
import { notificationsConfig } from './outbox';

/**
 * App menus (自定义菜单): a `click` whose EventKey is a template's key answers the member with a
 * card that opens that template's form on the workbench page, signed in through WeCom's web
 * authorization; the ticket it submits is tagged `wecom_menu`. Other keys are not ours.
 */
const createWecomMenuService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async click(message: InboundMessage): Promise<boolean> {
    const key = String(message.EventKey ?? '').trim();
    const member = String(message.FromUserName ?? '');
    if (!key || !member) return false;
    const template: any = await strapi.db.query(TEMPLATE_UID as any).findOne({ where: { key, enabled: true }, select: ['name'] });
    if (!template) return false;
    const client = getService('wecom-api', { strapi }).client();
    if (!client) throw new Error('WeCom is not configured (notifications.wecom)');
    const page = `${notificationsConfig(strapi).publicUrl}/h5/workbench.html?template=${encodeURIComponent(key)}&source=wecom_menu`;
    await client.post('/cgi-bin/message/send', {
      touser: member,
      msgtype: 'textcard',
      agentid: client.agentId,
      textcard: {
        title: `新建${template.name}`.slice(0, 60),
        description: `<div class="normal">点击填写${template.name}工单</div>`,
        url: oauthLink(client.corpId, client.agentId, page),
        btntxt: '填写',
      },
      // A second delivery of the same click within 30 minutes is dropped by WeCom itself.
      enable_duplicate_check: 1,
      duplicate_check_interval: 1800,
    });
    return true;
  },
});

export type WecomMenuService = ReturnType<typeof createWecomMenuService>;
export default createWecomMenuService;
