import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { adminToken, adminWithRole, bearer, createTemplate, http, postTicket, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const TIER_UID = 'plugin::scrm-tickets.settlement-tier';
const TICKET_UID = 'plugin::scrm-tickets.ticket';
const cm = `/content-manager/collection-types/${TIER_UID}`;
const WORKED_MODEL = {
  baseFees: { default: 8000 },
  commission: { basis: 'ticket_amount', mode: 'progressive', brackets: [{ upToFen: 100000, rate: '0.05' }, { upToFen: null, rate: '0.08' }] },
  rush: { priorities: ['urgent'], rate: '0.10' },
  satisfaction: { '5': '1.05' },
  split: [{ party: 'platform', rate: '0.10' }, { party: 'store', rate: '0.20' }, { party: 'engineer', rate: '0.70' }],
};

describe('settlement tiers', () => {
  let jwt: string;
  beforeAll(async () => {
    jwt = await adminToken();
  });
  const count = () => strapi().db.query(TIER_UID as any).count({});

  it('saves a valid tier from the Content Manager', async () => {
    const res = await http().post(cm).set(bearer(jwt)).send({ key: unique('tier').toLowerCase(), name: '标准档', model: WORKED_MODEL });
    expect(res.status).toBe(201);
    expect(res.body.data.model.split).toHaveLength(3);
  });

  it('refuses overlapping brackets, split rates over 100 % and negative amounts with paths, saving nothing', async () => {
    const before = await count();
    const res = await http()
      .post(cm)
      .set(bearer(jwt))
      .send({
        key: unique('tier').toLowerCase(),
        name: '坏档',
        currency: 'JPY',
        model: {
          ...WORKED_MODEL,
          baseFees: { default: -100 },
          commission: { ...WORKED_MODEL.commission, brackets: [{ upToFen: 100000, rate: '0.05' }, { upToFen: 90000, rate: '0.06' }, { upToFen: null, rate: '0.08' }] },
          split: [{ party: 'platform', rate: '0.5' }, { party: 'store', rate: '0.6' }, { party: 'engineer' }],
        },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual([
      'model.baseFees.default',
      'model.commission.brackets.1.upToFen',
      'model.split',
      'currency',
    ]);
    expect(await count()).toBe(before);
  });

  it('checks an update of the model too', async () => {
    const tier: any = await strapi().documents(TIER_UID as any).create({ data: { key: unique('tier').toLowerCase(), name: '改档', model: WORKED_MODEL } as any });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ party: `p${i}`, rate: '0.01' }));
    await expect(
      strapi().documents(TIER_UID as any).update({ documentId: tier.documentId, data: { model: { ...WORKED_MODEL, split: eleven } } } as any)
    ).rejects.toMatchObject({ details: { errors: [{ path: ['model', 'split'] }] } });
    const stored: any = await strapi().documents(TIER_UID as any).findOne({ documentId: tier.documentId } as any);
    expect(stored.model.split).toHaveLength(3);
  });
});

