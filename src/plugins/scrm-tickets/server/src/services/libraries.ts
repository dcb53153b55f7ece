import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Core } from '@strapi/strapi';
import { errors as strapiErrors } from '@strapi/utils';
import YAML from 'yaml';
import { APPROVAL_POLICY_UID, EVENT_TYPES, LIBRARY_UID, REGION_UID, SLA_POLICY_UID, TICKET_UID, TIER_UID } from '../constants';
import { templateChange, type TemplateChange } from '../library/propagation';
import { getService } from '../utils/get-service';
import { dataOf, itemOf, SECTION_MAP } from '../library/mapping';
import { SECTIONS, type Change, type Library, type PlannedItem, type Section } from '../library/types';
import { pointerOf, validateLibrary, type LibraryError } from '../library/validate';

/** Strapi's ValidationError, each problem with its path and JSON pointer into the file. */
const libraryError = (list: LibraryError[]) =>
  new strapiErrors.ValidationError(
    list.length === 1 ? `${list[0].pointer} ${list[0].message}` : `${list.length} errors in the library (first: ${list[0].pointer} ${list[0].message})`,
    { errors: list.map((e) => ({ path: e.pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')), pointer: e.pointer, message: e.message, name: 'ValidationError' })) }
  );

export interface ImportProgress {
  (done: number, total: number, item: PlannedItem): void;
}

/**
 * Project libraries (docs/library-format.md): a file is parsed (JSON or YAML), checked whole
 * (library/validate.ts), planned against the app (each item added, changed — with the settings
 * that differ — or the same), and applied in one transaction through the document service, so the
 * same validation, events and caches as the admin apply. Re-importing the same file changes
 * nothing. Export writes the chosen items back as a file.
 */
/** The plugin's `presets/` folder (beside its package.json, from the sources or the build). */
function presetsDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'presets'))) return path.join(dir, 'presets');
  }
  throw new Error('the plugin has no presets folder');
}

const createLibrariesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const keysOf = async (uid: string, field = 'key') => new Set((await strapi.db.query(uid as any).findMany({ select: [field] })).map((r: any) => r[field] as string));

  const rowKey = (section: Section, identity: string) => `${section}\u0000${identity}`;

  async function current(section: Section, identity: string) {
    const map = SECTION_MAP[section];
    return strapi.documents(map.uid as any).findFirst({ filters: { [map.identity]: identity }, populate: map.populate } as any) as Promise<any>;
  }

  /**
   * Each open ticket of a template a newer version changed gets an internal timeline event saying
   * what changed (closed tickets keep what they had: nothing is written to them).
   */
  async function tellOpenTickets(template: any, change: TemplateChange) {
    const tickets: any[] = await strapi.db.query(TICKET_UID as any).findMany({ where: { template: { id: template.id }, closedAt: null }, select: ['id', 'documentId'] });
    const events = getService('events', { strapi });
    for (const ticket of tickets) {
      await events.record(ticket, { type: EVENT_TYPES.templateUpdated, visibility: 'internal', changes: change as unknown as Record<string, unknown> });
    }
  }

  const service = {
    /** The industry presets shipped with the plugin: file name (without .yaml) → its heading. */
    presets(): { preset: string; key: string; name: Library['name']; industry: string; version: string; description?: string }[] {
      const dir = presetsDir();
      return readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => {
          const library = YAML.parse(readFileSync(path.join(dir, f), 'utf8')) as Library;
          return { preset: f.replace(/\.yaml$/, ''), key: library.key, name: library.name, industry: library.industry, version: library.version, description: library.description };
        });
    },

    /** A preset's text, by its file name (`home-appliance`). */
    presetText(preset: string): string | null {
      if (!/^[a-z][a-z0-9-]{0,63}$/.test(preset)) return null;
      const file = path.join(presetsDir(), `${preset}.yaml`);
      return existsSync(file) ? readFileSync(file, 'utf8') : null;
    },

    /** A file's text (JSON or YAML) or an already parsed object → the library object. */
    parse(input: unknown): unknown {
      if (typeof input !== 'string') return input;
      try {
        return YAML.parse(input);
      } catch (error) {
        throw libraryError([{ pointer: '', message: `is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}` }]);
      }
    },

    /** Every problem of the file with its JSON pointer; throws a ValidationError listing them. */
    async check(input: unknown): Promise<Library> {
      const file = this.parse(input);
      const errors = validateLibrary(file, {
        settlementTiers: await keysOf(TIER_UID),
        slaPolicies: await keysOf(SLA_POLICY_UID),
        approvalPolicies: await keysOf(APPROVAL_POLICY_UID),
        regionCodes: await keysOf(REGION_UID, 'code'),
      });
      if (errors.length) throw libraryError(errors);
      return file as Library;
    },

    /**
     * What importing the file would do, item by item (nothing is written). Each setting is
     * compared three ways — the app's value, the file's, and what the library's last import
     * brought (its `project-library` record): a setting the app never moved from the last import
     * takes the file's; one edited in the app while the library kept it stays as edited; one both
     * changed is a conflict.
     */
    async plan(input: unknown): Promise<{ library: Library; items: PlannedItem[] }> {
      const { library, items } = await this.planWithRows(input);
      return { library, items };
    },

    /** The plan, and the app's rows it was made from (the import writes to them without reading them again). */
    async planWithRows(input: unknown): Promise<{ library: Library; items: PlannedItem[]; rows: Map<string, any> }> {
      const library = await this.check(input);
      const rows = new Map<string, any>();
      const record: any = await strapi.db.query(LIBRARY_UID as any).findOne({ where: { key: library.key }, select: ['content'] });
      const last: Library | null = record?.content ?? null;
      const items: PlannedItem[] = [];
      for (const section of SECTIONS) {
        const identityOf = (i: Record<string, any>) => i[SECTION_MAP[section].identity];
        for (const item of library[section] ?? []) {
          const identity = identityOf(item);
          const row = await current(section, identity);
          if (row) rows.set(rowKey(section, identity), row);
          if (!row) {
            items.push({ section, key: identity, action: 'add', changes: [] });
            continue;
          }
          const stored = itemOf(section, row);
          const imported = (last?.[section] ?? []).find((i) => identityOf(i) === identity) ?? null;
          const changes: Change[] = [];
          for (const field of Object.keys(item)) {
            const [before, after] = [stored[field] ?? null, item[field] ?? null];
            if (isDeepStrictEqual(before, after)) continue;
            const base = imported ? imported[field] ?? null : undefined;
            const editedHere = base !== undefined && !isDeepStrictEqual(before, base);
            const libraryChanged = base === undefined || !isDeepStrictEqual(after, base);
            if (!editedHere) changes.push({ field, before, after });
            else if (libraryChanged) changes.push({ field, before, after, imported: base, conflict: true });
          }
          const pinned = section === 'templates' && row.libraryPinned === true && row.libraryVersion !== library.version && changes.length > 0;
          const action = pinned ? 'pinned' : changes.some((c) => c.conflict) ? 'conflict' : changes.length ? 'change' : 'same';
          items.push({ section, key: identity, action, changes });
        }
      }
      return { library, items, rows };
    },

    /**
     * Imports the file in one transaction: a problem anywhere applies nothing and is answered
     * with its pointer. Items the same as in the app are not written; conflicts are left as the
     * app has them (and counted) unless `overwrite`.
     */
    async apply(input: unknown, progress?: ImportProgress, options: { overwrite?: boolean } = {}) {
      const { library, items, rows } = await this.planWithRows(input);
      // A conflicting setting stays as the app has it unless the import is told to overwrite; the
      // item's other changes are written (the next import compares against this one).
      const applied = (item: PlannedItem) => (item.action === 'pinned' ? [] : item.changes.filter((c) => !c.conflict || options.overwrite));
      const toWrite = items.filter((i) => i.action === 'add' || applied(i).length > 0);
      // Templates remember the library version they follow (a pinned one keeps its own).
      const stamp = { libraryKey: library.key, libraryVersion: library.version };
      await strapi.db.transaction(async () => {
        const tiers = new Map<string, string>();
        for (const t of await strapi.db.query(TIER_UID as any).findMany({ select: ['key', 'documentId'] })) tiers.set(t.key, t.documentId);
        let done = 0;
        for (const planned of toWrite) {
          const { section } = planned;
          const index = (library[section] ?? []).findIndex((i) => i[SECTION_MAP[section].identity] === planned.key);
          const item = library[section]![index];
          const uid = SECTION_MAP[section].uid as any;
          try {
            const stamped = section === 'templates' ? stamp : {};
            if (planned.action === 'add') {
              const created: any = await strapi.documents(uid).create({ data: { ...dataOf(section, item, tiers), ...stamped } } as any);
              if (section === 'settlementTiers') tiers.set(created.key, created.documentId);
            } else {
              const row = rows.get(rowKey(section, planned.key));
              const changes = applied(planned);
              const changed = Object.fromEntries(changes.map((c) => [c.field, item[c.field]]));
              await strapi.documents(uid).update({ documentId: row.documentId, data: { ...dataOf(section, changed, tiers), ...stamped } } as any);
              if (section === 'templates') await tellOpenTickets(row, templateChange({ key: library.key, version: library.version, previous: row.libraryVersion ?? null }, changes));
            }
          } catch (error: any) {
            // The document service's own check of the item: its paths, under the item's pointer.
            const list: any[] = error?.details?.errors;
            if (!Array.isArray(list)) throw error;
            throw libraryError(list.map((e) => ({ pointer: `${pointerOf([section, index])}${pointerOf(e.path ?? [])}`, message: e.message })));
          }
          progress?.(++done, toWrite.length, planned);
        }
        // Unchanged templates of an older version move to this one (no event: nothing changed).
        for (const planned of items.filter((i) => i.section === 'templates' && i.action === 'same')) {
          const row = rows.get(rowKey('templates', planned.key));
          if (!row.libraryPinned && (row.libraryVersion !== library.version || row.libraryKey !== library.key)) {
            await strapi.db.query(SECTION_MAP.templates.uid as any).update({ where: { id: row.id }, data: stamp });
          }
        }
        const record = { key: library.key, name: library.name['zh-Hans'], industry: library.industry, version: library.version, content: library };
        const existing: any = await strapi.documents(LIBRARY_UID as any).findFirst({ filters: { key: library.key } } as any);
        if (!existing) await strapi.documents(LIBRARY_UID as any).create({ data: record } as any);
        else if (existing.version !== library.version || toWrite.length) await strapi.documents(LIBRARY_UID as any).update({ documentId: existing.documentId, data: record } as any);
      });
      return {
        key: library.key,
        version: library.version,
        added: items.filter((i) => i.action === 'add').length,
        changed: items.filter((i) => i.action === 'change').length,
        same: items.filter((i) => i.action === 'same').length,
        conflicts: items.filter((i) => i.action === 'conflict').length,
        pinned: items.filter((i) => i.action === 'pinned').length,
        overwritten: options.overwrite ? items.filter((i) => i.action === 'conflict').length : 0,
        items,
      };
    },

    /**
     * The chosen items as a library file (`selection`: per section the keys — rule names — to
     * take, or `true` for all). The tiers the chosen templates use come along.
     */
    async export(meta: Pick<Library, 'key' | 'name' | 'industry' | 'version'> & { description?: string }, selection: Partial<Record<Section, string[] | true>>): Promise<Library> {
      const library: Library = { ...meta };
      const wanted = { ...selection };
      for (const section of [...SECTIONS].reverse()) {
        const pick = wanted[section];
        if (!pick) continue;
        const map = SECTION_MAP[section];
        const filters = pick === true ? {} : { [map.identity]: { $in: pick } };
        const rows: any[] = await strapi.documents(map.uid as any).findMany({ filters, populate: map.populate, sort: [{ [map.identity]: 'asc' }] } as any);
        library[section] = rows.map((row) => itemOf(section, row));
        if (section === 'templates') {
          const used = [...new Set(rows.map((r) => r.settlementTier?.key).filter(Boolean))] as string[];
          const tiers = wanted.settlementTiers;
          if (used.length && tiers !== true) wanted.settlementTiers = [...new Set([...(tiers ?? []), ...used])];
        }
      }
      // Sections in the file's documented order.
      const ordered: Library = { key: library.key, name: library.name, industry: library.industry, version: library.version };
      if (library.description) ordered.description = library.description;
      for (const section of ['templates', 'slaPolicies', 'routingRules', 'approvalPolicies', 'settlementTiers', 'priceLists'] as Section[]) {
        if (library[section]) ordered[section] = library[section];
      }
      return ordered;
    },
  };
  return service;
};

export type LibrariesService = ReturnType<typeof createLibrariesService>;
export default createLibrariesService;
