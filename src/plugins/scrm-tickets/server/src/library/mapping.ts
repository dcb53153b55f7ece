// How each section of a library file maps onto the app's content types, both ways. Pure.
import { APPROVAL_POLICY_UID, PRICE_LIST_UID, ROUTING_RULE_UID, SLA_POLICY_UID, TEMPLATE_UID, TIER_UID } from '../constants';
import type { Section } from './types';

interface SectionMap {
  uid: string;
  /** The attribute that identifies an item across imports. */
  identity: 'key' | 'name';
  /** The settings an item may carry, in the file's words. */
  fields: string[];
  /** Relations to populate when reading (templates: their tier, to write its key). */
  populate?: Record<string, unknown>;
}

export const SECTION_MAP: Record<Section, SectionMap> = {
  approvalPolicies: { uid: APPROVAL_POLICY_UID, identity: 'key', fields: ['key', 'name', 'description', 'levels', 'enabled'] },
  settlementTiers: { uid: TIER_UID, identity: 'key', fields: ['key', 'name', 'currency', 'model'] },
  priceLists: {
    uid: PRICE_LIST_UID,
    identity: 'key',
    fields: ['key', 'name', 'currency', 'active', 'prices', 'cityTierCoefficients', 'seasons', 'rush', 'calibrationBand'],
  },
  slaPolicies: {
    uid: SLA_POLICY_UID,
    identity: 'key',
    fields: ['key', 'name', 'position', 'enabled', 'conditions', 'firstResponseMinutes', 'nextReplyMinutes', 'resolutionMinutes', 'schedule', 'warnAtPercent', 'pauseStates', 'responseActions', 'escalations'],
  },
  templates: {
    uid: TEMPLATE_UID,
    identity: 'key',
    fields: ['key', 'name', 'category', 'description', 'fieldDefinitions', 'workflow', 'defaultPriority', 'slaPolicy', 'settlementTier', 'notificationTexts', 'keywords', 'enabled'],
    populate: { settlementTier: { fields: ['key'] } },
  },
  routingRules: { uid: ROUTING_RULE_UID, identity: 'name', fields: ['name', 'description', 'position', 'enabled', 'stopAfterMatch', 'conditions', 'actions'] },
};

/** A stored document as a library item: the file's words, empty settings left out. */
export function itemOf(section: Section, row: Record<string, any>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const field of SECTION_MAP[section].fields) {
    let value: unknown = row[field];
    if (section === 'templates' && field === 'name') value = { 'zh-Hans': row.name, ...(row.nameEn ? { en: row.nameEn } : {}) };
    if (section === 'templates' && field === 'settlementTier') value = row.settlementTier?.key;
    if (value !== null && value !== undefined) item[field] = value;
  }
  return item;
}

/**
 * A library item as document data: the template's two names, its tier by documentId (`tiers`:
 * key → documentId, of the file's tiers once written and the app's).
 */
export function dataOf(section: Section, item: Record<string, any>, tiers: Map<string, string>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(item)) {
    if (section === 'templates' && field === 'name') {
      data.name = value['zh-Hans'];
      data.nameEn = value.en ?? null;
    } else if (section === 'templates' && field === 'settlementTier') data.settlementTier = tiers.get(value) ?? null;
    else data[field] = value;
  }
  return data;
}
