import {
  apiToken, bearer, createCustomerLogin, createTemplate, eventsOf, grantCustomerRole, http, postTicket,
} from '../helpers/fixtures';

const comment = async (documentId: string, data: unknown, token?: string) =>
  http()
    .post(`/api/scrm-tickets/tickets/${documentId}/comments`)
    .set(bearer(token ?? (await apiToken())))
    .send({ data });

describe('comments: public replies and internal notes', () => {
  let customer: Awaited<ReturnType<typeof createCustomerLogin>>;
  let ticket: any;
  let fileId: number;

  beforeAll(async () => {
    await grantCustomerRole();
    customer = await createCustomerLogin('孙女士');
    const template = await createTemplate();
    ticket = (
      await postTicket({ templateKey: template.key, title: '热水器漏水', fields: { summary: '漏水' }, customer: customer.customerId })
    ).body.data;
    const upload = await http()
      .post('/api/upload')
      .set(bearer(await apiToken()))
      .attach('files', Buffer.from('fake-jpeg-bytes'), { filename: 'leak.jpg', contentType: 'image/jpeg' });
    expect(upload.status).toBe(201);
    fileId = upload.body[0].id;
  });

  it('stores a public reply with an attachment and an internal note as events', async () => {
    const reply = await comment(ticket.documentId, { body: '师傅明天上午上门', attachments: [fileId] });
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({ type: 'comment', visibility: 'public', body: '师傅明天上午上门' });
    expect(reply.body.data.attachments.map((f: any) => f.id)).toEqual([fileId]);
    const note = await comment(ticket.documentId, { body: '客户情绪激动，注意安抚', visibility: 'internal' });
    expect(note.status).toBe(201);
    const types = (await eventsOf(ticket.documentId)).map((e) => `${e.type}:${e.visibility}`);
    expect(types).toEqual(['created:public', 'comment:public', 'comment:internal']);
  });

  it('hides internal notes from the customer', async () => {
    const res = await http().get(`/api/scrm-tickets/tickets/${ticket.documentId}/events`).set(bearer(customer.jwt));
    expect(res.status).toBe(200);
    const bodies = res.body.data.map((e: any) => e.body);
    expect(bodies).toContain('师傅明天上午上门');
    expect(JSON.stringify(res.body)).not.toContain('注意安抚');
  });

  it('lets the customer reply publicly but not write an internal note', async () => {
    const reply = await comment(ticket.documentId, { body: '好的，谢谢' }, customer.jwt);
    expect(reply.status).toBe(201);
    expect(reply.body.data.actor.kind).toBe('user');
    const note = await comment(ticket.documentId, { body: '偷看', visibility: 'internal' }, customer.jwt);
    expect(note.status).toBe(403);
  });

  it("answers 404 to a customer commenting on someone else's ticket", async () => {
    const other = await createCustomerLogin('周先生');
    const res = await comment(ticket.documentId, { body: '路过' }, other.jwt);
    expect(res.status).toBe(404);
  });

  it.each([
    ['an empty body', { body: '   ' }, ['body']],
    ['a bad visibility', { body: 'x', visibility: 'secret' }, ['visibility']],
    ['an attachment that is not an id', { body: 'x', attachments: ['a'] }, ['attachments', '0']],
    ['an attachment that does not exist', { body: 'x', attachments: [987654] }, ['attachments', '0']],
  ])('rejects %s with its path and writes nothing', async (_, data, path) => {
    const before = (await eventsOf(ticket.documentId)).length;
    const res = await comment(ticket.documentId, data);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(path);
    expect(await eventsOf(ticket.documentId)).toHaveLength(before);
  });
});
