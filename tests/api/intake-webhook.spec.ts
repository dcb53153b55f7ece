import { createHmac } from 'node:crypto';
import { adminToken, apiToken, bearer, createTemplate, http, postTicket, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const SOURCE_UID = 'plugin::scrm-tickets.intake-source';
const TICKET_UID = 'plugin::scrm-tickets.ticket';
const FIELDS = [
  { key: 'orderNumber', label: { 'zh-Hans': '订单号' }, type: 'text', required: true },
  { key: 'reason', label: { 'zh-Hans': '原因' }, type: 'textarea' },
];

describe('e-commerce and system webhooks (POST /api/scrm-tickets/intake/:sourceKey)', () => {
  const secret = 'jd-shop-secret-0123456789';
  let source: any;
  const sign = (body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
    'content-type': 'application/json',
    'x-scrm-timestamp': String(timestamp),
    'x-scrm-signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  });
  const send = (body: string, headers: Record<string, string>, key = source.key) => http().post(`/api/scrm-tickets/intake/${key}`).set(headers).send(body);
  const count = () => strapi().db.query(TICKET_UID as any).count({ where: { idempotencyKey: { $startsWith: `webhook:${source.key}:` } } });
  const event = (id: string, order: Record<string, unknown> = { no: 'JD20261125001' }) => JSON.stringify({ id, type: 'refund_requested', title: '京东售后申请', order, reason: '尺码不合适', amount: 19900 });

  beforeAll(async () => {
    const template = await createTemplate({ fieldDefinitions: FIELDS });
    source = await strapi().documents(SOURCE_UID as any).create({
      data: {
        key: unique('jd').toLowerCase(), name: '京东店铺售后', secret, templateKey: template.key, eventIdPath: 'id',
        mapping: { title: 'title', fields: { orderNumber: 'order.no', reason: 'reason' }, amountFen: 'amount', externalRef: 'order.no' },
      } as any,
    });
  });

  it('turns a signed event into a ticket of the source’s template, tagged with its entry', async () => {
    const body = event(unique('evt'));
    const res = await send(body, sign(body));
    expect(res.status).toBe(201);
    const ticket: any = await strapi().documents(TICKET_UID as any).findOne({ documentId: res.body.data.documentId } as any);
    expect([ticket.title, ticket.source, ticket.tags, ticket.fields, ticket.amountFen, ticket.externalRef]).toEqual([
      '京东售后申请', `webhook:${source.key}`, [`webhook:${source.key}`], { orderNumber: 'JD20261125001', reason: '尺码不合适' }, 19900, 'JD20261125001',
    ]);
    expect(res.body.data.number).toMatch(/^GD\d{8}-\d{6}$/);
  });

  it('makes one ticket of an event delivered again, and answers the retry with it', async () => {
    const id = unique('evt');
    const body = event(id);
    const first = await send(body, sign(body));
    const before = await count();
    const again = await send(body, sign(body));
    expect([first.status, again.status, again.body.data.documentId, again.body.data.created]).toEqual([201, 200, first.body.data.documentId, false]);
    expect(await count()).toBe(before);
  });

  it('refuses a wrong signature, a replayed timestamp and an unknown source, saving nothing', async () => {
    const before = await count();
    const body = event(unique('evt'));
    const forged = { ...sign(body), 'x-scrm-signature': `sha256=${'0'.repeat(64)}` };
    expect((await send(body, forged)).status).toBe(401);
    // The body changed after signing.
    expect((await send(body.replace('19900', '1'), sign(body))).status).toBe(401);
    const stale = sign(body, Math.floor(Date.now() / 1000) - 400);
    const replay = await send(body, stale);
    expect([replay.status, replay.body.error.message]).toEqual([401, expect.stringContaining('X-Scrm-Timestamp')]);
    expect((await send(body, sign(body), 'nowhere')).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('answers a payload that lacks a required field with 400 naming it, and saves nothing', async () => {
    const before = await count();
    const body = event(unique('evt'), {});
    const res = await send(body, sign(body));
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path)).toEqual([['fields', 'orderNumber']]);
    const noId = JSON.stringify({ title: 'x' });
    expect((await send(noId, sign(noId))).body.error.details.errors[0].path).toEqual(['body', 'id']);
    expect(await count()).toBe(before);
  });

  it('checks a source’s mapping and template on save, and never shows its secret', async () => {
    const jwt = await adminToken();
    const bad = await http().post(`/content-manager/collection-types/${SOURCE_UID}`).set(bearer(jwt)).send({
      key: unique('bad').toLowerCase(), name: '坏来源', secret, templateKey: 'nope', eventIdPath: 'id..x', mapping: { fields: { a: 'b c' }, color: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['eventIdPath', 'mapping.fields.a', 'mapping.color', 'templateKey']);
    const gql = await http().post('/graphql').set(bearer(await apiToken())).send({ query: '{ scrmTicketsIntakeSources { key secret } }' });
    expect(gql.body.errors?.[0]?.message ?? '').toMatch(/Cannot query field/);
  });
});

describe('source report (GET /scrm-tickets/reports/sources)', () => {
  it('counts tickets by entry with their average minutes to first response and to resolution', async () => {
    const template = await createTemplate({ fieldDefinitions: FIELDS });
    const reportedAt = '2024-02-10T10:00:00+08:00';
    const at = (minutes: number) => new Date(new Date(reportedAt).getTime() + minutes * 60_000);
    const make = async (source: string, times: { firstRespondedAt?: Date; resolvedAt?: Date }) => {
      const res = await postTicket({ templateKey: template.key, title: `来源 ${source}`, fields: { orderNumber: 'X1' }, reportedAt, source });
      expect(res.status).toBe(201);
      await strapi().db.query(TICKET_UID as any).update({ where: { id: res.body.data.id }, data: times });
    };
    await make('webhook:jd_shop', { firstRespondedAt: at(10), resolvedAt: at(60) });
    await make('webhook:jd_shop', { firstRespondedAt: at(20) });
    await make('h5', { resolvedAt: at(120) });
    const jwt = await adminToken();
    const res = await http().get('/scrm-tickets/reports/sources?from=2024-02-01&to=2024-03-01').set(bearer(jwt));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      from: '2024-02-01',
      to: '2024-03-01',
      sources: [
        { source: 'webhook:jd_shop', tickets: 2, responded: 2, avgFirstResponseMinutes: 15, resolved: 1, avgResolutionMinutes: 60 },
        { source: 'h5', tickets: 1, responded: 0, avgFirstResponseMinutes: null, resolved: 1, avgResolutionMinutes: 120 },
      ],
    });
    const bad = await http().get('/scrm-tickets/reports/sources?from=2024-13-01&to=yesterday').set(bearer(jwt));
    expect(bad.body.error.details.errors.map((e: any) => e.path[0])).toEqual(['from', 'to']);
  });

  it('takes only the known entries as a ticket’s source', async () => {
    const template = await createTemplate({ fieldDefinitions: FIELDS });
    const count = () => strapi().db.query(TICKET_UID as any).count({ where: { template: { key: template.key } } });
    for (const source of ['webhook:', 'wechat', 'webhook:京东', 'h5 ']) {
      const res = await postTicket({ templateKey: template.key, title: '来源', fields: { orderNumber: 'X1' }, source });
      expect([res.status, res.body.error?.details?.errors?.[0]?.path]).toEqual([400, ['source']]);
    }
    expect(await count()).toBe(0);
    for (const source of ['mini_program', 'official_account', 'wecom_sidebar', 'webhook:tmall.flagship']) {
      expect((await postTicket({ templateKey: template.key, title: '来源', fields: { orderNumber: 'X1' }, source })).status).toBe(201);
    }
  });
});
