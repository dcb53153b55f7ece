import type { Core } from '@strapi/strapi';
import { isWorkday } from 'chinese-days';
import { DateTime } from 'luxon';
import { REGION_UID, TICKET_UID } from '../constants';
import type { Facts } from '../rules/facts';

const ZONE = 'Asia/Shanghai';
const MAX_REGION_DEPTH = 8;

/** Free text of a ticket for keyword triggers: the title and every text value among its fields. */
const textOf = (title: unknown, fields: unknown): string => {
  const parts = [typeof title === 'string' ? title : ''];
  if (fields && typeof fields === 'object') {
    for (const value of Object.values(fields)) if (typeof value === 'string') parts.push(value);
  }
  return parts.join('\n');
};

export const FACT_RELATIONS = {
  template: { select: ['key'] },
  region: { select: ['id', 'code'] },
  order: { select: ['amountFen'] },
  customer: { select: ['vipLevel', 'tags'], populate: { region: { select: ['code'] } } },
} as const;

/**
 * A ticket the caller holds (a create's new row and template): only the relations it set are
 * read, so a ticket without customer, region or order costs no query here.
 */
export interface KnownTicket {
  row: Record<string, any>;
  template: { key: string };
  relations: ('customer' | 'region' | 'order')[];
}

/** The time facts of `now` in Asia/Shanghai; a batch asks for the same instant a thousand times. */
let lastClock: { at: number; facts: { hour: number; weekday: number; workday: boolean } } | null = null;
const clockFacts = (now: Date) => {
  if (lastClock?.at !== now.getTime()) {
    const local = DateTime.fromJSDate(now, { zone: ZONE });
    lastClock = { at: now.getTime(), facts: { hour: local.hour, weekday: local.weekday, workday: isWorkday(local.toISODate()!) } };
  }
  return lastClock.facts;
};

const createTicketFactsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async withRelations(ticketId: number, known: KnownTicket) {
    const populate = Object.fromEntries(known.relations.map((r) => [r, FACT_RELATIONS[r]]));
    const related: any = known.relations.length
      ? await strapi.db.query(TICKET_UID as any).findOne({ where: { id: ticketId }, select: ['id'], populate })
      : {};
    return { ...known.row, template: known.template, ...related };
  },

  /** The codes of a region and its ancestors, nearest first. */
  async regionCodes(regionId: number | null | undefined): Promise<string[]> {
    const codes: string[] = [];
    let id = regionId ?? null;
    for (let depth = 0; id !== null && depth < MAX_REGION_DEPTH; depth += 1) {
      const row: any = await strapi.db
        .query(REGION_UID as any)
        .findOne({ where: { id }, select: ['code'], populate: { parent: { select: ['id'] } } });
      if (!row) break;
      codes.push(row.code);
      id = row.parent?.id ?? null;
    }
    return codes;
  },

  /**
   * What rules and approval levels test (rules/facts.ts), read from the stored ticket. Time
   * facts are of `now` in Asia/Shanghai: a rule "at night, raise the priority" means now.
   */
  async forTicket(ticketId: number, now = new Date(), known?: KnownTicket): Promise<Facts> {
    const t = known ? await this.withRelations(ticketId, known) : await strapi.db.query(TICKET_UID as any).findOne({ where: { id: ticketId }, populate: FACT_RELATIONS });
    if (!t) return {};
    return this.fromRow(t, now, await this.regionCodes(t.region?.id));
  },

  /** The facts of a ticket row holding the relations of FACT_RELATIONS (a batch loads them set-based). */
  fromRow(t: Record<string, any>, now: Date, regionCodes: string[]): Facts {
    const { hour, weekday, workday } = clockFacts(now);
    return {
      template: t.template?.key,
      title: t.title,
      text: textOf(t.title, t.fields),
      fields: t.fields ?? {},
      priority: t.priority,
      source: t.source,
      state: t.state,
      tags: Array.isArray(t.tags) ? t.tags : [],
      customerVipLevel: t.customer?.vipLevel ?? undefined,
      customerTags: Array.isArray(t.customer?.tags) ? t.customer.tags : [],
      region: t.region?.code,
      regionCodes,
      crossRegion: Boolean(t.region && t.customer?.region && t.region.code !== t.customer.region.code),
      amountFen: t.amountFen ?? undefined,
      compensationFen: t.compensationFen ?? 0,
      orderAmountFen: t.order?.amountFen ?? undefined,
      hour,
      weekday,
      workday,
    };
  },
});

export type TicketFactsService = ReturnType<typeof createTicketFactsService>;
export default createTicketFactsService;
