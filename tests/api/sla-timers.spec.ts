import { apiToken, bearer, createTemplate, eventsOf, http, postTicket } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const MIN = 60_000;
const label = (zh: string) => ({ 'zh-Hans': zh });
const timers = () => strapi().plugin('scrm-tickets').service('sla-timers');
const rowsOf = async (ticketId: number) =>
  (await strapi().db.connection('scrm_sla_timers').where({ ticket_id: ticketId }).orderBy('level')).map((r: any) => ({
    level: r.level,
    dueAt: Number(r.due_at),
    fired: r.fired_at !== null,
  }));
const read = (id: string) => strapi().documents('plugin::scrm-tickets.ticket' as any).findOne({ documentId: id } as any) as Promise<any>;
const move = async (id: string, to: string, version: number) =>
  http().post(`/api/scrm-tickets/tickets/${id}/transitions`).set(bearer(await apiToken())).send({ to, version });

describe('SLA escalation timers', () => {
  let template: any;
  beforeAll(async () => {
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }] });
    await strapi()
      .documents('plugin::scrm-tickets.sla-policy' as any)
      .create({
        data: {
          key: `timers_${template.key}`, name: '计时', schedule: { hours: 'always' }, firstResponseMinutes: 30, resolutionMinutes: 60, warnAtPercent: 50,
          conditions: { all: [{ fact: 'template', operator: 'equal', value: template.key }] },
          escalations: [
            { key: 'warn', at: 'warn', notify: 'assignee' },
            { key: 'breach', at: 'breach', notify: 'team_lead', escalate: true },
            { key: 'breach_1h', at: 'breach', afterMinutes: 60, notify: 'regional_manager' },
          ],
        } as any,
      });
  });
  const post = async () => (await postTicket({ templateKey: template.key, title: '计时', fields: {} })).body.data;

  it('plans a timer per clock and level from the due times', async () => {
    const t = await post();
    const at = new Date(t.reportedAt).getTime();
    expect(await rowsOf(t.id)).toEqual([
      { level: 'first_response:breach', dueAt: at + 30 * MIN, fired: false },
      { level: 'first_response:breach_1h', dueAt: at + 90 * MIN, fired: false },
      { level: 'first_response:warn', dueAt: at + 15 * MIN, fired: false },
      { level: 'resolution:breach', dueAt: at + 60 * MIN, fired: false },
      { level: 'resolution:breach_1h', dueAt: at + 120 * MIN, fired: false },
      { level: 'resolution:warn', dueAt: at + 30 * MIN, fired: false },
    ]);
  });

  it('fires each due level once, at its time, even with two pollers at once', async () => {
    const t = await post();
    const at = new Date(t.reportedAt).getTime();
    const fire = (now: number) => timers().tick(now);
    // Other specs' tickets may be due too: count this ticket's events, not tick()'s return.
    await Promise.all([fire(at + 31 * MIN), fire(at + 31 * MIN)]);
    let events = (await eventsOf(t.documentId)).filter((e) => e.type.startsWith('sla_'));
    expect(events.map((e) => [e.type, e.changes.clock, e.changes.level]).sort()).toEqual([
      ['sla_breach', 'first_response', 'breach'],
      ['sla_warning', 'first_response', 'warn'],
      ['sla_warning', 'resolution', 'warn'],
    ]);
    const breach = events.find((e) => e.type === 'sla_breach');
    expect(breach.changes.priority).toEqual({ before: 'normal', after: 'high' });
    expect((await read(t.documentId)).priority).toBe('high');
    const asks = (await eventsOf(t.documentId)).filter((e) => e.type === 'notification').map((e) => e.changes.requested.to);
    expect(asks.sort()).toEqual(['assignee', 'assignee', 'team_lead']);

    await Promise.all([fire(at + 31 * MIN), fire(at + 61 * MIN), fire(at + 61 * MIN)]);
    events = (await eventsOf(t.documentId)).filter((e) => e.type.startsWith('sla_'));
    expect(events).toHaveLength(4);
    expect((await read(t.documentId)).priority).toBe('urgent');
  });

  it('drops the first-response timers once answered and moves the rest with a pause', async () => {
    const t = await post();
    const at = new Date(t.reportedAt).getTime();
    await http()
      .post(`/api/scrm-tickets/tickets/${t.documentId}/comments`)
      .set(bearer(await apiToken()))
      .send({ data: { body: '您好，已收到' } });
    expect((await rowsOf(t.id)).map((r) => r.level)).toEqual(['resolution:breach', 'resolution:breach_1h', 'resolution:warn']);

    await move(t.documentId, 'in_progress', 1);
    await move(t.documentId, 'pending_customer', 2);
    expect(await rowsOf(t.id)).toEqual([]);
    await new Promise((r) => setTimeout(r, 50));
    await move(t.documentId, 'in_progress', 3);
    const resumed = await rowsOf(t.id);
    const breach = resumed.find((r) => r.level === 'resolution:breach')!;
    expect(breach.dueAt).toBe(new Date((await read(t.documentId)).resolutionDueAt).getTime());
    expect(breach.dueAt).toBeGreaterThan(at + 60 * MIN);

    await move(t.documentId, 'resolved', 4);
    expect(await rowsOf(t.id)).toEqual([]);
    expect(await timers().tick(at + 500 * MIN)).toBeGreaterThanOrEqual(0);
    expect((await eventsOf(t.documentId)).filter((e) => e.type.startsWith('sla_'))).toEqual([]);
  });

  it('refuses bad escalation levels with paths', async () => {
    const bad = strapi()
      .documents('plugin::scrm-tickets.sla-policy' as any)
      .create({
        data: { key: 'bad_escalation', name: '坏', schedule: { hours: 'always' }, resolutionMinutes: 60, escalations: [{ key: 'x', at: 'later', notify: 'boss', afterMinutes: 5 }] } as any,
      });
    await expect(bad).rejects.toMatchObject({
      details: { errors: [{ path: ['escalations', '0', 'at'] }, { path: ['escalations', '0', 'afterMinutes'] }, { path: ['escalations', '0', 'notify'] }] },
    });
  });
});
