import { strapi } from '../helpers/strapi';
import { unique } from '../helpers/fixtures';
import { columnRows, insertDocuments, insertRows } from '../../src/plugins/scrm-tickets/server/src/utils/bulk-insert';
import { newDocumentId } from '../../src/plugins/scrm-tickets/server/src/utils/bulk-rows';
import { dayOf } from '../../src/plugins/scrm-tickets/server/src/reports/days';

const TICKET_UID = 'plugin::scrm-tickets.ticket';
const EVENT_UID = 'plugin::scrm-tickets.ticket-event';
const NOTIFICATION_UID = 'plugin::scrm-tickets.notification';
const DIRTY = 'scrm_report_dirty';
const postgres = () => strapi().db.dialect.client === 'postgres';

/** The stored row of each documentId, every column as the driver reads it, without its own ids. */
async function storedRows(uid: string, documentIds: string[]) {
  const meta: any = strapi().db.metadata.get(uid as any);
  const rows = await strapi().db.connection(meta.tableName).whereIn('document_id', documentIds).select('*');
  return documentIds.map((documentId) => {
    const { id, document_id, number, idempotency_key, ...rest } = rows.find((r: any) => r.document_id === documentId);
    return rest;
  });
}

/** Two copies of an attribute row, told apart by their own documentId (and number/key for tickets). */
const twins = (row: Record<string, unknown>, own: (n: number) => Record<string, unknown> = () => ({})) => [1, 2].map((n) => ({ ...row, ...own(n), documentId: newDocumentId() }));

