import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres';
import { callApp, registerAdmin, startApp, type AppServer } from '../browser/server';

// Postgres restarted under a running Strapi (its own Postgres: the machine's shared one stays up):
// while it is down, writes and reads answer 503 with Retry-After — not 500, no stack — /ready says
// why and /health still answers; once it is back, the same instance serves again without a
// restart, and retrying the write that failed (same idempotency key) makes exactly one ticket.
const ADMIN = { email: 'faults-admin@test.local', password: 'Faults2026!', firstname: '故障', lastname: '演练' };
const TEMPLATE = { key: 'fault_repair', name: '故障演练', category: 'aftersale', fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '描述' }, type: 'text' }] };

describe('Postgres restarted under a running instance', () => {
  let pg: PrivatePostgres;
  let app: AppServer;
  let token: string;
  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const ticket = (title: string, key: string) =>
    api('POST', '/api/scrm-tickets/tickets', { data: { templateKey: TEMPLATE.key, title, fields: { summary: title } } }, { 'Idempotency-Key': key });

  beforeAll(async () => {
    pg = await startPrivatePostgres(55000 + (process.pid % 1000));
    app = await startApp(4300 + (process.pid % 400), { DATABASE_URL: pg.url, DATABASE_POOL_MIN: '0', DATABASE_CONNECTION_TIMEOUT: '5000' });
    const jwt = (await registerAdmin(app, ADMIN)).jwt;
    token = (await callApp(app, 'POST', '/admin/api-tokens', jwt, { name: 'faults', type: 'full-access', lifespan: null })).data.accessKey;
    await callApp(app, 'POST', '/content-manager/collection-types/plugin::scrm-tickets.ticket-template', jwt, TEMPLATE);
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
    await pg?.destroy();
  });

  it('answers 503 while it is down, serves again once it is back, and a retried write makes one ticket', async () => {
    expect((await ticket('停机前', 'before-restart')).status).toBe(201);

    await pg.stop();
    const refused = await ticket('停机中', 'during-restart');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    const body = await refused.text();
    expect(body).not.toMatch(/ECONNREFUSED|\bat \S+ \(|node_modules/);
    expect(JSON.parse(body).error).toMatchObject({ status: 503, name: 'ServiceUnavailableError' });
    expect((await api('GET', '/api/scrm-tickets/tickets')).status).toBe(503);
    const ready = await fetch(`${app.url}/api/scrm-tickets/ready`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).checks.database.status).toBe('down');
    expect((await fetch(`${app.url}/api/scrm-tickets/health`)).status).toBe(200);

    await pg.start();
    let retried: Response | undefined;
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
      retried = await ticket('停机中', 'during-restart');
      if (retried.status !== 503) break;
    }
    expect(retried!.status).toBe(201);
    const made = (await retried!.json()).data.documentId;
    const again = await ticket('停机中', 'during-restart');
    expect([again.status, (await again.json()).data.documentId]).toEqual([201, made]);
    expect((await fetch(`${app.url}/api/scrm-tickets/ready`)).status).toBe(200);
    const listed = await (await api('GET', '/api/scrm-tickets/tickets?pagination[pageSize]=100')).json();
    expect(listed.data.map((t: any) => t.title).sort()).toEqual(['停机中', '停机前']);
  }, 180_000);
});
