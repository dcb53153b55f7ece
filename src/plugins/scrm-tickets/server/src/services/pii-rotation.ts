import type { Core } from '@strapi/strapi';
import { NOTIFICATION_TABLE } from '../constants';
import { PiiDecryptError, encrypt, isSealed, keyIdOf, reveal, type Keyring } from '../pii/cipher';
import { MOBILE_HASH, mobileHash } from '../pii/customer-fields';
import { getService } from '../utils/get-service';

export interface SealCounts {
  /** Rows looked at. */
  scanned: number;
  /** Legacy plaintext sealed. */
  sealed: number;
  /** Moved from an older key to the current one. */
  rotated: number;
  /** Lookup hash written anew (a legacy row, or `rehash` after a new SCRM_PII_HASH_KEY). */
  rehashed: number;
  /** Sealed under a key the keyring does not hold, or altered: left as they are. */
  unreadable: number;
  /** Written by someone else between our read and our write: that write sealed them already. */
  changedMeanwhile: number;
  /** Key ids of the unreadable rows. */
  unknownKeys: string[];
}

export interface RotationReport {
  customers: SealCounts;
  notifications: SealCounts;
  h5Users: number;
}

const counts = (): SealCounts => ({ scanned: 0, sealed: 0, rotated: 0, rehashed: 0, unreadable: 0, changedMeanwhile: 0, unknownKeys: [] });
const JSON_VALUE = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

/**
 * Keeps stored customer PII under the current key: seals legacy plaintext, re-seals what an older
 * key sealed, rewrites lookup hashes. In batches by id, each row with one conditional UPDATE (the
 * row as read), so it is idempotent, safe beside live traffic and safe to run on several
 * instances at once. `npm run pii:rotate` runs it all; bootstrap runs `sealLegacy` (plaintext only).
 */
const createPiiRotationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const pii = () => getService('pii', { strapi });

  function customerColumns() {
    const meta: any = strapi.db.metadata.get(pii().customerUid() as any);
    const column = (attribute: string) => meta.attributes[attribute].columnName as string;
    return { table: meta.tableName as string, mobile: column('mobile'), address: column('address'), hash: column(MOBILE_HASH) };
  }

  /** Set, and sealed under none of `keyIds` (none given: every set value). */
  const outside = (qb: any, column: string, keyIds: string[]) => {
    qb.whereNotNull(column).andWhere(column, '<>', '');
    for (const id of keyIds) qb.andWhere(column, 'not like', `enc:v1:${id}:%`);
  };

  /** A stored value under the current key: [new value or the same, what happened]. */
  function reseal(value: unknown, field: string, keyring: Keyring): { value: unknown; plain: string | null; change: 'sealed' | 'rotated' | null } {
    if (value === null || value === undefined || value === '') return { value, plain: null, change: null };
    const plain = reveal(value, keyring, field) as string;
    if (!isSealed(value)) return { value: encrypt(plain, keyring, field), plain, change: 'sealed' };
    if (keyIdOf(value) !== keyring.current) return { value: encrypt(plain, keyring, field), plain, change: 'rotated' };
    return { value, plain, change: null };
  }

  async function customers(keep: string[], rehash: boolean, batchSize: number): Promise<SealCounts> {
    const c = counts();
    const col = customerColumns();
    const keyring = pii().keyring();
    const unknown = new Set<string>();
    for (let last = 0; ; ) {
      const rows: any[] = await knex()(col.table)
        .select('id', col.mobile, col.address, col.hash)
        .where('id', '>', last)
        .andWhere((q: any) => q.where((m: any) => outside(m, col.mobile, rehash ? [] : keep)).orWhere((a: any) => outside(a, col.address, keep)))
        .orderBy('id')
        .limit(batchSize);
      if (rows.length === 0) return { ...c, unknownKeys: [...unknown] };
      for (const row of rows) {
        last = Number(row.id);
        c.scanned += 1;
        let mobile, address;
        try {
          mobile = reseal(row[col.mobile], 'mobile', keyring);
          address = reseal(row[col.address], 'address', keyring);
        } catch (error) {
          if (!(error instanceof PiiDecryptError)) throw error;
          c.unreadable += 1;
          if (error.keyId) unknown.add(error.keyId);
          continue;
        }
        const changes: Record<string, unknown> = {};
        if (mobile.change) changes[col.mobile] = mobile.value;
        if (address.change) changes[col.address] = address.value;
        const hash = mobile.plain === null ? null : mobileHash(mobile.plain, keyring);
        if (hash !== (row[col.hash] ?? null)) changes[col.hash] = hash;
        if (Object.keys(changes).length === 0) continue;
        const same = (q: any, column: string) => (row[column] === null ? q.whereNull(column) : q.where(column, row[column]));
        const updated = await knex()(col.table)
          .where('id', row.id)
          .andWhere((q: any) => same(same(q, col.mobile), col.address))
          .update(changes);
        if (!updated) c.changedMeanwhile += 1;
        else {
          if (mobile.change === 'sealed' || address.change === 'sealed') c.sealed += 1;
          else if (mobile.change === 'rotated' || address.change === 'rotated') c.rotated += 1;
          if (col.hash in changes) c.rehashed += 1;
        }
      }
    }
  }

  /** Outbox rows keep the customer's mobile as it was sealed when the message was planned. */
  async function notifications(batchSize: number): Promise<SealCounts> {
    const c = counts();
    const keyring = pii().keyring();
    const unknown = new Set<string>();
    for (let last = 0; ; ) {
      const rows: any[] = await knex()(NOTIFICATION_TABLE).select('id', 'recipient').where('id', '>', last).andWhere({ audience: 'customer' }).orderBy('id').limit(batchSize);
      if (rows.length === 0) return { ...c, unknownKeys: [...unknown] };
      for (const row of rows) {
        last = Number(row.id);
        c.scanned += 1;
        const recipient = JSON_VALUE(row.recipient);
        if (!recipient?.mobile) continue;
        let mobile;
        try {
          mobile = reseal(recipient.mobile, 'mobile', keyring);
        } catch (error) {
          if (!(error instanceof PiiDecryptError)) throw error;
          c.unreadable += 1;
          if (error.keyId) unknown.add(error.keyId);
          continue;
        }
        if (!mobile.change) continue;
        // Only the planner writes `recipient`; the dispatcher's updates leave it alone.
        await knex()(NOTIFICATION_TABLE)
          .where('id', row.id)
          .update({ recipient: JSON.stringify({ ...recipient, mobile: mobile.value }) });
        c[mobile.change] += 1;
      }
    }
  }

  return {
    /**
     * Everything under the current key: customers (mobile, address, hash), outbox recipients,
     * and H5 sign-in users still named by their mobile. `rehash` rewrites every lookup hash (after
     * SCRM_PII_HASH_KEY changed).
     */
    async rotate({ batchSize = 500, rehash = false }: { batchSize?: number; rehash?: boolean } = {}): Promise<RotationReport> {
      if (!pii().enabled()) return { customers: counts(), notifications: counts(), h5Users: 0 };
      const current = pii().keyring().current;
      return {
        customers: await customers([current], rehash, batchSize),
        notifications: await notifications(batchSize),
        h5Users: await getService('h5-auth', { strapi }).renameLegacyUsers(),
      };
    },

    /**
     * Seals customers still in plaintext (rows from before encryption, or written around the
     * document service) and counts those under keys the keyring lacks. Rows under any known key
     * are left to `rotate`. Run by bootstrap.
     */
    async sealLegacy({ batchSize = 500 }: { batchSize?: number } = {}): Promise<SealCounts> {
      if (!pii().enabled()) return counts();
      return customers([...pii().keyring().keys.keys()], false, batchSize);
    },
  };
};

export type PiiRotationService = ReturnType<typeof createPiiRotationService>;
export default createPiiRotationService;
