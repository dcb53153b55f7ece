import { randomBytes } from 'node:crypto';

/** Rows per multi-row statement: well inside SQLite's and Postgres's bound-parameter limits. */
export const CHUNK = 500;

export const chunks = <T>(list: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 24;
/** Random bytes drawn for 256 ids at a time: one CSPRNG call per id cost more than the id. */
let pool = Buffer.alloc(0);
let used = 0;

/**
 * A documentId shaped as Strapi's own (24 lowercase letters and digits, a letter first), for rows
 * inserted in bulk. Strapi makes them with cuid2, which hashes each id with SHA-3 (a fifth of a
 * batch's CPU here); 23 characters drawn from the CSPRNG are as unlikely to collide (~119 bits).
 */
export const newDocumentId = (): string => {
  if (used + ID_LENGTH > pool.length) {
    pool = randomBytes(ID_LENGTH * 256);
    used = 0;
  }
  let id = ALPHABET[pool[used] % 26];
  for (let i = 1; i < ID_LENGTH; i += 1) id += ALPHABET[pool[used + i] % 36];
  used += ID_LENGTH;
  return id;
};
