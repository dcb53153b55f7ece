import Transport from 'winston-transport';
import { http } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

/** Every log line written while `during` runs, as the plugin shapes it (before the console's format). */
async function logLines(during: () => Promise<unknown>): Promise<any[]> {
  const lines: any[] = [];
  const capture = new (class extends Transport {
    log(info: any, done: () => void) {
      lines.push(info);
      done();
    }
  })({ level: 'http' });
  const log = strapi().log;
  const level = log.level;
  log.level = 'http';
  log.add(capture);
  try {
    await during();
  } finally {
    log.remove(capture);
    log.level = level;
  }
  return lines;
}

describe('operations: health, readiness, request ids', () => {
  it('answers /health while the process runs, and /ready with each dependency, the outbox and no secrets', async () => {
    const health = await http().get('/api/scrm-tickets/health');
    expect([health.status, health.body.status, health.headers['cache-control']]).toEqual([200, 'ok', 'no-store']);
    const ready = await http().get('/api/scrm-tickets/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', ready: true, checks: { database: { status: 'up' }, redis: { status: 'not configured' } }, queues: {} });
    expect(ready.body.outbox.pending).toEqual(expect.any(Number));
  });

  it('is not ready while its Redis is away: a 503 naming the check, within the probe deadline', async () => {
    process.env.REDIS_URL = 'redis://:s3cretpass@127.0.0.1:1/0';
    try {
      const started = Date.now();
      const res = await http().get('/api/scrm-tickets/ready');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', ready: false, checks: { database: { status: 'up' }, redis: { status: 'down' } } });
      expect(JSON.stringify(res.body)).not.toContain('s3cretpass');
    } finally {
      delete process.env.REDIS_URL;
      strapi().plugin('scrm-tickets').service('health').close();
    }
    expect((await http().get('/api/scrm-tickets/ready')).status).toBe(200);
  });

  it('gives every request an id (the caller’s when sane), sends it back and puts it on the request’s log lines', async () => {
    const fresh = await http().get('/api/scrm-tickets/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await http().get('/api/scrm-tickets/health').set('X-Request-Id', 'trace-20261206-abc');
    expect(given.headers['x-request-id']).toBe('trace-20261206-abc');
    const insane = await http().get('/api/scrm-tickets/health').set('X-Request-Id', 'a b\tc'.repeat(30));
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    let id = '';
    const lines = await logLines(async () => {
      const res = await http().get('/api/scrm-tickets/no-such-route').set('X-Request-Id', 'trace-404-xyz-01');
      id = res.headers['x-request-id'];
    });
    const access = lines.find((l) => String(l.message).includes('/api/scrm-tickets/no-such-route'));
    // The console's own format colours the level in place: the line is the access log's.
    expect([access.requestId, String(access.level).includes('http')]).toEqual([id, true]);
    expect(id).toBe('trace-404-xyz-01');
  });

  it('masks secrets in log lines', async () => {
    const lines = await logLines(async () => {
      strapi().log.warn('WeCom call failed: GET /cgi-bin/gettoken?corpid=ww1&corpsecret=TOPSECRET1', { token: 'TOPSECRET2' });
    });
    expect(JSON.stringify(lines)).not.toMatch(/TOPSECRET/);
    expect(lines[0].message).toBe('WeCom call failed: GET /cgi-bin/gettoken?corpid=ww1&corpsecret=[redacted]');
  });
});

describe('how instances are started', () => {
  it('runs `npm start` with the V8 flags the cluster script and the benchmarks use', () => {
    const { NODE_FLAGS } = require('../../scripts/node-flags');
    const start: string = require('../../package.json').scripts.start;
    expect(NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of NODE_FLAGS) expect(start.split(/\s+/)).toContain(flag);
    expect(start).toMatch(/@strapi\/strapi\/bin\/strapi\.js start$/);
  });
});

describe('security headers on the customer H5 pages', () => {
  it('sends a content security policy and the usual hardening headers with every page', async () => {
    for (const page of ['/h5/', '/h5/index.html', '/h5/preview.html']) {
      const res = await http().get(page);
      expect(res.status).toBe(200);
      const csp = res.headers['content-security-policy'];
      // Scripts only from here (and WeCom's JS-SDK for the sidebar), no plugins, no framing by other sites.
      expect(csp).toMatch(/script-src 'self' https:\/\/res\.wx\.qq\.com/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'self'/);
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' });
    }
  });
});
