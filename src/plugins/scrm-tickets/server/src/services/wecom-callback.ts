import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, TICKET_UID } from '../constants';
import type { IntakeConfig } from '../config';
import { rowsOf } from '../utils/raw';
import type { WecomInboundQueue } from '../queues/wecom-inbound-queue';
import { getService } from '../utils/get-service';
import { textTicketData } from '../wecom/text-ticket';
import { CallbackError, dedupeKeyOf, encryptedOf, messageOf, open, type InboundMessage, type Query } from '../wecom/callback';

const TABLE = 'scrm_wecom_inbound';

/**
 * The WeCom self-built app's callback (../shared/wecom.md §1): URL verification, and encrypted
 * messages stored once each (WeCom retries up to three times) before the 200 — within WeCom's
 * 5-second deadline — then turned into tickets off the request. A row left `received` by a
 * process that died is picked up at the next start.
 */
const createWecomCallbackService = ({ strapi }: { strapi: Core.Strapi }) => {
  const inFlight = new Set<Promise<unknown>>();
  let queue: WecomInboundQueue | null = null;
  const config = () => {
    const wecom = (strapi.config.get(`plugin::${PLUGIN_ID}`) as { intake?: IntakeConfig }).intake?.wecom;
    if (!wecom) throw new CallbackError(403, 'the WeCom callback is not configured');
    return wecom;
  };

  const service = {
    /** GET: the decrypted echostr, answered as is. */
    verify(query: Query): string {
      return open(config(), query, query.echostr);
    },

    /** POST: checks, stores once, answers; the ticket is made after the answer. */
    async receive(query: Query, rawBody: unknown): Promise<void> {
      const message = messageOf(open(config(), query, encryptedOf(rawBody)));
      const key = dedupeKeyOf(message);
      const inserted = rowsOf(
        await strapi.db.connection.raw(
          `INSERT INTO ${TABLE} (dedupe_key, msg_type, payload, status, received_at) VALUES (?, ?, ?, 'received', ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
          // msg_type holds 32 characters: WeCom's types are short; anything longer is no type we work.
          [key, String(message.MsgType ?? '').slice(0, 32), JSON.stringify(message), Date.now()]
        )
      );
      if (inserted.length) service.later(Number(inserted[0].id));
    },

    /** With REDIS_URL: stored messages are worked by the queue's workers. */
    useQueue(next: WecomInboundQueue | null) {
      queue = next;
    },

    /** Works a stored message off the request: queued, or here when there is no queue (or it refuses). */
    later(id: number) {
      const here = () => service.process(id).catch((error) => strapi.log.error(`scrm-tickets: WeCom message ${id}: ${error.message}`));
      const p = (
        queue
          ? queue.request(id).catch((error) => {
              strapi.log.warn(`scrm-tickets: WeCom message ${id} not queued (${(error as Error).message}); working it here`);
              return here();
            })
          : here()
      ).finally(() => inFlight.delete(p));
      inFlight.add(p);
    },

    /**
     * One stored row: a member's text → a ticket; a 微信客服 event → a sync of that account; a menu
     * click → the template's form sent to the member; a message pulled from 微信客服 → its ticket.
     */
    async process(id: number) {
      const row = await strapi.db.connection(TABLE).where({ id, status: 'received' }).first();
      if (!row) return;
      if (String(row.msg_type).startsWith('kf:')) return getService('wecom-kf', { strapi }).work(id);
      const message = JSON.parse(row.payload) as InboundMessage;
      try {
        let ticket: { id: number } | null = null;
        let handled = false;
        if (message.MsgType === 'text' && message.Content) {
          ticket = await service.ticketOf(message, row.dedupe_key);
          handled = true;
        } else if (message.MsgType === 'event' && message.Event === 'kf_msg_or_event') {
          await getService('wecom-kf', { strapi }).sync(String(message.OpenKfId ?? ''), typeof message.Token === 'string' ? message.Token : undefined);
          handled = true;
        } else if (message.MsgType === 'event' && String(message.Event).toLowerCase() === 'click') {
          handled = await getService('wecom-menu', { strapi }).click(message);
        }
        await strapi.db.connection(TABLE).where({ id }).update({ status: handled ? 'done' : 'ignored', ticket_id: ticket?.id ?? null, processed_at: Date.now() });
      } catch (error) {
        await strapi.db.connection(TABLE).where({ id }).update({ status: 'failed', error: String((error as Error).message).slice(0, 2000), processed_at: Date.now() });
      }
    },

    /** A member's text becomes a ticket of the configured template. */
    async ticketOf(message: InboundMessage, key: string) {
      const content = String(message.Content);
      return strapi.documents(TICKET_UID as any).create({
        data: {
          ...(await textTicketData(strapi, config().templateKey, content)),
          source: 'wecom',
          tags: [`wecom:user:${message.FromUserName ?? ''}`],
          idempotencyKey: `wecom:${key}`.slice(0, 128),
        },
      } as any) as Promise<any>;
    },

    /** Messages stored but not yet made into tickets (a process died): work them now. */
    async resume() {
      const rows = await strapi.db.connection(TABLE).where({ status: 'received' }).select('id');
      for (const r of rows) service.later(Number(r.id));
    },

    async whenIdle() {
      await Promise.allSettled([...inFlight]);
    },

    async stop() {
      const closing = queue;
      queue = null;
      await closing?.close();
      await service.whenIdle();
    },
  };
  return service;
};

export type WecomCallbackService = ReturnType<typeof createWecomCallbackService>;
export default createWecomCallbackService;
