import type { Core } from '@strapi/strapi';
import { AUDITED_ATTRIBUTES, EVENT_TYPES, SYSTEM_ATTRIBUTES, TICKET_UID } from '../constants';
import { itemError, itemObject, type ItemResult } from '../intake/batch-items';
import { checkIdempotencyKey, checkReportedAt } from '../middlewares/ticket-input';
import type { Facts } from '../rules/facts';
import type { TimerPlan } from '../business-time';
import { currentEndUserId } from '../utils/actor';
import { insertDocuments, insertLinks } from '../utils/bulk-insert';
import { chunks, newDocumentId } from '../utils/bulk-rows';
import { createdChanges } from '../utils/changes';
import { isUniqueViolation } from '../utils/db-errors';
import { assertNoErrors, validationError } from '../utils/field-errors';
import { compileAttributeChecks } from '../utils/attribute-checks';
import { forbidden } from '../utils/forbidden';
import { getService } from '../utils/get-service';
import { workflowOf } from '../workflow';
import type { RecordInput } from './events';
import type { TicketTemplate } from './templates';

/** Relations a batch item may name by documentId, with what the rules read of each. */
const LINKED = {
  customer: ['id', 'documentId', 'vipLevel', 'tags'],
  region: ['id', 'documentId', 'code'],
  order: ['id', 'documentId', 'amountFen'],
  opportunity: ['id', 'documentId'],
} as const;
type Linked = keyof typeof LINKED;

/** Item keys that are not ticket columns: relations (linked by id), system attributes, the template's key. */
const NOT_COPIED = new Set<string>([...Object.keys(LINKED), ...SYSTEM_ATTRIBUTES, 'templateKey', 'template']);

/** What each item's result carries of its ticket. */
const SUMMARY = ['documentId', 'number', 'state', 'priority', 'team', 'tags', 'slaPolicyKey', 'firstResponseDueAt', 'resolutionDueAt'];

/** What every item of one batch shares, read once: relation rows, templates, region codes. */
export interface BatchContext {
  linked: Record<Linked, Map<string, any>>;
  regionScope: number[] | null;
  now: Date;
  template: (data: Record<string, unknown>) => Promise<TicketTemplate>;
  regionCodes: (regionId: number) => Promise<string[]>;
}

/** Memoised per batch: one read per distinct key, errors included. */
const once = <K, V>(load: (key: K) => Promise<V>) => {
  const seen = new Map<K, Promise<V>>();
  return (key: K) => {
    if (!seen.has(key)) seen.set(key, load(key));
    return seen.get(key)!;
  };
};

export interface Planned {
  index: number;
  key: string | null;
  template: TicketTemplate;
  row: Record<string, any>;
  links: Partial<Record<Linked | 'assignee', number>>;
  facts: Facts;
  /** The `created` event's changes: the ticket as filed, before the rules touched it. */
  filed: Record<string, unknown>;
  events: RecordInput[];
  timers: TimerPlan[];
  assignStrategy?: string;
}

const summary = (row: Record<string, any>) => Object.fromEntries(SUMMARY.map((k) => [k, row[k] ?? null]));

/**
 * Batch intake (order syncs, migrations): up to 1,000 tickets in one request, each checked as a
 * single create is (Strapi's attribute validation, the template's fields, idempotency key,
 * reportedAt, relations), routed by the same rules and given the same SLA clocks, numbered and
 * recorded with the same events — but written set-based: one number block, one multi-row INSERT
 * per table and chunk, in one transaction. An invalid item is reported and skipped; the others
 * are written. Answers one result per item, in order.
 */
