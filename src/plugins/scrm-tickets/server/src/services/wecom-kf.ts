import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, TICKET_UID } from '../constants';
import type { IntakeConfig, PluginConfig } from '../config';
import { getService } from '../utils/get-service';
import { rowsOf } from '../utils/raw';
import { textTicketData } from '../wecom/text-ticket';

const INBOUND = 'scrm_wecom_inbound';
const CURSORS = 'scrm_wecom_kf_cursors';
/** sync_msg may answer has_more with an empty page (wecom.md §4.3); a runaway loop stops here. */
const MAX_PAGES = 100;
/** sync_msg `origin` of a message the customer sent. */
const FROM_CUSTOMER = 3;

export interface KfMessage {
  msgid: string;
  open_kfid?: string;
  external_userid?: string;
  send_time?: number;
  origin?: number;
  msgtype?: string;
  text?: { content?: string };
}

/**
 * 微信客服 (wecom.md §4.3): a `kf_msg_or_event` callback carries no content, only a token to
 * pull with. Each page of `kf/sync_msg` is stored — its messages once each (by msgid) and the
 * cursor after them — in one transaction, then worked: a customer's text becomes a ticket, or a
 * public reply on their open ticket. The answer (ticket number and H5 link) goes out through the
 * notification outbox by `kf/send_msg`, at once and exactly once, while WeCom's 48-hour window
 * is open.
 */
