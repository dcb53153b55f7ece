import { apiToken, bearer, createTemplate, http, postTicket } from '../helpers/fixtures';

describe('malformed input never causes a 500', () => {
  let template: any;
  let ticket: any;
  beforeAll(async () => {
    template = await createTemplate();
    ticket = (await postTicket({ templateKey: template.key, title: '基准', fields: { summary: 'x' } })).body.data;
  });

  it('answers malformed JSON with 400', async () => {
    const res = await http()
      .post('/api/scrm-tickets/tickets')
      .set(bearer(await apiToken()))
      .set('Content-Type', 'application/json')
      .send('{"data": {"title": ');
    expect(res.status).toBe(400);
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await postTicket({ templateKey: template.key, title: 'x', fields: { summary: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
  });

  const cases: Array<[string, unknown, string[]]> = [
    ['data is an array', [], ['data']],
    ['data is a string', 'ticket', ['data']],
    ['fields is a string', { templateKey: 'K', title: 'x', fields: 'summary' }, ['fields']],
    ['templateKey is a number', { templateKey: 42, title: 'x', fields: {} }, ['templateKey']],
    ['the template is unknown', { templateKey: 'nope', title: 'x', fields: {} }, ['templateKey']],
    ['reportedAt is garbage', { templateKey: 'K', title: 'x', fields: { summary: 'x' }, reportedAt: 'soon' }, ['reportedAt']],
    ['a field holds a huge string', { templateKey: 'K', title: 'x', fields: { summary: 'x'.repeat(200_000) } }, ['fields', 'summary']],
    ['the title is huge', { templateKey: 'K', title: 'x'.repeat(5000), fields: { summary: 'x' } }, ['title']],
  ];

  it.each(cases)('answers 400 with the path when %s', async (_, data, path) => {
    const body = typeof data === 'object' && data !== null && !Array.isArray(data) && (data as any).templateKey === 'K'
      ? { ...(data as object), templateKey: template.key }
      : data;
    const res = await http().post('/api/scrm-tickets/tickets').set(bearer(await apiToken())).send({ data: body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(path);
  });

  // Postgres refuses to store U+0000 in text and jsonb (SQLite takes it): a 400 naming where it
  // was, on both databases, and nothing written.
  it.each<[string, (key: string) => Promise<any>, string[]]>([
    ['a title', (key) => postTicket({ templateKey: key, title: 'a\u0000b', fields: { summary: 'x' } }), ['data', 'title']],
    ['a field', (key) => postTicket({ templateKey: key, title: 'nul', fields: { summary: 'x\u0000' } }), ['data', 'fields', 'summary']],
    [
      'a batch item',
      async (key) =>
        http()
          .post('/api/scrm-tickets/tickets/batch')
          .set(bearer(await apiToken()))
          .send({ data: [{ templateKey: key, title: 'nul ok', fields: { summary: 'x' } }, { templateKey: key, title: 'nul', fields: { summary: 'x' }, tags: ['a\u0000'] }] }),
      ['data', 1, 'tags', 0],
    ],
  ])('answers text holding a NUL character in %s with 400 and its path', async (_, send, path) => {
    const before = await http().get('/api/scrm-tickets/tickets').query({ filters: { title: { $startsWith: 'nul' } } }).set(bearer(await apiToken()));
    const res = await send(template.key);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { errors: [{ path }] } });
    const after = await http().get('/api/scrm-tickets/tickets').query({ filters: { title: { $startsWith: 'nul' } } }).set(bearer(await apiToken()));
    expect(after.body.meta.pagination.total).toBe(before.body.meta.pagination.total);
  });

  it.each([
    ['an unknown filter field', { filters: { nope: { $eq: 1 } } }],
    ['an unknown sort field', { sort: 'nope:asc' }],
    ['an unknown populate', { populate: 'nope' }],
    // Found by the fuzz (tests/api/fuzz.spec.ts): a list where the filters' map belongs.
    ['filters that are a list', { filters: [''] }],
    ['a filter value that is a list', { filters: { title: ['a', 'b'] } }],
    ['an operator with no attribute', { filters: { $eq: '' } }],
    ['empty fields', { fields: '' }],
    ['a sort that is a path', { sort: '../..' }],
  ])('answers a list query with %s with 400', async (_, query) => {
    const res = await http().get('/api/scrm-tickets/tickets').query(query).set(bearer(await apiToken()));
    expect(res.status).toBe(400);
  });

  it.each([
    ['version is a string', { version: '1', title: 'x' }, ['version']],
    ['state is an object', { version: 1, state: { to: 'closed' } }, ['state']],
  ])('answers an update where %s with 400', async (_, data, path) => {
    const res = await http()
      .put(`/api/scrm-tickets/tickets/${ticket.documentId}`)
      .set(bearer(await apiToken()))
      .send({ data });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(path);
  });
});

describe('malformed workflow input never causes a 500', () => {
  let ticket: any;
  beforeAll(async () => {
    const template = await createTemplate();
    ticket = (await postTicket({ templateKey: template.key, title: '流程', fields: { summary: 'x' } })).body.data;
  });
  const post = async (path: string, body: unknown) =>
    http().post(`/api/scrm-tickets/tickets/${ticket.documentId}/${path}`).set(bearer(await apiToken())).send(body as any);

  it.each<[string, string, unknown, string[]]>([
    ['to is an object', 'transitions', { to: { state: 'closed' }, version: 1 }, ['to']],
    ['to is a huge string', 'transitions', { to: 'x'.repeat(10_000), version: 1 }, ['to']],
    ['version is a string', 'transitions', { to: 'assigned', version: '1' }, ['version']],
    ['version is negative', 'transitions', { to: 'assigned', version: -3 }, ['version']],
    ['comment is a list', 'transitions', { to: 'assigned', version: 1, comment: ['a'] }, ['comment']],
    ['the decision is missing', 'approvals', { version: 1 }, ['decision']],
    ['the body is a string', 'approvals', 'approve', ['decision']],
  ])('answers 400 with the path when %s', async (_, path, body, errorPath) => {
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(errorPath);
    const stored = await http().get(`/api/scrm-tickets/tickets/${ticket.documentId}`).set(bearer(await apiToken()));
    expect([stored.body.data.state, stored.body.data.version]).toEqual(['new', 1]);
  });

  it.each<[string, unknown, string[]]>([
    ['a checklist that is a list', [['x']], ['checklist']],
    ['a checklist naming a state without one', { new: ['x'] }, ['checklist', 'new']],
    ['a state that is a number', 7, ['state']],
  ])('answers a PUT with %s with 400', async (_, value, errorPath) => {
    const key = errorPath[0];
    const res = await http()
      .put(`/api/scrm-tickets/tickets/${ticket.documentId}`)
      .set(bearer(await apiToken()))
      .send({ data: { version: 1, [key]: value } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(errorPath);
  });
});
