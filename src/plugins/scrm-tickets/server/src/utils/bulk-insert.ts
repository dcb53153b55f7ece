// Documents inserted in bulk (batch intake's tickets and events) with their ids answered.
import type { Core } from '@strapi/strapi';
import { CHUNK, chunks } from './bulk-rows';

type Row = Record<string, unknown>;

/** Rows per statement when the chunk travels as one JSON parameter (no bound-parameter limit). */
const JSON_CHUNK = 1000;

/** How a type's values are taken: as they are when they have the JS type named, datetimes as the driver's text. */
type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'datetime';
const KINDS: Record<string, Kind> = {
  string: 'string',
  text: 'string',
  uid: 'string',
  email: 'string',
  enumeration: 'string',
  richtext: 'string',
  integer: 'number',
  float: 'number',
  // Strapi sends a bigint as its decimal text; a safe integer in the JSON lands as the same value.
  biginteger: 'integer',
  boolean: 'boolean',
  json: 'json',
  datetime: 'datetime',
  timestamp: 'datetime',
};

interface Column {
  column: string;
  kind: Kind;
  fallback: unknown;
}

/** Per model: its convertible attributes, the others (relations included) a row must not set, those with defaults. */
interface Plan {
  columns: Map<string, Column>;
  refused: Set<string>;
  defaults: [string, Column][];
  /** An attribute of a type not taken here has a default, so every row would set it. */
  refusedDefault: boolean;
}
const plans = new WeakMap<object, Plan>();

function planOf(meta: { attributes: Record<string, any> }): Plan {
  let plan = plans.get(meta);
  if (!plan) {
    plan = { columns: new Map(), refused: new Set(), defaults: [], refusedDefault: false };
    for (const [name, attribute] of Object.entries(meta.attributes)) {
      const kind = KINDS[attribute.type];
      if (!kind) {
        plan.refused.add(name);
        if (attribute.default !== undefined) plan.refusedDefault = true;
        continue;
      }
      const column = { column: attribute.columnName ?? name, kind, fallback: attribute.default };
      plan.columns.set(name, column);
      if (column.fallback !== undefined) plan.defaults.push([name, column]);
    }
    plans.set(meta, plan);
  }
  return plan;
}

const NOT_EXACT = Symbol('not exact');

/**
 * What Strapi's field classes (`@strapi/database` fields/*.js `toDB`) make of a value, for the
 * values where that is the value itself — or, for a datetime, the text the pg driver would send
 * for the Date. Strapi stringifies json objects for the driver; here they travel inside the JSON
 * parameter and land as the same jsonb. Anything else (a date given as text, a number as a
 * string, a json string) is not converted here: the caller inserts through Strapi's createMany,
 * so no value is ever stored otherwise than Strapi would store it.
 */
function convert(kind: Kind, value: unknown, prepareDate: (date: Date) => unknown): unknown {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : NOT_EXACT;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : NOT_EXACT;
    case 'integer':
      return Number.isSafeInteger(value) ? value : NOT_EXACT;
    case 'boolean':
      return typeof value === 'boolean' ? value : NOT_EXACT;
    case 'json':
      return typeof value === 'object' || typeof value === 'number' || typeof value === 'boolean' ? value : NOT_EXACT;
    default:
      return value instanceof Date && !Number.isNaN(value.getTime()) ? prepareDate(value) : NOT_EXACT;
  }
}

/**
 * The rows keyed by column as Strapi's createMany would insert them (its `processData` with
 * defaults; keys that are no attribute ignored as it ignores them), or null when a row sets a
 * relation or a value `convert` does not take exactly.
 */
export function columnRows(meta: { attributes: Record<string, any> }, rows: Row[], prepareDate: (date: Date) => unknown): Row[] | null {
  const plan = planOf(meta);
  if (plan.refusedDefault) return null;
  const out: Row[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i];
    const converted: Row = {};
    for (const name in row) {
      const value = row[name];
      if (value === undefined) continue;
      const column = plan.columns.get(name);
      if (!column) {
        if (plan.refused.has(name)) return null;
        continue;
      }
      if (value === null) {
        converted[column.column] = null;
        continue;
      }
      const stored = convert(column.kind, value, prepareDate);
      if (stored === NOT_EXACT) return null;
      converted[column.column] = stored;
    }
    for (const [name, column] of plan.defaults) {
      if (row[name] !== undefined) continue;
      const value = typeof column.fallback === 'function' ? column.fallback() : column.fallback;
      const stored = value === null ? null : convert(column.kind, value, prepareDate);
      if (stored === NOT_EXACT) return null;
      converted[column.column] = stored;
    }
    out[i] = converted;
  }
  return out;
}

/**
 * Column-keyed rows into `table` on Postgres, each chunk as ONE JSON parameter expanded by
 * json_populate_recordset: knex compiling a 1,000-row VALUES list and pg binding its ~13,000
 * parameters cost the batch more Node time than the insert costs Postgres. A column missing from
 * a row is NULL, as it would be in a multi-row VALUES list without a column default. Answers the
 * `returning` columns of the inserted rows.
 */
