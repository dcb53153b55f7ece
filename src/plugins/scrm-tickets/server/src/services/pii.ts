import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { PluginConfig } from '../config';
import { encrypt, isSealed, loadKeyring, reveal, type Keyring, type PiiSettings } from '../pii/cipher';
import { MOBILE_HASH, SEALED_FIELDS, mobileHash, revealCustomer, rewriteSealedCondition, type SealedField } from '../pii/customer-fields';
import { createReach, rewriteFilters, visitResult, type GetModel } from '../pii/schema-walk';
import { validationError, type PathError } from '../utils/field-errors';

/**
 * The customer's sealed fields as the rest of the plugin sees them: the keyring (read from the
 * config at call time, so a changed SCRM_PII_KEYS — or a test's strapi.config.set — takes effect
 * without a restart), and reveal / hash / filter helpers. pii/ holds the pure parts.
 */
const createPiiService = ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: { raw: string; keyring: Keyring } | null = null;
  let reach: { uid: string; reaches: (uid: string) => boolean } | null = null;
  const getModel: GetModel = (uid) => strapi.getModel(uid as any) as any;

  const settings = (): PiiSettings => {
    const config = (strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).pii;
    return { keys: config?.keys ?? process.env.SCRM_PII_KEYS, hashKey: config?.hashKey ?? process.env.SCRM_PII_HASH_KEY };
  };

  const service = {
    /** The keyring; throws PiiKeyError (production without keys, a malformed key) with what to set. */
    keyring(): Keyring {
      const s = settings();
      const raw = `${s.keys ?? ''}\n${s.hashKey ?? ''}`;
      if (cached?.raw !== raw) {
        const { keyring, warnings } = loadKeyring(s, process.env.NODE_ENV === 'production');
        for (const warning of warnings) strapi.log.warn(`scrm-tickets: !!! ${warning} See docs/operations.md ("Customer data encryption").`);
        cached = { raw, keyring };
      }
      return cached.keyring;
    },

    customerUid: () => (strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).customerUid,

    /** Sealing is on for a customer type that declares the lookup hash (a host app without it keeps plaintext). */
    enabled(): boolean {
      return Boolean(getModel(service.customerUid())?.attributes?.[MOBILE_HASH]);
    },

    /** Whether documents of `uid` can hold or filter by a customer (tickets, orders, events of tickets, ...). */
    reaches(uid: string): boolean {
      const customerUid = service.customerUid();
      if (reach?.uid !== customerUid) reach = { uid: customerUid, reaches: createReach(getModel, customerUid) };
      return reach.reaches(uid);
    },

    mobileHash: (mobile: string) => mobileHash(mobile, service.keyring()),

    /** A customer row (query engine, raw populate) with plaintext mobile and address; in place. */
    revealCustomer: <T>(row: T): T => revealCustomer(row, service.keyring()),

    /** A mobile as the outbox keeps it: sealed (a customer row's value is already; a legacy plaintext one is sealed here). */
    sealMobile(value: string | null | undefined) {
      return value && !isSealed(value) ? encrypt(value, service.keyring(), 'mobile') : value;
    },

    /** A single stored mobile (an outbox recipient's) as plaintext. */
    revealMobile: (value: unknown) => reveal(value, service.keyring(), 'mobile') as string | null | undefined,

    /** Every customer inside a document-service result of `uid`, revealed in place. */
    revealResult(result: unknown, uid: string) {
      const keyring = service.keyring();
      visitResult(result, uid, getModel, service.customerUid(), (row) => revealCustomer(row, keyring));
      return result;
    },

    /** Document-service filters of `uid` with conditions on sealed customer fields moved to the hash; 400 for what ciphertext cannot answer. */
    rewriteFilters(filters: unknown, uid: string) {
      const keyring = service.keyring();
      const errors: PathError[] = [];
      const rewritten = rewriteFilters(
        filters,
        uid,
        getModel,
        service.customerUid(),
        SEALED_FIELDS,
        (field, condition, path) => rewriteSealedCondition(field as SealedField, condition, keyring, path),
        errors,
      );
      if (errors.length) throw validationError(errors);
      return rewritten;
    },
  };
  return service;
};

export type PiiService = ReturnType<typeof createPiiService>;
export default createPiiService;
