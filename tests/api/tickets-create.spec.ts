import { createTemplate, postTicket, eventsOf } from '../helpers/fixtures';

const VALID = {
  summary: '洗衣机不脱水',
  detail: '脱水时噪音很大，然后停机',
  quantity: 1,
  claimFen: 12900,
  purchaseDate: '2026-03-15',
  visitAt: '2026-11-25T10:00:00+08:00',
  channel: 'tmall',
  symptoms: ['noise', 'leak'],
  leakVolume: 'drip',
  underWarranty: true,
  contactMobile: '13912345678',
  contactEmail: 'wang@example.com',
  photos: [1, 2],
  store: 'store-sh-001',
  site: { lat: 31.2304, lng: 121.4737 },
};

// One invalid value per field type, with the path the error must carry.
const INVALID: Array<[string, unknown]> = [
  ['summary', 42],
  ['detail', { text: 'x' }],
  ['quantity', '3'],
  ['claimFen', 12.5],
  ['purchaseDate', '2026-02-30'],
  ['visitAt', '2026-11-25 10:00'],
  ['channel', 'jd'],
  ['symptoms', ['noise', 'smoke']],
  ['underWarranty', 'yes'],
  ['contactMobile', '1234567'],
  ['contactEmail', 'not-an-email'],
  ['photos', ['a']],
  ['store', ''],
  ['site', { lat: 120, lng: 0 }],
];

describe('POST /api/scrm-tickets/tickets', () => {
  let template: any;
  beforeAll(async () => {
    template = await createTemplate();
  });

  it('creates a ticket with every field type, a number, version 1 and a created event', async () => {
    const res = await postTicket({ templateKey: template.key, title: '洗衣机报修', fields: VALID });
    expect(res.status).toBe(201);
    const ticket = res.body.data;
    expect(ticket.number).toMatch(/^GD\d{8}-\d{6}$/);
    expect(ticket.version).toBe(1);
    expect(ticket.state).toBe('new');
    expect(ticket.fields).toEqual(VALID);
    expect(ticket.idempotencyKey).toBeUndefined();
    const events = await eventsOf(ticket.documentId);
    expect(events.map((e) => e.type)).toEqual(['created']);
    expect(events[0].actor.kind).toBe('api-token');
    expect(events[0].changes['fields.summary']).toEqual({ before: null, after: '洗衣机不脱水' });
  });

  it('fills defaults of absent fields', async () => {
    const res = await postTicket({ templateKey: template.key, title: '默认值', fields: { summary: '测试' } });
    expect(res.status).toBe(201);
    expect(res.body.data.fields.channel).toBe('store');
  });

  it.each(INVALID)('rejects a bad %s with path fields.%s and writes nothing', async (key, value) => {
    const res = await postTicket({
      templateKey: template.key,
      title: '坏数据',
      fields: { ...VALID, [key]: value },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['fields', key] })]);
  });

  it('requires required fields and names each missing one', async () => {
    const res = await postTicket({ templateKey: template.key, title: '缺字段', fields: { detail: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path)).toEqual([['fields', 'summary']]);
  });

  it('requires a visibleWhen field only when its condition holds', async () => {
    const hidden = await postTicket({
      templateKey: template.key,
      title: '无漏水',
      fields: { summary: '噪音', symptoms: ['noise'] },
    });
    expect(hidden.status).toBe(201);
    const shown = await postTicket({
      templateKey: template.key,
      title: '漏水',
      fields: { summary: '漏水', symptoms: ['leak'] },
    });
    expect(shown.status).toBe(400);
    expect(shown.body.error.details.errors.map((e: any) => e.path)).toEqual([['fields', 'leakVolume']]);
  });

  it('rejects unknown field keys', async () => {
    const res = await postTicket({ templateKey: template.key, title: '未知', fields: { summary: 'x', colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path)).toEqual([['fields', 'colour']]);
  });

  it('rejects an unknown template by the key it was named with', async () => {
    const res = await postTicket({ templateKey: 'no_such_template', title: 'x', fields: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['templateKey']);
  });

  it('rejects reportedAt in the future and accepts a late report from the past', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const bad = await postTicket({ templateKey: template.key, title: '未来', fields: { summary: 'x' }, reportedAt: future });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['reportedAt']);

    const past = '2026-11-01T08:30:00.000Z';
    const ok = await postTicket({ templateKey: template.key, title: '补录', fields: { summary: 'x' }, reportedAt: past });
    expect(ok.status).toBe(201);
    expect(ok.body.data.reportedAt).toBe(past);
  });

  it('ignores a number or version the caller tries to set', async () => {
    const res = await postTicket({
      templateKey: template.key,
      title: '伪造编号',
      fields: { summary: 'x' },
      number: 'GD19990101-000001',
      version: 99,
    });
    expect(res.status).toBe(201);
    expect(res.body.data.number).not.toBe('GD19990101-000001');
    expect(res.body.data.version).toBe(1);
  });
});
