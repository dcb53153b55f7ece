// The region editor's model: the flat regions the server answers as a tree in reading order, and
// a coefficient checked as typed by the rule the region's schema itself holds (one source).
import regionSchema from '../../../../server/src/content-types/region/schema.json';

export interface RegionRow {
  id: number;
  documentId: string;
  code: string;
  name: string;
  level: 'area' | 'province' | 'city' | 'store';
  cityTier: number | null;
  priceCoefficient: string | null;
  calendar: string | null;
  parentId: number | null;
  /** What prices are multiplied by there now: its own, else inherited, else its city tier's, else 1. */
  effectiveCoefficient: string;
}

export const LEVELS = regionSchema.attributes.level.enum as RegionRow['level'][];
const COEFFICIENT = new RegExp(regionSchema.attributes.priceCoefficient.regex);

/** Each region after its parent, children in code order, with its depth; a region whose parent is gone (or a loop) is shown at the top. */
export function treeOrder(rows: RegionRow[]): { row: RegionRow; depth: number }[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, RegionRow[]>();
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: { row: RegionRow; depth: number }[] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, depth: number) => {
    for (const row of [...(children.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code))) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      out.push({ row, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  // Rows in a loop of parents reach no root: shown at the top rather than lost.
  for (const row of rows) if (!seen.has(row.id)) out.push({ row, depth: 0 });
  return out;
}

/** The level a new child of `level` usually has (a province's child is a city). */
export const childLevel = (level: RegionRow['level']): RegionRow['level'] => LEVELS[Math.min(LEVELS.indexOf(level) + 1, LEVELS.length - 1)];

/** Null when fine, else the problem key (the server checks the same rule on save). */
export const coefficientProblem = (text: string): string | null => (text === '' || COEFFICIENT.test(text) ? null : 'regions.error.coefficient');
