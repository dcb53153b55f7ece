import { createTemplate, eventsOf, oneMinuteSla, postTicket } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { createSlaTimerQueue } from '../../src/plugins/scrm-tickets/server/src/queues/sla-timer-queue';

const label = (zh: string) => ({ 'zh-Hans': zh });
const timers = () => strapi().plugin('scrm-tickets').service('sla-timers');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Closing a queue whose Redis never answered must not hang the suite. */
const closeSoon = (q: { close: () => Promise<unknown> }) => Promise.race([q.close(), pause(2000)]);

describe('SLA timers on bull (REDIS_URL)', () => {
  let template: any;
  beforeAll(async () => {
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }] });
    // First response within 1 minute, warned at 50 %: a ticket reported 59.5 s ago is warned now
    // and breached half a second from now.
    await oneMinuteSla(template, 'queued', '队列计时');
  });
  const post = async () =>
    (await postTicket({ templateKey: template.key, title: '排队', fields: {}, reportedAt: new Date(Date.now() - 59_500).toISOString() })).body.data;

  it('fires each timer at its due time through delayed jobs, once with two workers', async () => {
    const name = `scrm-sla-test-${Date.now()}`;
    const fire = (job: any) => timers().fireQueued(job);
    const a = createSlaTimerQueue(strapi(), 'redis://127.0.0.1:6379', fire, { name });
    const b = createSlaTimerQueue(strapi(), 'redis://127.0.0.1:6379', fire, { name });
    a.work();
    b.work();
    timers().useQueue(a);
    try {
      const t = await post();
      const slaEvents = async () => (await eventsOf(t.documentId)).filter((e) => e.type.startsWith('sla_')).map((e) => e.type);
      for (let waited = 0; !(await slaEvents()).includes('sla_breach') && waited < 10_000; waited += 100) await pause(100);
      await pause(500);
      expect((await slaEvents()).sort()).toEqual(['sla_breach', 'sla_warning']);
    } finally {
      timers().useQueue(null);
      await closeSoon(a);
      await closeSoon(b);
      await a.queue.obliterate({ force: true }).catch(() => undefined);
    }
  });

  it('never fails a ticket write when Redis is away; the poller still fires the timers', async () => {
    const dead = createSlaTimerQueue(strapi(), 'redis://127.0.0.1:6390', (job: any) => timers().fireQueued(job), { name: `scrm-dead-${Date.now()}` });
    timers().useQueue(dead);
    try {
      const started = Date.now();
      const t = await post();
      expect(t.slaPolicyKey).toBe(`queued_${template.key}`);
      expect(Date.now() - started).toBeLessThan(5000);
      await timers().tick(Date.now() + 2000);
      const types = (await eventsOf(t.documentId)).filter((e) => e.type.startsWith('sla_')).map((e) => e.type);
      expect(types.sort()).toEqual(['sla_breach', 'sla_warning']);
    } finally {
      timers().useQueue(null);
      await closeSoon(dead);
    }
  });
});
