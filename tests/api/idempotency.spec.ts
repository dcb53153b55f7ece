import { createTemplate, postTicket, TICKET_UID } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const countByTitle = (title: string) => strapi().documents(TICKET_UID as any).count({ filters: { title } } as any);

describe('idempotent creates', () => {
  let template: any;
  beforeAll(async () => {
    template = await createTemplate();
  });

  it('returns the first ticket on a retry with the same Idempotency-Key header', async () => {
    const key = `order-${Date.now()}`;
    const data = { templateKey: template.key, title: `幂等 ${key}`, fields: { summary: 'x' } };
    const first = await postTicket(data, { 'Idempotency-Key': key });
    const retry = await postTicket(data, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(retry.body.data.documentId).toBe(first.body.data.documentId);
    expect(retry.body.data.number).toBe(first.body.data.number);
    expect(await countByTitle(data.title)).toBe(1);
  });

  it('accepts the key in the body as idempotencyKey', async () => {
    const key = `body-${Date.now()}`;
    const data = { templateKey: template.key, title: `幂等体 ${key}`, fields: { summary: 'x' }, idempotencyKey: key };
    const first = await postTicket(data);
    const retry = await postTicket(data);
    expect(retry.body.data.documentId).toBe(first.body.data.documentId);
    expect(await countByTitle(data.title)).toBe(1);
  });

  it('creates one ticket when 10 identical requests race', async () => {
    const key = `race-${Date.now()}`;
    const data = { templateKey: template.key, title: `竞争 ${key}`, fields: { summary: 'x' } };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postTicket(data, { 'Idempotency-Key': key }))
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.data.documentId)).size).toBe(1);
    expect(await countByTitle(data.title)).toBe(1);
  });

  it('rejects a malformed key with its path', async () => {
    const res = await postTicket(
      { templateKey: template.key, title: 'x', fields: { summary: 'x' } },
      { 'Idempotency-Key': 'has spaces in it' }
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['idempotencyKey']);
  });
});