describe('settlement statements', () => {
  const STATEMENT_UID = 'plugin::scrm-tickets.settlement-statement';
  const period = DateTime.now().setZone('Asia/Shanghai').toFormat('yyyy-MM');
  let jwt: string;
  let ticket: any;
  let regionCode: string;
  let engineer: { id: number };
  const statements = () => strapi().db.query(STATEMENT_UID as any);
  const ofParty = (party: string) => statements().findOne({ where: { period, party } }) as Promise<any>;
  const draft = () => http().post('/scrm-tickets/settlement/drafts').set(bearer(jwt)).send({ period });

  beforeAll(async () => {
    jwt = await adminToken();
    const tier: any = await strapi().documents(TIER_UID as any).create({ data: { key: unique('tier').toLowerCase(), name: '结算档', model: WORKED_MODEL } as any });
    const template = await createTemplate({ settlementTier: tier.documentId });
    regionCode = unique('store').toLowerCase();
    const region: any = await strapi().documents('plugin::scrm-tickets.region' as any).create({ data: { code: regionCode, name: '一线门店', level: 'store', priceCoefficient: '1.2' } as any });
    engineer = await adminWithRole('工程师');
    const res = await postTicket({ templateKey: template.key, title: '结算', fields: { summary: 'x' }, amountFen: 120000, priority: 'urgent', region: region.documentId });
    expect(res.status).toBe(201);
    ticket = res.body.data;
    // Closed this month with CSAT 5 by the engineer (the workflow itself is tested elsewhere).
    const now = new Date();
    await strapi().db.query(TICKET_UID as any).update({ where: { id: ticket.id }, data: { state: 'closed', resolvedAt: now, closedAt: now, csat: 5, assignee: engineer.id } });
  });

  it('drafts the month per payee with the worked example’s shares, and recomputes it identically', async () => {
    const res = await draft();
    expect(res.status).toBe(200);
    expect(res.body.data.tickets).toBeGreaterThanOrEqual(1);
    const platform = await ofParty('platform');
    const store = await ofParty(`store:region:${regionCode}`);
    const mine = await ofParty(`engineer:user:${engineer.id}`);
    const ours = (s: any) => s.lines.filter((l: any) => l.ticketId === ticket.id).map((l: any) => [l.lineFen, l.fen]);
    expect([ours(platform), ours(store), ours(mine)]).toEqual([[[20236, 2024]], [[20236, 4047]], [[20236, 14165]]]);
    expect([store.status, Number(store.totalFen), Number(mine.totalFen)]).toEqual(['draft', 4047, 14165]);

    const before = JSON.stringify(await statements().findMany({ where: { period }, select: ['party', 'lines', 'totalFen', 'status'], orderBy: { party: 'asc' } }));
    expect((await draft()).status).toBe(200);
    const after = JSON.stringify(await statements().findMany({ where: { period }, select: ['party', 'lines', 'totalFen', 'status'], orderBy: { party: 'asc' } }));
    expect(after).toBe(before);
  });

  it('confirms with a SHA-256 of the exact content and who confirmed; a confirmed statement takes no write', async () => {
    const store = await ofParty(`store:region:${regionCode}`);
    const res = await http().post(`/scrm-tickets/statements/${store.documentId}/confirm`).set(bearer(jwt));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'confirmed', confirmedBy: { kind: 'admin' } });
    const sealed = await ofParty(`store:region:${regionCode}`);
    const canonical = JSON.stringify(['scrm-statement/1', period, sealed.party, sealed.currency, Number(sealed.totalFen), sealed.lines.map((l: any) => [l.ticket, l.ticketId, l.tier, l.lineFen, l.fen])]);
    expect(sealed.sha256).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(strapi().plugin('scrm-tickets').service('statements').verify(sealed)).toBe(true);

    const cm = `/content-manager/collection-types/${STATEMENT_UID}/${store.documentId}`;
    expect((await http().put(cm).set(bearer(jwt)).send({ totalFen: 1 })).status).toBe(403);
    expect((await http().delete(cm).set(bearer(jwt))).status).toBe(403);
    await expect(strapi().documents(STATEMENT_UID as any).update({ documentId: store.documentId, data: { totalFen: 1 } } as any)).rejects.toMatchObject({ status: 403 });
    expect((await http().post(`/scrm-tickets/statements/${store.documentId}/confirm`).set(bearer(jwt))).status).toBe(409);

    // The ticket changes after the confirmation: the draft follows, the confirmed one does not.
    await strapi().db.query(TICKET_UID as any).update({ where: { id: ticket.id }, data: { csat: 3 } });
    const again = await draft();
    expect(again.body.data.confirmedKept).toContain(`store:region:${regionCode}`);
    const kept = await ofParty(`store:region:${regionCode}`);
    expect([kept.sha256, Number(kept.totalFen), strapi().plugin('scrm-tickets').service('statements').verify(kept)]).toEqual([sealed.sha256, 4047, true]);
    // CSAT 3 has no coefficient in this tier (× 1): 16060 × 1.2 = 19272; the engineer's 70 % is
    // 13490.4 → 13490 (the spare fen goes to the store's equal .4, the earlier level).
    const mine = await ofParty(`engineer:user:${engineer.id}`);
    const line = mine.lines.find((l: any) => l.ticketId === ticket.id);
    expect([mine.status, line.lineFen, line.fen]).toEqual(['draft', 19272, 13490]);
  });

  it('pays a confirmed statement once; refuses bad periods and staff without the settle action', async () => {
    const store = await ofParty(`store:region:${regionCode}`);
    const paid = await http().post(`/scrm-tickets/statements/${store.documentId}/pay`).set(bearer(jwt));
    expect(paid.status).toBe(200);
    expect(paid.body.data.status).toBe('paid');
    expect((await http().post(`/scrm-tickets/statements/${store.documentId}/pay`).set(bearer(jwt))).status).toBe(409);
    const engineerDraft = await ofParty(`engineer:user:${engineer.id}`);
    expect((await http().post(`/scrm-tickets/statements/${engineerDraft.documentId}/pay`).set(bearer(jwt))).status).toBe(409);
    expect((await http().post('/scrm-tickets/statements/nope/pay').set(bearer(jwt))).status).toBe(404);

    const bad = await http().post('/scrm-tickets/settlement/drafts').set(bearer(jwt)).send({ period: '2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['period']);
    const clerk = await adminWithRole('客服坐席');
    expect((await http().post('/scrm-tickets/settlement/drafts').set(bearer(clerk.jwt)).send({ period })).status).toBe(403);
  });

  it('exports a statement as Excel and as CSV, fen exact', async () => {
    const store = await ofParty(`store:region:${regionCode}`);
    const url = `/scrm-tickets/statements/${store.documentId}/export`;
    const binary = (res: any, done: (e: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    };
    const xlsx = await http().get(url).set(bearer(jwt)).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.headers['content-disposition']).toMatch(new RegExp(`statement-${period}-store_region_`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const rows = book.worksheets[0].getSheetValues().filter(Boolean).map((r: any) => r.slice(1));
    expect(rows[1]).toEqual(['SHA-256', store.sha256]);
    expect(rows.find((r: any[]) => r[0] === ticket.number)).toEqual([ticket.number, expect.any(String), 20236, 4047, '202.36', '40.47']);
    expect(rows[rows.length - 1]).toEqual(['合计 Total', undefined, undefined, 4047, undefined, '40.47']);

    const csv = await http().get(`${url}?format=csv`).set(bearer(jwt));
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('\uFEFF工单号 Ticket,')).toBe(true);
    expect(csv.text).toContain(`${ticket.number},`);
    expect(csv.text).toContain(',20236,4047,202.36,40.47\r\n');
    expect((await http().get(`${url}?format=pdf`).set(bearer(jwt))).status).toBe(400);
  });
});
