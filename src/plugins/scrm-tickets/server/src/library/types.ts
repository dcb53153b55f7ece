// A project library file (library.schema.json, docs/library-format.md).

export interface Library {
  key: string;
  name: { 'zh-Hans': string; en?: string };
  industry: string;
  version: string;
  description?: string;
  templates?: Record<string, any>[];
  slaPolicies?: Record<string, any>[];
  routingRules?: Record<string, any>[];
  approvalPolicies?: Record<string, any>[];
  settlementTiers?: Record<string, any>[];
  priceLists?: Record<string, any>[];
}

/** The sections in the order they are imported: what a later one refers to comes first. */
export const SECTIONS = ['approvalPolicies', 'settlementTiers', 'priceLists', 'slaPolicies', 'templates', 'routingRules'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * `conflict`: the app's item was edited since the library's last import *and* the library changed
 * the same setting — reported, not overwritten (unless the import is told to overwrite).
 * `pinned`: a template an admin pinned to the library version it has — left as it is.
 */
export type Action = 'add' | 'change' | 'same' | 'conflict' | 'pinned';

export interface Change {
  field: string;
  /** The app's value and the file's. */
  before: unknown;
  after: unknown;
  /** For a conflict: the value the last import brought (the app's has moved away from it). */
  imported?: unknown;
  conflict?: true;
}

export interface PlannedItem {
  section: Section;
  /** The item's key (a routing rule's name). */
  key: string;
  action: Action;
  /** Each setting the import would change (or, for a conflict, could not). */
  changes: Change[];
}