describe('bulk insert of documents (batch intake)', () => {
  it('stores a ticket exactly as Strapi’s createMany stores it, defaults included', async () => {
    const tag = unique('bulk');
    const at = new Date('2026-11-30T09:15:42.123Z');
    const [fast, strapiWay] = twins(
      {
        title: `${tag} 空调不制冷 "引号" \\ 反斜杠 😀`,
        fields: { summary: '不制冷', units: 2, nested: { list: [1, 'two', null, true] }, empty: {} },
        state: 'new',
        priority: 'high',
        source: 'ecommerce',
        tags: ['vip', '投诉'],
        team: null,
        reportedAt: at,
        firstResponseDueAt: new Date(at.getTime() + 3_600_000),
        slaMet: false,
        amountFen: 129900,
        csatComment: '多行\n文本',
        version: 1,
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      },
      (n) => ({ number: `${tag}-${n}`, idempotencyKey: `${tag}-${n}` }),
    );
    if (postgres()) expect(columnRows(strapi().db.metadata.get(TICKET_UID as any) as any, [fast], (d) => d.toISOString())).not.toBeNull();
    const ids = await insertDocuments(strapi(), TICKET_UID, [fast]);
    expect(ids.get(fast.documentId as string)).toEqual(expect.any(Number));
    await strapi()
      .db.query(TICKET_UID as any)
      .createMany({ data: [strapiWay] });
    const [a, b] = await storedRows(TICKET_UID, [fast.documentId as string, strapiWay.documentId as string]);
    expect(a).toEqual(b);
    // Attribute defaults applied as createMany applies them.
    expect(a).toMatchObject({ approval_state: 'none', reopen_count: 0 });
    // And read back through Strapi, the same document.
    const read = await strapi()
      .db.query(TICKET_UID as any)
      .findOne({ where: { id: ids.get(fast.documentId as string) } });
    expect(read).toMatchObject({ title: fast.title, fields: fast.fields, tags: fast.tags, reportedAt: at.toISOString(), slaMet: false, amountFen: 129900 });
  });

  it('stores events exactly as createMany does, and answers every id', async () => {
    const at = new Date();
    const rows = Array.from({ length: 3 }, (_, i) => ({
      documentId: newDocumentId(),
      type: 'created',
      visibility: i === 0 ? 'internal' : 'public',
      actor: { kind: 'api-token', id: i, name: '接口' },
      changes: { title: { before: null, after: `t${i}` }, 'fields.summary': { before: null, after: 'x' } },
      body: i === 2 ? null : `正文 ${i}`,
      occurredAt: at,
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
    }));
    const ids = await insertDocuments(strapi(), EVENT_UID, rows);
    expect([...ids.keys()].sort()).toEqual(rows.map((r) => r.documentId).sort());
    const copies = rows.map((r) => ({ ...r, documentId: newDocumentId() }));
    await strapi()
      .db.query(EVENT_UID as any)
      .createMany({ data: copies });
    expect(
      await storedRows(
        EVENT_UID,
        rows.map((r) => r.documentId),
      ),
    ).toEqual(
      await storedRows(
        EVENT_UID,
        copies.map((r) => r.documentId),
      ),
    );
  });

  it('stores outbox messages (big integers, json lists, defaults) exactly as createMany does', async () => {
    const tag = unique('bulk');
    const message = (n: number) => ({
      ticketId: 1,
      ticketNumber: `${tag}-${n}`,
      eventId: 2,
      textKey: 'created',
      audience: 'customer',
      recipient: { kind: 'customer', id: 3, email: 'a@example.com', locale: 'zh-Hans' },
      channels: ['email', 'sms'],
      channel: 'email',
      title: '您的工单已创建',
      body: '工单 {{ticket.number}}',
      vars: { 'ticket.number': `${tag}-${n}` },
      urgent: false,
      dueAt: 1_796_000_000_123,
      log: [],
    });
    // No timestamps given, as the outbox gives none: Strapi's lifecycle hooks set them.
    const before = Date.now();
    await insertRows(strapi(), NOTIFICATION_UID, [message(1)]);
    await strapi()
      .db.query(NOTIFICATION_UID as any)
      .createMany({ data: [message(2)] });
    const rows = await strapi()
      .db.connection('scrm_notifications')
      .whereIn('ticket_number', [`${tag}-1`, `${tag}-2`])
      .orderBy('ticket_number')
      .select('*');
    for (const row of rows) {
      for (const at of [row.created_at, row.updated_at, row.published_at]) expect(new Date(at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    const [a, b] = rows.map(({ id, document_id, ticket_number, vars, created_at, updated_at, published_at, ...rest }: any) => rest);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 'pending', attempts: 0, channel_index: 0 });
    expect(Number(a.due_at)).toBe(1_796_000_000_123);
  });

  it('leaves to createMany what it does not convert exactly (a date as text, a relation)', async () => {
    const meta = strapi().db.metadata.get(TICKET_UID as any) as any;
    const at = new Date();
    const base = { title: 't', state: 'new', version: 1, createdAt: at, updatedAt: at, publishedAt: at };
    expect(columnRows(meta, [{ ...base, reportedAt: '2026-11-30T09:15:42Z' }], (d) => d)).toBeNull();
    expect(columnRows(meta, [{ ...base, amountFen: '100' }], (d) => d)).toBeNull();
    expect(columnRows(meta, [{ ...base, customer: 1 }], (d) => d)).toBeNull();
    const tag = unique('bulk');
    const [text, strapiWay] = twins({ ...base, title: tag, reportedAt: '2026-11-30T09:15:42Z' }, (n) => ({ number: `${tag}-${n}` }));
    await insertDocuments(strapi(), TICKET_UID, [text]);
    await strapi()
      .db.query(TICKET_UID as any)
      .createMany({ data: [strapiWay] });
    const [a, b] = await storedRows(TICKET_UID, [text.documentId as string, strapiWay.documentId as string]);
    expect(a).toEqual(b);
  });

  it('tells the report rollups of tickets dated in the past, as single creates do', async () => {
    const reported = new Date(Date.now() - 5 * 86_400_000);
    const day = dayOf(reported);
    await strapi().db.connection(DIRTY).where({ day }).delete();
    const tag = unique('bulk');
    await insertDocuments(strapi(), TICKET_UID, [{ documentId: newDocumentId(), number: tag, title: tag, state: 'new', version: 1, reportedAt: reported, createdAt: new Date() }]);
    expect((await strapi().db.connection(DIRTY).where({ day })).length).toBeGreaterThan(0);
  });
});