const createWecomKfService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  /** One sync per account at a time in this process; across processes msgid uniqueness decides. */
  const chains = new Map<string, Promise<unknown>>();

  const service = {
    sync(openKfId: string, token: string | undefined): Promise<number> {
      const previous = chains.get(openKfId) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => service.pull(openKfId, token));
      chains.set(openKfId, next);
      void next.finally(() => chains.get(openKfId) === next && chains.delete(openKfId)).catch(() => undefined);
      return next;
    },

    /** Pages from the saved cursor until WeCom has no more; returns how many new messages it stored. */
    async pull(openKfId: string, token: string | undefined): Promise<number> {
      const client = getService('wecom-api', { strapi }).client();
      if (!client) throw new Error('WeCom is not configured (notifications.wecom)');
      let stored = 0;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const saved = await knex()(CURSORS).where({ open_kfid: openKfId }).first();
        const answer = await client.post('/cgi-bin/kf/sync_msg', {
          cursor: saved?.cursor ?? '',
          ...(token ? { token } : {}),
          limit: 1000,
          ...(openKfId ? { open_kfid: openKfId } : {}),
        });
        const messages: KfMessage[] = Array.isArray(answer.msg_list) ? answer.msg_list : [];
        const ids = await service.store(openKfId, messages, String(answer.next_cursor ?? saved?.cursor ?? ''));
        stored += ids.length;
        // In order: a second message of a customer finds the ticket their first one made.
        for (const id of ids) await service.work(id);
        if (Number(answer.has_more) !== 1) break;
      }
      return stored;
    },

    /** A page's new messages and the cursor after them, together or not at all. */
    async store(openKfId: string, messages: KfMessage[], cursor: string): Promise<number[]> {
      return knex().transaction(async (trx) => {
        const ids: number[] = [];
        for (const m of messages) {
          if (typeof m?.msgid !== 'string' || !m.msgid) continue;
          const rows = rowsOf(
            await trx.raw(
              `INSERT INTO ${INBOUND} (dedupe_key, msg_type, payload, status, received_at) VALUES (?, ?, ?, 'received', ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
              [`kf:${m.msgid}`.slice(0, 200), `kf:${String(m.msgtype ?? '')}`.slice(0, 32), JSON.stringify(m), Date.now()]
            )
          );
          if (rows.length) ids.push(Number(rows[0].id));
        }
        await trx.raw(
          `INSERT INTO ${CURSORS} (open_kfid, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (open_kfid) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
          [openKfId, cursor, Date.now()]
        );
        return ids;
      });
    },

    /** One stored kf message: a ticket, a comment, or nothing (events, servicers' own messages). */
    async work(id: number) {
      const row = await knex()(INBOUND).where({ id, status: 'received' }).first();
      if (!row) return;
      const message = JSON.parse(row.payload) as KfMessage;
      const content = message.text?.content?.trim();
      if (message.origin !== FROM_CUSTOMER || message.msgtype !== 'text' || !content || !message.external_userid) {
        await knex()(INBOUND).where({ id }).update({ status: 'ignored', processed_at: Date.now() });
        return;
      }
      try {
        await strapi.db.transaction(async ({ trx }) => {
          const customer = await service.customerOf(message);
          const open: any = await strapi.db.query(TICKET_UID as any).findOne({
            where: { customer: { id: customer.id }, closedAt: null },
            orderBy: { createdAt: 'desc' },
            select: ['id', 'documentId'],
          });
          let ticketId: number;
          if (open) {
            await getService('comments', { strapi }).add({ id: open.id, documentId: open.documentId }, { body: content }, { byCustomer: true });
            ticketId = open.id;
          } else {
            const ticket: any = await strapi.documents(TICKET_UID as any).create({
              data: {
                ...(await textTicketData(strapi, kfTemplateKey(strapi), content)),
                source: 'wecom_kf',
                customer: customer.documentId,
                idempotencyKey: `wecom_kf:${message.msgid}`.slice(0, 128),
              },
            } as any);
            ticketId = ticket.id;
          }
          await knex()(INBOUND).transacting(trx).where({ id }).update({ status: 'done', ticket_id: ticketId, processed_at: Date.now() });
        });
      } catch (error) {
        await knex()(INBOUND).where({ id }).update({ status: 'failed', error: String((error as Error).message).slice(0, 2000), processed_at: Date.now() });
      }
    },

    /**
     * The customer behind a kf message, made on their first message (named by their WeChat
     * nickname from kf/customer/batchget); the kf account and the time of their message opened
     * WeCom's 48-hour window in which send_msg may answer them.
     */
    async customerOf(message: KfMessage): Promise<{ id: number; documentId: string }> {
      const { customerUid } = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
      const contact = {
        wecomOpenKfId: message.open_kfid ?? null,
        wecomKfLastMessageAt: new Date((message.send_time ?? Date.now() / 1000) * 1000),
      };
      const customers = strapi.documents(customerUid as any);
      const found: any = await customers.findFirst({ filters: { wecomExternalUserId: message.external_userid }, fields: ['id'] } as any);
      if (found) {
        await customers.update({ documentId: found.documentId, data: contact } as any);
        return { id: found.id, documentId: found.documentId };
      }
      const created: any = await customers.create({
        data: { name: (await service.nicknameOf(message.external_userid!)) ?? '微信客户', wecomExternalUserId: message.external_userid, notifyChannels: ['wecom'], ...contact },
      } as any);
      return { id: created.id, documentId: created.documentId };
    },

    async nicknameOf(externalUserId: string): Promise<string | null> {
      try {
        const answer = await getService('wecom-api', { strapi }).client()!.post('/cgi-bin/kf/customer/batchget', { external_userid_list: [externalUserId] });
        const nickname = answer.customer_list?.[0]?.nickname;
        return typeof nickname === 'string' && nickname.trim() ? nickname.trim().slice(0, 100) : null;
      } catch (error) {
        strapi.log.warn(`scrm-tickets: 微信客服 nickname of ${externalUserId}: ${(error as Error).message}`);
        return null;
      }
    },
  };
  return service;
};

/** The template a 微信客服 message opens: its own setting, else the app callback's. */
function kfTemplateKey(strapi: Core.Strapi): string {
  const wecom = (strapi.config.get(`plugin::${PLUGIN_ID}`) as { intake?: IntakeConfig }).intake?.wecom;
  if (!wecom) throw new Error('the WeCom callback is not configured');
  return wecom.kfTemplateKey || wecom.templateKey;
}

export type WecomKfService = ReturnType<typeof createWecomKfService>;
export default createWecomKfService;
