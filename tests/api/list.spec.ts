import { apiToken, bearer, createTemplate, http, postTicket } from '../helpers/fixtures';

describe('GET /api/scrm-tickets/tickets', () => {
  it('filters, sorts and paginates with Strapi query parameters', async () => {
    const template = await createTemplate();
    const tag = `列表${Date.now()}`;
    const created = [];
    for (let i = 0; i < 3; i++) {
      created.push((await postTicket({ templateKey: template.key, title: `${tag} ${i}`, fields: { summary: 'x' } })).body.data);
    }
    const res = await http()
      .get('/api/scrm-tickets/tickets')
      .query({ filters: { title: { $startsWith: tag }, state: 'new' }, sort: 'number:desc', pagination: { page: 1, pageSize: 2 } })
      .set(bearer(await apiToken()));
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: any) => t.number)).toEqual([created[2].number, created[1].number]);
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 2, total: 3, pageCount: 2 });
  });
});
