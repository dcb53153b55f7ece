import { Client } from 'pg';
import { appProcesses, freshDatabase, killHard, type AppProcess } from '../helpers/app-processes';
import { startSmtpFake, type SmtpFake } from '../helpers/fakes/smtp';
import { freePort } from '../helpers/free-port';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis';
import { percentile, startCreates, type Answer, type CreateStream } from '../helpers/ticket-load';

// Faults played on real processes: a `strapi start` instance serving HTTP (SCRM_QUEUE_WORKERS=off)
// and a `scripts/worker.js` queue worker, on a fresh Postgres database, a Redis of the test's own
// and an SMTP server that every customer is told through. Each create queues one email. While a
// client keeps creating tickets (each with its Idempotency-Key, retried with the same key), Redis
// is stopped and restarted empty, the worker is SIGKILLed in the middle of its sends, and the SMTP
// server turns too slow to greet; afterwards the books must balance: one ticket per key, one unique
// number and one `created` event each, every notification `sent`, each Message-ID at the server
// once — or, where a kill landed after the server's 250 and before the row was marked, recorded on
// the row. The lease is 10 s (production: 60 s) so what a dead process held comes back quickly.
const ADMIN = { email: 'faults-queues@test.local', password: 'Faults2026!q', firstname: '故障', lastname: '队列' };
const TEMPLATE = { key: 'fault_queue', name: '队列故障演练', category: 'aftersale', fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '描述' }, type: 'text' }] };
const CUSTOMERS = 100;
const LEASE_MS = 10_000;
/** Jobs one worker runs at once (NOTIFY_QUEUE_CONCURRENCY): the most a kill can catch in flight. */
const WORKER_CONCURRENCY = 16;
const QUEUE_PREFIX = `faults${process.pid}`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('queue faults on real processes (Postgres, Redis, worker, SMTP)', () => {
  let db: ReturnType<typeof freshDatabase> | undefined;
  let redis: PrivateRedis | undefined;
  let smtp: SmtpFake | undefined;
  let apps: ReturnType<typeof appProcesses> | undefined;
  let sql: Client | undefined;
  let url: string;
  let token: string;
  let worker: AppProcess;
  const customers: string[] = [];

  const call = async (method: string, path: string, auth: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: any = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const streams: CreateStream[] = [];
  const creates = (prefix: string, lanes = 2) => {
    const stream = startCreates({
      url,
      token,
      prefix,
      lanes,
      paceMs: 100,
      raceEvery: 10,
      body: (n) => ({ data: { templateKey: TEMPLATE.key, title: `${prefix} ${n}`, customer: customers[n % customers.length], fields: { summary: '故障中报修' } } }),
    });
    streams.push(stream);
    return stream;
  };
  const query = async (text: string, values: unknown[] = []) => (await sql!.query(text, values)).rows;

  /** The notification rows of the tickets whose keys start with `prefix`. */
  const notifications = (prefix: string) =>
    query(
      `SELECT n.id, n.status, n.attempts, n.last_error, n.log, n.created_at, n.sent_at FROM scrm_notifications n JOIN scrm_tickets t ON t.id = n.ticket_id
       WHERE t.idempotency_key LIKE $1 ORDER BY n.id`,
      [`${prefix}-%`],
    );

  /** Until every notification of the run is sent (a dead one fails at once). */
  async function delivered(prefix: string, ms: number) {
    let rows: any[] = [];
    for (const end = Date.now() + ms; Date.now() < end; await pause(500)) {
      rows = await notifications(prefix);
      const dead = rows.filter((r) => r.status === 'dead');
      if (dead.length) throw new Error(`${dead.length} notification(s) dead: ${dead[0].last_error}`);
      if (rows.length && rows.every((r) => r.status === 'sent')) return rows;
    }
    const waiting = rows.filter((r) => r.status !== 'sent');
    throw new Error(`${waiting.length} of ${rows.length} notifications not sent within ${ms / 1000} s: ${JSON.stringify(waiting.slice(0, 3))}`);
  }

  /**
   * What must hold after every fault: the client's keys are the tickets (one each), numbers are
   * unique, each has one `created` event and one notification, and the SMTP server took each
   * notification's Message-ID (counts per id returned, for the caller's own check on duplicates).
   */
  async function books(prefix: string, { keys, accepted, mismatched }: { keys: string[]; accepted: Map<string, string>; mismatched: string[] }) {
    const tickets = await query(`SELECT id, document_id, number, idempotency_key FROM scrm_tickets WHERE idempotency_key LIKE $1`, [`${prefix}-%`]);
    const [{ count: createdEvents }] = await query(
      `SELECT count(*)::int AS count FROM scrm_ticket_events e JOIN scrm_ticket_events_ticket_lnk l ON l.ticket_event_id = e.id
       JOIN scrm_tickets t ON t.id = l.ticket_id WHERE e.type = 'created' AND t.idempotency_key LIKE $1`,
      [`${prefix}-%`],
    );
    const rows = await delivered(prefix, 60_000);
    await pause(1500); // a late second send would arrive now
    const taken = new Map<string, number>();
    for (const mail of smtp!.mails) if (mail.messageId) taken.set(mail.messageId, (taken.get(mail.messageId) ?? 0) + 1);
    const mailsOf = (id: number) => taken.get(`<scrm-n${id}@scrm-tickets>`) ?? 0;
    const counts = {
      keys: keys.length,
      accepted: accepted.size,
      tickets: tickets.length,
      uniqueKeys: new Set(tickets.map((t) => t.idempotency_key)).size,
      uniqueNumbers: new Set(tickets.map((t) => t.number)).size,
      createdEvents,
      notifications: rows.length,
      sent: rows.filter((r) => r.status === 'sent').length,
      mails: rows.reduce((sum, r) => sum + mailsOf(r.id), 0),
      uniqueMails: rows.filter((r) => mailsOf(r.id) > 0).length,
    };
    // Every key the client made is a ticket it was told about, and the same one (racing sends too).
    expect(mismatched).toEqual([]);
    expect(tickets.map((t) => t.idempotency_key).sort()).toEqual([...keys].sort());
    expect(Object.fromEntries(tickets.map((t) => [t.idempotency_key, t.document_id]))).toEqual(Object.fromEntries(accepted));
    expect([counts.uniqueKeys, counts.uniqueNumbers, counts.createdEvents, counts.notifications, counts.sent]).toEqual(Array(5).fill(counts.tickets));
    return { counts, rows, mailsOf };
  }

  const failures = (answers: Answer[]) => answers.filter((a) => a.status !== 201 && a.status !== 200);
  const msOf = (a: Answer) => a.ms;
  const p99 = (answers: Answer[]) => percentile(answers.map(msOf), 99);

  beforeAll(async () => {
    db = freshDatabase('scrm_faults');
    [redis, smtp] = await Promise.all([startPrivateRedis(), startSmtpFake()]);
    apps = appProcesses({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      SCRM_QUEUE_PREFIX: QUEUE_PREFIX,
      NOTIFY_SMTP_HOST: '127.0.0.1',
      NOTIFY_SMTP_PORT: String(smtp.port),
      NOTIFY_LEASE_MS: String(LEASE_MS),
      NOTIFY_POLL_MS: '500',
      NOTIFY_QUIET_HOURS: 'off',
      SCRM_REPORTS_POLLER: 'off',
      NOTIFY_QUEUE_CONCURRENCY: String(WORKER_CONCURRENCY),
    });
    const instance = await apps.instance(await freePort(), { SCRM_QUEUE_WORKERS: 'off' });
    url = instance.url;
    worker = await apps.worker('worker 1');
    const res = await fetch(`${url}/admin/register-admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const jwt = ((await res.json()) as any).data.token;
    token = (await call('POST', '/admin/api-tokens', jwt, { name: 'faults', type: 'full-access', lifespan: null })).data.accessKey;
    await call('POST', '/content-manager/collection-types/plugin::scrm-tickets.ticket-template', jwt, TEMPLATE);
    // Enough customers that none reaches the per-address mail limit (60 an hour).
    for (let i = 0; i < CUSTOMERS; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) =>
        call('POST', '/content-manager/collection-types/api::customer.customer', jwt, {
          name: `故障客户${i + j}`,
          email: `fault${i + j}@customers.test`,
          notifyChannels: ['email'],
        }),
      );
      customers.push(...(await Promise.all(batch)).map((c) => c.data.documentId));
    }
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 240_000);

  afterAll(async () => {
    for (const stream of streams) stream.abandon();
    await sql?.end().catch(() => undefined);
    await apps?.stopAll();
    await Promise.all([redis?.destroy(), smtp?.close()]);
    db?.drop();
  }, 60_000);

  it('Redis stopped and restarted empty under load: every create succeeds, every email goes once', async () => {
    // A mail server answering in 2 s keeps jobs waiting in Redis, so the restart loses some.
    smtp!.slow({ dataMs: 2000 });
    const stream = creates('redis');
    await pause(4000);
    const lostJobs = Number(redis!.cli('LLEN', `bull:${QUEUE_PREFIX}-notify-email:wait`));
    await redis!.stop();
    const down = Date.now();
    smtp!.slow({});
    await pause(1000);
    const ready = await fetch(`${url}/api/scrm-tickets/ready`);
    expect([ready.status, ((await ready.json()) as any).checks.redis.status]).toEqual([503, 'down']);
    await pause(4000);
    await redis!.start();
    const up = Date.now();
    await pause(6000);
    const load = await stream.stop();
    const { answers } = load;

    const during = answers.filter((a) => a.at >= down && a.at < up);
    const { counts, rows } = await books('redis', load);
    const waited = (r: any) => new Date(r.sent_at).getTime() - new Date(r.created_at).getTime();
    // Rows whose job went with Redis: given back by the sweeper once their lease ended.
    const afterLease = rows.filter((r) => waited(r) >= LEASE_MS).length;
    // Written once the queues had 2 s to reconnect: queued at once, not left to the lease (they
    // may still wait behind the rows the sweeper gave back).
    const later = rows.filter((r) => new Date(r.created_at).getTime() >= up + 2000);
    const laterWaitedMs = Math.max(...later.map(waited));
    console.log(
      `Redis outage ${up - down} ms: ${JSON.stringify({
        ...counts,
        createsDuringOutage: during.length,
        jobsLostWithRedis: lostJobs,
        sentAfterTheirLease: afterLease,
        writtenAfterRecovery: later.length,
        theirLongestWaitMs: laterWaitedMs,
        failed: failures(answers).length,
        p99ms: p99(answers),
      })}`,
    );
    expect(during.length).toBeGreaterThan(0);
    expect(lostJobs).toBeGreaterThan(0);
    expect(afterLease).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    expect(laterWaitedMs).toBeLessThan(LEASE_MS);
    expect(failures(answers)).toEqual([]);
    expect([counts.mails, counts.uniqueMails]).toEqual([counts.notifications, counts.notifications]);
  }, 120_000);

  it('a worker SIGKILLed mid-delivery: nothing is lost, and a mail sent twice is one whose 250 the worker never read, recorded on its row', async () => {
    // Each message waits 3 s for the server's 250: the worker has many in flight at any moment.
    smtp!.slow({ dataMs: 3000 });
    const stream = creates('kill');
    for (const end = Date.now() + 30_000; smtp!.answering() < 8; await pause(100)) {
      if (Date.now() > end) throw new Error(`no deliveries in flight after 30 s (${smtp!.answering()})`);
    }
    // The kill lands at the worst moment there is: the server is about to answer 250 to a mail.
    // The worker is frozen first (SIGSTOP), so that 250 — and any other written while it is
    // frozen — reaches a process that never reads it; then SIGKILL.
    const abandonedBefore = smtp!.abandoned.length;
    let frozen: { at: number; mailIndex: number; inFlight: number } | null = null;
    const killed = new Promise<void>((resolve) =>
      smtp!.onAccept(() => {
        if (frozen) return;
        frozen = { at: Date.now(), mailIndex: smtp!.mails.length, inFlight: smtp!.answering() };
        process.kill(worker.child.pid!, 'SIGSTOP');
        setTimeout(() => void killHard(worker).then(resolve), 100);
      }),
    );
    await killed;
    await pause(1000); // the server sees every connection of the dead worker close
    smtp!.onAccept(null);
    const { mailIndex, inFlight } = frozen!;
    // Taken by the server while the worker was frozen or dying: their 250s were never read.
    const unacknowledged = smtp!.mails.slice(mailIndex).map((m) => m.messageId);
    smtp!.slow({});

    worker = await apps!.worker('worker 2');
    const load = await stream.stop();
    const { answers } = load;
    const { counts, rows, mailsOf } = await books('kill', load);
    const twice = rows.filter((r) => mailsOf(r.id) > 1);
    const interrupted = rows.filter((r) => (typeof r.log === 'string' ? JSON.parse(r.log) : r.log).some((e: any) => e.result === 'interrupted'));
    const abandoned = smtp!.abandoned.length - abandonedBefore;
    console.log(
      `worker SIGKILLed with ${inFlight} mail(s) in flight: ${JSON.stringify({ ...counts, unacknowledged: unacknowledged.length, abandonedAtKill: abandoned, sentTwice: twice.length, rowsInterrupted: interrupted.length, failed: failures(answers).length })}`,
    );
    expect(failures(answers)).toEqual([]);
    // The kill did land in the middle of deliveries.
    expect(abandoned).toBeGreaterThan(0);
    expect(unacknowledged.length).toBeGreaterThan(0);
    // None lost: every row has its mail. A mail abandoned mid-DATA went again once. Twice only
    // where the server had said 250 to a worker that never read it (SMTP cannot tell a resend
    // from a new mail: at least once is the best any sender can do across that gap) — never more
    // than were in flight, and each such row says so in its log.
    expect(rows.every((r) => mailsOf(r.id) >= 1 && mailsOf(r.id) <= 2)).toBe(true);
    expect(twice.map((r) => `<scrm-n${r.id}@scrm-tickets>`).sort()).toEqual([...unacknowledged].sort());
    expect(twice.length).toBeLessThanOrEqual(inFlight);
    expect(interrupted.length).toBeLessThanOrEqual(WORKER_CONCURRENCY);
    expect(interrupted.map((r) => r.id)).toEqual(expect.arrayContaining(twice.map((r) => r.id)));
    expect(interrupted.length).toBeGreaterThanOrEqual(abandoned + unacknowledged.length);
  }, 150_000);

  it('a slow SMTP server: creates stay fast, sends time out and back off, and once it recovers each mail goes once', async () => {
    const stream = creates('slow');
    await pause(1000);
    // 7 s before the greeting: beyond the channel's 5 s greeting timeout, so every send fails.
    smtp!.slow({ greetingMs: 7000 });
    const slowFrom = Date.now();
    await pause(12_000);
    smtp!.slow({});
    const recovered = Date.now();
    await pause(2000);
    const load = await stream.stop();
    const { answers } = load;
    const { counts, rows, mailsOf } = await books('slow', load);

    const attemptsOf = (r: any) => (typeof r.log === 'string' ? JSON.parse(r.log) : r.log).filter((e: any) => e.result === 'retry');
    const retried = rows.filter((r) => attemptsOf(r).length > 0);
    // From an attempt's start to the retry it set: the timeout (5 s) and then at least the first
    // backoff step (2 s) — a backoff counted from the failure, not from the start of a send that
    // already took longer than the step.
    const gaps = retried.flatMap((r) => attemptsOf(r).map((e: any) => Date.parse(e.retryAt) - Date.parse(e.at)));
    const slowAnswers = answers.filter((a) => a.at >= slowFrom && a.at < recovered);
    console.log(
      `SMTP slow for ${recovered - slowFrom} ms: ${JSON.stringify({
        ...counts,
        retried: retried.length,
        maxFailedAttempts: Math.max(...retried.map((r) => attemptsOf(r).length)),
        minRetryAfterStartMs: Math.min(...gaps),
        createsWhileSlow: slowAnswers.length,
        p99msWhileSlow: p99(slowAnswers),
        failed: failures(answers).length,
      })}`,
    );
    expect(failures(answers)).toEqual([]);
    // No create waited for the mail server (its timeout alone is 5 s).
    expect(slowAnswers.length).toBeGreaterThan(0);
    expect(p99(slowAnswers)).toBeLessThan(2000);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((r) => /greeting|timeout/i.test(r.last_error ?? ''))).toBe(true);
    expect(gaps.length).toBeGreaterThan(0);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(7000 - 50);
    expect(rows.every((r) => mailsOf(r.id) === 1)).toBe(true);
  }, 150_000);
});
