import { createHash, createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import { INTAKE_SOURCE_UID, TICKET_UID } from '../constants';
import { ticketDataOf, valueAt } from '../intake/mapping';
import { validationError } from '../utils/field-errors';
import { sameText } from '../utils/raw';

/** How far a webhook's timestamp may be from now (either way): replays outside it are refused. */
export const REPLAY_WINDOW_S = 300;

const unauthorized = (message: string) => createHttpError(401, message, { name: 'UnauthorizedError', details: {} });

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"): what a sender signs. */
export const signatureOf = (secret: string, timestamp: string, rawBody: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;

/** The ticket's idempotency key for a source's event (hashed when the id would not fit as one). */
function idempotencyKeyOf(sourceKey: string, eventId: string): string {
  const key = `webhook:${sourceKey}:${eventId}`;
  return key.length <= 128 && /^[\x21-\x7e]+$/.test(key) ? key : `webhook:${sourceKey}:sha256:${createHash('sha256').update(eventId).digest('hex')}`;
}

/**
 * E-commerce and system webhooks (docs/intake.md): a request signed with the source's secret
 * over its timestamp and raw body, inside the replay window, becomes a ticket of the source's
 * template through the one write path (validation, numbering, rules, SLA, events), once per event
 * id — a retry answers with the ticket the first delivery made.
 */
const createIntakeService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async receive(sourceKey: string, headers: Record<string, string | string[] | undefined>, rawBody: string | undefined, now = Date.now()) {
    const source: any = await strapi.db.query(INTAKE_SOURCE_UID as any).findOne({ where: { key: sourceKey, enabled: true } });
    if (!source) throw new errors.NotFoundError('No such intake source');
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const timestamp = header('x-scrm-timestamp') ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > REPLAY_WINDOW_S) {
      throw unauthorized(`X-Scrm-Timestamp must be the sending time in Unix seconds, within ${REPLAY_WINDOW_S} s of now`);
    }
    if (typeof rawBody !== 'string' || !sameText(header('x-scrm-signature') ?? '', signatureOf(source.secret, timestamp, rawBody))) {
      throw unauthorized('X-Scrm-Signature does not match the body: sha256=HMAC-SHA256(secret, "<timestamp>.<body>") in hex');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody);
    } catch {
      throw validationError([{ path: ['body'], message: 'must be JSON' }]);
    }
    const eventId = valueAt(payload, source.eventIdPath);
    if ((typeof eventId !== 'string' && typeof eventId !== 'number') || String(eventId) === '') {
      throw validationError([{ path: ['body', ...source.eventIdPath.split('.')], message: 'must hold the event id (a string or number)' }]);
    }
    const idempotencyKey = idempotencyKeyOf(source.key, String(eventId));
    const tickets = strapi.documents(TICKET_UID as any);
    const existing = await tickets.findFirst({ filters: { idempotencyKey } } as any);
    if (existing) return { ticket: existing, created: false };
    const data = ticketDataOf(source.mapping, payload);
    const ticket = await tickets.create({
      data: { title: source.name, ...data, templateKey: source.templateKey, source: `webhook:${source.key}`, tags: [`webhook:${source.key}`], idempotencyKey },
    } as any);
    return { ticket, created: true };
  },
});

export type IntakeService = ReturnType<typeof createIntakeService>;
export default createIntakeService;
