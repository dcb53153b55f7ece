import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { adminToken, adminWithRole, apiToken, bearer, createTemplate, http, postTicket, settle, unique } from '../helpers/fixtures';
import { createSettlementQueue } from '../../src/plugins/scrm-tickets/server/src/queues/settlement-queue';
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
  const service = () => strapi().plugin('scrm-tickets').service('statements');
  const ofParty = (party: string, seq = 0) => statements().findOne({ where: { period, party, seq } }) as Promise<any>;
  const linesOf = async (statement: any) => {
    const lines: any[] = [];
    for await (const l of service().lines(statement)) lines.push(l);
    return lines;
  };
  const draft = () => settle(jwt, period);

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
    const run = await draft();
    expect(run).toMatchObject({ status: 'done', progress: 100, result: { period } });
    expect(run.result.tickets).toBeGreaterThanOrEqual(1);
    const platform = await ofParty('platform');
    const store = await ofParty(`store:region:${regionCode}`);
    const mine = await ofParty(`engineer:user:${engineer.id}`);
    const ours = async (s: any) => (await linesOf(s)).filter((l: any) => l.ticketId === ticket.id).map((l: any) => [l.lineFen, l.fen]);
    expect([await ours(platform), await ours(store), await ours(mine)]).toEqual([[[20236, 2024]], [[20236, 4047]], [[20236, 14165]]]);
    expect([store.status, Number(store.totalFen), store.lineCount, Number(mine.totalFen)]).toEqual(['draft', 4047, 1, 14165]);

    const snapshot = async () => {
      const rows: any[] = await statements().findMany({ where: { period }, select: ['documentId', 'party', 'totalFen', 'status'], orderBy: { party: 'asc' } });
      return JSON.stringify(await Promise.all(rows.map(async (r) => ({ ...r, lines: await linesOf({ ...r, period, currency: 'CNY', seq: 0 }) }))));
    };
    const before = await snapshot();
    expect((await draft()).status).toBe('done');
    expect(await snapshot()).toBe(before);
  });

  it('confirms with a SHA-256 of the exact content and who confirmed; a confirmed statement takes no write', async () => {
    const store = await ofParty(`store:region:${regionCode}`);
    const res = await http().post(`/scrm-tickets/statements/${store.documentId}/confirm`).set(bearer(jwt));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'confirmed', confirmedBy: { kind: 'admin' } });
    const sealed = await ofParty(`store:region:${regionCode}`);
    const lines = await linesOf(sealed);
    const canonical = [`scrm-statement/2\n${period}\t${sealed.party}\tCNY\t0\t4047\n`, ...lines.map((l) => `ticket\t${l.ticket}\t${l.ticketId}\t${l.tier}\t${l.level}\t${l.lineFen}\t${l.fen}\n`)].join('');
    expect(sealed.sha256).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(await service().verify(sealed)).toBe(true);

    const cm = `/content-manager/collection-types/${STATEMENT_UID}/${store.documentId}`;
    expect((await http().put(cm).set(bearer(jwt)).send({ totalFen: 1 })).status).toBe(403);
    expect((await http().delete(cm).set(bearer(jwt))).status).toBe(403);
    await expect(strapi().documents(STATEMENT_UID as any).update({ documentId: store.documentId, data: { totalFen: 1 } } as any)).rejects.toMatchObject({ status: 403 });
    expect((await http().post(`/scrm-tickets/statements/${store.documentId}/confirm`).set(bearer(jwt))).status).toBe(409);
    // GraphQL's shadow CRUD goes through the same document service: refused too.
    const gql = async (query: string, variables: Record<string, unknown>) =>
      (await http().post('/graphql').set(bearer(await apiToken())).send({ query, variables })).body;
    const update = await gql('mutation U($id: ID!) { updateScrmTicketsSettlementStatement(documentId: $id, data: { totalFen: "1" }) { documentId } }', { id: store.documentId });
    const remove = await gql('mutation D($id: ID!) { deleteScrmTicketsSettlementStatement(documentId: $id) { documentId } }', { id: store.documentId });
    expect([update, remove].map((r) => [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.extensions?.error?.name])).toEqual([
      ['STRAPI_FORBIDDEN_ERROR', 'ForbiddenError'],
      ['STRAPI_FORBIDDEN_ERROR', 'ForbiddenError'],
    ]);
    expect(Number((await ofParty(`store:region:${regionCode}`)).totalFen)).toBe(4047);

    // The ticket changes after the confirmation: the draft follows, the confirmed one does not.
    await strapi().db.query(TICKET_UID as any).update({ where: { id: ticket.id }, data: { csat: 3 } });
    const again = await draft();
    expect(again.result.confirmedKept).toContain(`store:region:${regionCode}`);
    const kept = await ofParty(`store:region:${regionCode}`);
    expect([kept.sha256, Number(kept.totalFen), await service().verify(kept)]).toEqual([sealed.sha256, 4047, true]);
    // CSAT 3 has no coefficient in this tier (× 1): 16060 × 1.2 = 19272; the engineer's 70 % is
    // 13490.4 → 13490 (the spare fen goes to the store's equal .4, the earlier level).
    const mine = await ofParty(`engineer:user:${engineer.id}`);
    const line = (await linesOf(mine)).find((l: any) => l.ticketId === ticket.id);
    expect([mine.status, line.lineFen, line.fen]).toEqual(['draft', 19272, 13490]);
    // The store's share is now 3855 (3854.4 and the spare fen): the −192 fen are its adjustment.
    const adjustment = await ofParty(`store:region:${regionCode}`, 1);
    expect([adjustment.kind, adjustment.status, Number(adjustment.totalFen)]).toEqual(['adjustment', 'draft', -192]);
    expect((await linesOf(adjustment)).map((l) => [l.ticketId, l.lineFen, l.fen])).toEqual([[ticket.id, 19272, -192]]);
    expect((await draft()).result.adjustments).toBeGreaterThanOrEqual(1);
    expect(Number((await ofParty(`store:region:${regionCode}`, 1)).totalFen)).toBe(-192);
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

    expect((await http().get('/scrm-tickets/settlement/runs/999999999').set(bearer(jwt))).status).toBe(404);
    const bad = await http().post('/scrm-tickets/settlement/drafts').set(bearer(jwt)).send({ period: '2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['period']);
    const clerk = await adminWithRole('客服坐席');
    expect((await http().post('/scrm-tickets/settlement/drafts').set(bearer(clerk.jwt)).send({ period })).status).toBe(403);
  });

  it('runs the month as a bull job with progress when Redis is there (any worker takes it)', async () => {
    const runs = strapi().plugin('scrm-tickets').service('settlement-runs');
    const queue = createSettlementQueue(strapi(), 'redis://127.0.0.1:6379', (runId, job) => runs.execute(runId, job), { name: unique('scrm-settlement-test') });
    const progress: number[] = [];
    queue.queue.on('progress', (_job: unknown, value: number) => progress.push(value));
    queue.work();
    runs.useQueue(queue);
    try {
      const run = await settle(jwt, period);
      expect(run).toMatchObject({ status: 'done', progress: 100, step: 'done', requestedBy: { kind: 'admin' } });
      expect(run.result.confirmedKept).toContain(`store:region:${regionCode}`);
      expect(progress).toEqual([10, 20, 70, 85]);
      expect((await queue.queue.getCompleted()).map((j: any) => j.data.runId)).toEqual([run.id]);
    } finally {
      runs.useQueue(null);
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });

  it('values HKD statements in CNY at the rate in force on the period’s last day; none yet → no confirmation', async () => {
    const hkd: any = await strapi().documents(TIER_UID as any).create({ data: { key: unique('hkd').toLowerCase(), name: '香港档', currency: 'HKD', model: { baseFees: { default: 10001 }, split: [{ party: 'hk_partner' }] } } as any });
    const template = await createTemplate({ settlementTier: hkd.documentId });
    const res = await postTicket({ templateKey: template.key, title: '港币结算', fields: { summary: 'x' } });
    const now = new Date();
    await strapi().db.query(TICKET_UID as any).update({ where: { id: res.body.data.id }, data: { state: 'closed', resolvedAt: now, closedAt: now } });
    const rates = strapi().documents('plugin::scrm-tickets.currency-rate' as any);
    await expect(rates.create({ data: { currency: 'HKD', effectiveOn: '2020-01-01', rate: '-1' } } as any)).rejects.toMatchObject({ details: { errors: [{ path: ['rate'] }] } });

    const without = await draft();
    expect(without.result.missingRates).toEqual(['HKD']);
    const partner = () => statements().findOne({ where: { period, party: 'hk_partner', currency: 'HKD' } }) as Promise<any>;
    expect([Number((await partner()).totalFen), (await partner()).cnyFen]).toEqual([10001, null]);
    expect((await http().post(`/scrm-tickets/statements/${(await partner()).documentId}/confirm`).set(bearer(jwt))).status).toBe(409);

    const lastDay = DateTime.fromISO(`${period}-01`, { zone: 'Asia/Shanghai' }).plus({ months: 1 }).minus({ days: 1 });
    await rates.create({ data: { currency: 'HKD', effectiveOn: lastDay.minus({ days: 40 }).toISODate(), rate: '0.9' } } as any);
    await rates.create({ data: { currency: 'HKD', effectiveOn: lastDay.toISODate(), rate: '0.9123' } } as any);
    await rates.create({ data: { currency: 'HKD', effectiveOn: lastDay.plus({ days: 1 }).toISODate(), rate: '0.95' } } as any);
    expect((await draft()).result.missingRates).toEqual([]);
    // 10001 × 0.9123 = 9123.9123 → 9124 fen.
    expect([(await partner()).cnyRate, Number((await partner()).cnyFen)]).toEqual(['0.9123', 9124]);
    expect((await http().post(`/scrm-tickets/statements/${(await partner()).documentId}/confirm`).set(bearer(jwt))).status).toBe(200);
    const csv = await http().get(`/scrm-tickets/statements/${(await partner()).documentId}/export?format=csv`).set(bearer(jwt));
    expect(csv.text).toContain('折合人民币 CNY,0.9123,,9124,,91.24\r\n');
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
    expect(rows[2][0]).toBe('工单号 Ticket');
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