export async function insertJsonRows(strapi: Core.Strapi, table: string, rows: Row[], returning: string[] = []): Promise<Row[]> {
  if (rows.length === 0) return [];
  const seen = new Set<string>();
  for (const row of rows) for (const key in row) seen.add(key);
  const columns = [...seen];
  const list = columns.map(() => '??').join(', ');
  const back = returning.length > 0 ? ` RETURNING ${returning.map(() => '??').join(', ')}` : '';
  const sql = `INSERT INTO ?? (${list}) SELECT ${list} FROM json_populate_recordset(NULL::??, ?)${back}`;
  const answered: Row[] = [];
  await strapi.db.transaction(async ({ trx }) => {
    for (const part of chunks(rows, JSON_CHUNK)) {
      const result = await trx.raw(sql, [table, ...columns, ...columns, table, JSON.stringify(part), ...returning]);
      answered.push(...(result.rows ?? []));
    }
  });
  return answered;
}

const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/**
 * Rows of `uid` by attribute, set-based, in the caller's transaction. Postgres: one JSON
 * parameter per chunk, the values createMany would store, its lifecycle hooks run as createMany
 * runs them (the report rollups hear of new tickets); answers the inserted rows' `id` and
 * `document_id`. Elsewhere, or for a value not taken exactly: createMany, answering null.
 */
async function insertSetBased(strapi: Core.Strapi, uid: string, rows: Row[]): Promise<Row[] | null> {
  const createMany = async () => {
    for (const part of chunks(rows, CHUNK)) await strapi.db.query(uid as any).createMany({ data: part });
    return null;
  };
  if (!isPostgres(strapi)) return createMany();
  const meta = strapi.db.metadata.get(uid as any) as any;
  const driver = (strapi.db.connection.client as any).driver;
  // The hooks first: Strapi's own set createdAt and updatedAt on rows that lack them.
  const params = { data: rows };
  const states = await strapi.db.lifecycles.run('beforeCreateMany', uid as any, { params } as any);
  const columns = columnRows(meta, rows, (date) => driver.utils.prepareValue(date));
  // createMany runs the before-hooks again: Strapi's timestamps only fill what is missing.
  if (!columns) return createMany();
  const inserted = await insertJsonRows(strapi, meta.tableName, columns, ['id', 'document_id']);
  await strapi.db.lifecycles.run('afterCreateMany', uid as any, { params, result: { count: rows.length, ids: inserted.map((row) => row.id) } } as any, states);
  return inserted;
}

/** Rows of `uid` (a batch's outbox messages) inserted set-based; see insertSetBased. */
export async function insertRows(strapi: Core.Strapi, uid: string, rows: Row[]): Promise<void> {
  if (rows.length > 0) await insertSetBased(strapi, uid, rows);
}

/**
 * Inserts documents of `uid` (attribute-keyed rows, each with its own `documentId`) and answers
 * their row ids by documentId: from RETURNING on Postgres, else read back (the order of a
 * multi-row RETURNING is not promised on SQLite).
 */
export async function insertDocuments(strapi: Core.Strapi, uid: string, rows: Row[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (rows.length === 0) return ids;
  const inserted = await insertSetBased(strapi, uid, rows);
  if (inserted) {
    for (const row of inserted) ids.set(row.document_id as string, row.id as number);
    return ids;
  }
  for (const part of chunks(
    rows.map((row) => row.documentId as string),
    CHUNK,
  )) {
    const found: { id: number; documentId: string }[] = await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: part } }, select: ['id', 'documentId'] });
    for (const row of found) ids.set(row.documentId, row.id);
  }
  return ids;
}

/**
 * Links of a unidirectional manyToOne relation (`[ownerId, targetId]`), inserted set-based into
 * Strapi's link table: what the entity manager writes one statement per row. Relations with an
 * order column (bidirectional or to-many) need positions computed and are refused here.
 */
export async function insertLinks(strapi: Core.Strapi, uid: string, attribute: string, pairs: [number, number][]) {
  if (pairs.length === 0) return;
  const joinTable = (strapi.db.metadata.get(uid as any).attributes as any)[attribute]?.joinTable;
  if (!joinTable || joinTable.orderColumnName || joinTable.inverseOrderColumnName) {
    throw new Error(`${uid}.${attribute} is not a link table without order columns: bulk links not supported`);
  }
  const rows = pairs.map(([owner, target]) => ({ [joinTable.joinColumn.name]: owner, [joinTable.inverseJoinColumn.name]: target }));
  if (isPostgres(strapi)) {
    await insertJsonRows(strapi, joinTable.name, rows);
    return;
  }
  await strapi.db.transaction(async ({ trx }) => {
    for (const part of chunks(rows)) await trx(joinTable.name).insert(part);
  });
}
