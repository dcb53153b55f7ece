import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';

/** Rows per multi-row statement: well inside SQLite's and Postgres's bound-parameter limits. */
export const CHUNK = 500;

export const chunks = <T>(list: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A documentId shaped as Strapi's own (24 lowercase letters and digits, a letter first), for rows
 * inserted in bulk. Strapi makes them with cuid2, which hashes each id with SHA-3 (a fifth of a
 * batch's CPU here); 23 characters drawn from the CSPRNG are as unlikely to collide (~119 bits).
 */
export const newDocumentId = (): string => {
  const bytes = randomBytes(24);
  let id = ALPHABET[bytes[0] % 26];
  for (let i = 1; i < 24; i += 1) id += ALPHABET[bytes[i] % 36];
  return id;
};

/**
 * The row ids of documents just inserted in bulk, by documentId: read back, since the order of
 * a multi-row INSERT's RETURNING rows is not promised on SQLite. Joins the caller's transaction.
 */
export async function idsByDocumentId(strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunks(documentIds)) {
    const rows: { id: number; documentId: string }[] = await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: part } }, select: ['id', 'documentId'] });
    for (const row of rows) ids.set(row.documentId, row.id);
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
  await strapi.db.transaction(async ({ trx }) => {
    for (const part of chunks(rows)) await trx(joinTable.name).insert(part);
  });
}
