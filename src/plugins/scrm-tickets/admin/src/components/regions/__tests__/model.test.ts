import { childLevel, coefficientProblem, treeOrder, type RegionRow } from '../model';

const row = (id: number, code: string, parentId: number | null): RegionRow => ({
  id,
  documentId: `d${id}`,
  code,
  name: code,
  level: 'city',
  cityTier: null,
  priceCoefficient: null,
  calendar: 'CN',
  parentId,
  effectiveCoefficient: '1',
});

describe('the region editor model', () => {
  it('orders regions as a tree: each after its parent, siblings by code; an orphan and a loop still shown', () => {
    const rows = [row(3, 'SH-PD', 2), row(1, 'EAST', null), row(2, 'SH', 1), row(4, 'JS', 1), row(5, 'LOST', 99), row(6, 'A', 7), row(7, 'B', 6)];
    expect(treeOrder(rows).map(({ row: r, depth }) => `${depth}:${r.code}`)).toEqual(['0:EAST', '1:JS', '1:SH', '2:SH-PD', '0:LOST', '0:A', '0:B']);
  });

  it('checks a coefficient by the schema’s own rule, and suggests the next level for a child', () => {
    expect(coefficientProblem('1.2')).toBeNull();
    expect(coefficientProblem('')).toBeNull();
    expect(coefficientProblem('1.2.3')).toBe('regions.error.coefficient');
    expect(coefficientProblem('-1')).toBe('regions.error.coefficient');
    expect(coefficientProblem('1.23456')).toBe('regions.error.coefficient');
    expect(childLevel('province')).toBe('city');
    expect(childLevel('store')).toBe('store');
  });
});