const createTicketBatchService = ({ strapi }: { strapi: Core.Strapi }) => {
  const model = () => strapi.contentType(TICKET_UID as any) as any;
  let checks: ReturnType<typeof compileAttributeChecks> | null = null;
  const attributeChecks = () => (checks ??= compileAttributeChecks(model().attributes));

  /** Each named relation's rows, by documentId, in one query per relation. */
  async function loadLinked(items: Record<string, unknown>[]) {
    const templates = getService('templates', { strapi });
    const loaded = {} as Record<Linked, Map<string, any>>;
    for (const relation of Object.keys(LINKED) as Linked[]) {
      const ids = [...new Set(items.map((d) => templates.relationDocumentId(d[relation])).filter((v): v is string => Boolean(v)))];
      const target = model().attributes[relation].target;
      const populate = relation === 'customer' ? { region: { select: ['code'] } } : undefined;
      const rows: any[] = [];
      for (const part of chunks(ids)) rows.push(...(await strapi.db.query(target).findMany({ where: { documentId: { $in: part } }, select: [...LINKED[relation]], populate })));
      loaded[relation] = new Map(rows.map((r) => [r.documentId, r]));
    }
    return loaded;
  }

  return {
    async create(inputs: { index: number; data: unknown }[]): Promise<ItemResult[]> {
      if (currentEndUserId(strapi) !== null) throw forbidden('Customers create tickets one by one');
      const results = new Map<number, ItemResult>();
      const fail = (index: number, error: unknown) => results.set(index, { index, status: 'invalid', error: itemError(error) });

      const valid: { index: number; data: Record<string, any> }[] = [];
      for (const { index, data } of inputs) {
        try {
          valid.push({ index, data: itemObject(data) });
        } catch (error) {
          fail(index, error);
        }
      }
      const templates = getService('templates', { strapi });
      const byKey = once((key: string) => templates.resolveForCreate({ templateKey: key }));
      const context: BatchContext = {
        linked: await loadLinked(valid.map((v) => v.data)),
        regionScope: await getService('staff-scope', { strapi }).regionIds(),
        now: new Date(),
        template: (data) => (typeof data.templateKey === 'string' ? byKey(data.templateKey) : templates.resolveForCreate(data)),
        regionCodes: once((id: number) => getService('ticket-facts', { strapi }).regionCodes(id)),
      };
      const planned: Planned[] = [];
      for (const { index, data } of valid) {
        try {
          planned.push(await this.plan(index, data, context));
        } catch (error) {
          fail(index, error);
        }
      }
      await this.write(planned, results);
      return inputs.map(({ index }) => results.get(index)!);
    },

    /** One item checked and planned as ticket-writes.ts plans a create, with nothing written. */
    async plan(index: number, input: Record<string, any>, context: BatchContext): Promise<Planned> {
      const { linked, regionScope, now } = context;
      const data = input;
      const key = checkIdempotencyKey(data.idempotencyKey);
      const template = await context.template(data);
      const fields = getService('fields', { strapi }).validate(template, data.fields, { mode: 'create' });
      const reportedAt = checkReportedAt(data.reportedAt, now);
      if (data.assignee !== undefined) throw validationError([{ path: ['assignee'], message: 'is set by routing rules and team strategies in a batch' }]);
      const links: Planned['links'] = {};
      const rows: Partial<Record<Linked, any>> = {};
      const templates = getService('templates', { strapi });
      for (const relation of Object.keys(LINKED) as Linked[]) {
        if (data[relation] === undefined || data[relation] === null) continue;
        const row = linked[relation].get(templates.relationDocumentId(data[relation]) ?? '');
        if (!row) throw validationError([{ path: [relation], message: `names no ${relation} (give its documentId)` }]);
        if (relation === 'region' && regionScope && !regionScope.includes(row.id)) throw forbidden('That region is not one of yours');
        links[relation] = row.id;
        rows[relation] = row;
      }
      // Copied key by key rather than spread and deleted from: `delete` turns an object into a
      // slow dictionary, and every later copy of the row pays for it (a batch makes thousands).
      const row: Record<string, any> = {};
      for (const attribute of Object.keys(data)) if (!NOT_COPIED.has(attribute)) row[attribute] = data[attribute];
      Object.assign(row, {
        fields,
        state: workflowOf(template).initial,
        priority: data.priority ?? template.defaultPriority ?? 'normal',
        source: data.source ?? 'api',
        reportedAt,
        version: 1,
        idempotencyKey: key,
      });
      // The attribute constraints the document service checks (required, lengths, enums, regexes);
      // the relations were checked above, all in one query each.
      assertNoErrors(attributeChecks()(row));

      const factsService = getService('ticket-facts', { strapi });
      const regionCodes = rows.region ? await context.regionCodes(rows.region.id) : [];
      const filed = createdChanges(row, ['state', ...AUDITED_ATTRIBUTES]);
      const facts = factsService.fromRow({ ...row, template: { key: template.key }, ...rows }, now, regionCodes);
      const routing = await getService('routing', { strapi }).plan(
        () => facts,
        () => ({ ...row, assignee: null }) as any,
      );
      const { assignee: ruleAssignee, ...routed } = routing?.patch ?? {};
      if (ruleAssignee) links.assignee = ruleAssignee as number;
      Object.assign(row, routed);
      const routedFacts = Object.keys(routed).length > 0 ? { ...facts, ...routed } : facts;
      const sla = await getService('sla', { strapi }).plan({ ...row, template }, () => routedFacts, { fresh: true });
      Object.assign(row, sla.values);
      return { index, key, template, row, links, facts: routedFacts, filed, events: routing?.events ?? [], timers: sla.timers, assignStrategy: routing?.assignStrategy };
    },

    /**
     * Writes the planned tickets: keys already used answer with their ticket; the rest get one
     * block of numbers and are inserted with their links, events, assignments and timers in one
     * transaction. A racing request that takes a key first makes this retry once without it.
     */
    async write(planned: Planned[], results: Map<number, ItemResult>, attempt = 1): Promise<void> {
      const tickets = strapi.db.query(TICKET_UID as any);
      const keys = [...new Set(planned.map((p) => p.key).filter((k): k is string => Boolean(k)))];
      const existing = new Map<string, any>();
      for (const part of chunks(keys)) {
        for (const row of await tickets.findMany({ where: { idempotencyKey: { $in: part } }, select: [...SUMMARY, 'idempotencyKey'] })) existing.set((row as any).idempotencyKey, row);
      }
      const fresh: Planned[] = [];
      const firstOfKey = new Map<string, Planned>();
      for (const p of planned) {
        const known = p.key ? existing.get(p.key) : undefined;
        if (known) results.set(p.index, { index: p.index, status: 'existing', ticket: summary(known) });
        else if (p.key && firstOfKey.has(p.key))
          continue; // the same key twice in one batch: answered below
        else {
          if (p.key) firstOfKey.set(p.key, p);
          fresh.push(p);
        }
      }
      if (fresh.length > 0) {
        try {
          await this.insert(fresh);
        } catch (error) {
          if (attempt === 1 && isUniqueViolation(error, 'idempotency_key')) return this.write(planned, results, 2);
          throw error;
        }
        for (const p of fresh) results.set(p.index, { index: p.index, status: 'created', ticket: summary(p.row) });
      }
      for (const p of planned) {
        const first = p.key ? firstOfKey.get(p.key) : undefined;
        if (first && first !== p && !results.has(p.index)) results.set(p.index, { index: p.index, status: 'existing', ticket: summary(first.row) });
      }
    },

    async insert(fresh: Planned[]) {
      const numbers = await getService('numbering', { strapi }).block(fresh.length);
      const at = new Date();
      fresh.forEach((p, i) => Object.assign(p.row, { documentId: newDocumentId(), number: numbers[i], createdAt: at, updatedAt: at, publishedAt: at }));
      await strapi.db.transaction(async () => {
        const ids = await insertDocuments(
          strapi,
          TICKET_UID,
          fresh.map((p) => p.row),
        );
        for (const p of fresh) p.row.id = ids.get(p.row.documentId);
        await insertLinks(
          strapi,
          TICKET_UID,
          'template',
          fresh.map((p) => [p.row.id, p.template.id]),
        );
        for (const relation of [...(Object.keys(LINKED) as Linked[]), 'assignee' as const]) {
          const pairs = fresh.filter((p) => p.links[relation]).map((p): [number, number] => [p.row.id, p.links[relation]!]);
          await insertLinks(strapi, TICKET_UID, relation, pairs);
        }
        const events = fresh.flatMap((p) => {
          const ref = { id: p.row.id, documentId: p.row.documentId };
          return [{ type: EVENT_TYPES.created, changes: p.filed } as RecordInput, ...p.events].map((input) => ({ ticket: ref, input }));
        });
        await getService('events', { strapi }).recordMany(events);
        const assignment = getService('assignment', { strapi });
        for (const p of fresh) if (p.links.assignee) await assignment.adjustUser(p.links.assignee, 1);
        await assignment.assignMany(
          fresh
            .filter((p) => !p.links.assignee && p.row.team)
            .map((p) => ({ ticket: { id: p.row.id, documentId: p.row.documentId }, team: p.row.team, facts: p.facts, strategy: p.assignStrategy as any })),
        );
        await getService('sla-timers', { strapi }).insertFresh(fresh.map((p) => ({ ticketId: p.row.id, plans: p.timers })));
      });
    },
  };
};

export type TicketBatchService = ReturnType<typeof createTicketBatchService>;
export default createTicketBatchService;
