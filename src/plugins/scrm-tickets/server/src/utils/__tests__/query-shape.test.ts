import { assertFieldsShape, assertFiltersShape, assertSortShape } from '../query-shape';

const pathsOf = (filters: unknown): unknown => {
  try {
    assertFiltersShape(filters);
    return [];
  } catch (error: any) {
    return error.details.errors.map((e: any) => e.path.join('.'));
  }
};

describe('the fields of a list query', () => {
  const check = (fields: unknown) => {
    try {
      assertFieldsShape(fields, ['title', 'state']);
      return 'ok';
    } catch (error: any) {
      return error.details.errors[0].path.join('.');
    }
  };
  it('name attributes of the type, as a list or comma-separated', () => {
    expect([check(undefined), check('title'), check('title,state'), check(['title', 'documentId'])]).toEqual(['ok', 'ok', 'ok', 'ok']);
    // ?fields= : a column named "" on Postgres.
    expect([check(''), check('title,'), check(['nope']), check({ a: 1 }), check([])]).toEqual(['fields', 'fields', 'fields', 'fields', 'fields']);
  });
});

describe('the sort of a list query', () => {
  const check = (sort: unknown) => {
    try {
      assertSortShape(sort, ['title', 'createdAt', 'template']);
      return 'ok';
    } catch {
      return 'refused';
    }
  };
  it('names attributes (or a path into a relation) with asc or desc', () => {
    expect([check(undefined), check('title'), check('title:asc,createdAt:DESC'), check(['createdAt:desc']), check({ title: 'asc' }), check('template.key:asc')]).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    // ?sort=../.. : a column named ".." on Postgres.
    expect([check('../..'), check('title:up'), check('nope:asc'), check(''), check('title:asc:x'), check({ title: { $eq: 1 } })]).toEqual([
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
  });
});

describe('the shape of a list query’s filters', () => {
  it('takes maps of attributes and operators, nested relations, and lists under $and, $or and $in', () => {
    expect(pathsOf(undefined)).toEqual([]);
    expect(pathsOf({ title: { $containsi: '空调' }, state: 'new', template: { key: { $eq: 'repair' } } })).toEqual([]);
    expect(pathsOf({ $or: [{ priority: { $in: ['high', 'urgent'] } }, { $not: { state: { $eq: 'closed' } } }], createdAt: { $between: ['2026-01-01', '2026-12-31'] } })).toEqual(
      [],
    );
    expect(pathsOf({ title: { $not: { $containsi: '测试' } }, template: { key: 'repair' } })).toEqual([]);
  });

  it('refuses lists where a map or one value belongs, numbered keys and maps as operands — each at its path', () => {
    // ?filters[0]= : the list the query engine would read as a column named "0".
    expect(pathsOf([''])).toEqual(['filters']);
    expect(pathsOf('title')).toEqual(['filters']);
    expect(pathsOf({ 0: '' })).toEqual(['filters.0']);
    // ?filters[$eq]= : an operator with no attribute to apply to.
    expect(pathsOf({ $eq: '' })).toEqual(['filters.$eq']);
    expect(pathsOf({ $or: [{ $in: ['a'] }] })).toEqual(['filters.$or.0.$in']);
    expect(pathsOf({ title: ['a', 'b'], state: { $eq: ['new'] }, $or: { a: 1 }, priority: { $eq: { $ne: 1 } } })).toEqual([
      'filters.title',
      'filters.state.$eq',
      'filters.$or',
      'filters.priority.$eq',
    ]);
  });
});
