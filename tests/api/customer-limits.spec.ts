import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import Redis from 'ioredis';
import { adminToken, adminWithRole, apiToken, bearer, createTemplate, http, postTicket, TICKET_UID, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { createLimitStore } from '../../src/plugins/scrm-tickets/server/src/http/limit-store';
import { signSession } from '../../src/plugins/scrm-tickets/server/src/wecom/member-session';

// Request limits on what customers reach from the H5 pages (per customer, per class of route) and
// on the public routes (per IP; webhooks per source and IP): over the limit a 429 with Retry-After
// before anything is written; staff and integrations are not counted; with Redis every instance
// shares one count, and a Redis that is away or hung costs neither a 500 nor the limits.
const KEY = 'plugin::scrm-tickets';
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const FIELDS = [{ key: 'summary', label: { 'zh-Hans': '问题描述' }, type: 'textarea', required: true }];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let serial = Math.floor(Math.random() * 1e7);
const newMobile = () => `137${String((serial += 1) % 1e8).padStart(8, '0')}`;

/** A free TCP port, closed again: nothing listens there. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('request limits per customer and per IP (H5 pages, public routes)', () => {
  let saved: any;
  let template: any;
  const limits = () => strapi().plugin('scrm-tickets').service('request-limits');
  /** The spec's limits: small, so a few requests reach them. */
  const setLimits = (requestLimits: Record<string, unknown>) => strapi().config.set(KEY, { ...saved, requestLimits });
  const SMALL = {
    customer: {
      create: [
        { points: 3, duration: 60 },
        { points: 100, duration: 86_400 },
      ],
      comment: [{ points: 2, duration: 60 }],
      upload: [{ points: 2, duration: 60 }],
      read: [{ points: 5, duration: 60 }],
    },
  };

  /** A customer of the `客户 (H5)` role, as the SMS sign-in makes them, and their JWT. */
  const h5Customer = async () => {
    const { user, customer } = await strapi().plugin('scrm-tickets').service('h5-auth').customerUser(newMobile());
    return { jwt: strapi().plugin('users-permissions').service('jwt').issue({ id: user.id }) as string, customer, userId: user.id as number };
  };
  const create = (jwt: string, title = unique('报修')) =>
    http()
      .post('/api/scrm-tickets/tickets')
      .set(bearer(jwt))
      .send({ data: { templateKey: template.key, title, fields: { summary: '不出热水' }, source: 'h5' } });
  const ticketsOf = (customer: any) =>
    strapi()
      .db.query(TICKET_UID as any)
      .count({ where: { customer: { documentId: customer.documentId } } });
  const titled = (title: string) =>
    strapi()
      .db.query(TICKET_UID as any)
      .count({ where: { title } });

  beforeAll(async () => {
    saved = strapi().config.get(KEY);
    template = await createTemplate({ fieldDefinitions: FIELDS, name: '在线报修' });
  });
  beforeEach(() => setLimits(SMALL));
  afterAll(async () => {
    strapi().config.set(KEY, saved);
    strapi().server.app.proxy = false;
    await limits().useRedis(null);
  });

  it('refuses customer A’s fourth ticket in a minute with 429 and Retry-After, making nothing; customer B is not affected', async () => {
    const [a, b] = [await h5Customer(), await h5Customer()];
    const remaining = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await create(a.jwt);
      expect(res.status).toBe(201);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const title = unique('第四张');
    const refused = await create(a.jwt, title);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      data: null,
      error: {
        status: 429,
        name: 'RateLimitError',
        message: expect.any(String),
        details: { scope: 'customer.create', limit: 3, windowSeconds: 60, retryAfterSeconds: retryAfter },
      },
    });
    expect([await ticketsOf(a.customer), await titled(title)]).toEqual([3, 0]);

    expect((await create(b.jwt)).status).toBe(201);
    expect(await ticketsOf(b.customer)).toBe(1);
  });

  it('gives reads a budget of their own: a customer refused new tickets still reads, and one who read too much still files', async () => {
    const a = await h5Customer();
    for (let i = 0; i < 4; i += 1) await create(a.jwt);
    expect((await create(a.jwt)).status).toBe(429);
    const list = await http().get('/api/scrm-tickets/tickets').set(bearer(a.jwt));
    expect([list.status, list.body.data.length, list.headers['x-ratelimit-limit']]).toEqual([200, 3, '5']);

    const c = await h5Customer();
    const reads = [];
    for (let i = 0; i < 6; i += 1) reads.push((await http().get('/api/scrm-tickets/ticket-templates').set(bearer(c.jwt))).status);
    expect(reads).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await create(c.jwt)).status).toBe(201);
  });

  it('limits a customer’s comments and uploads before anything is stored', async () => {
    const me = await h5Customer();
    const ticket = (await create(me.jwt)).body.data;
    const comment = (body: string) => http().post(`/api/scrm-tickets/tickets/${ticket.documentId}/comments`).set(bearer(me.jwt)).send({ data: { body } });
    expect([(await comment('一')).status, (await comment('二')).status]).toEqual([201, 201]);
    const third = await comment('三');
    expect([third.status, third.body.error.details.scope]).toEqual([429, 'customer.comment']);
    const events = await strapi()
      .db.query('plugin::scrm-tickets.ticket-event' as any)
      .findMany({ where: { ticket: { documentId: ticket.documentId }, type: 'comment' } });
    expect(events.map((e: any) => e.body)).toEqual(['一', '二']);

    const files = () =>
      strapi()
        .db.query('plugin::upload.file' as any)
        .count({ where: { name: { $startsWith: `limit-${ticket.documentId}` } } });
    const upload = (n: number) =>
      http()
        .post('/api/upload')
        .set(bearer(me.jwt))
        .attach('files', PNG, { filename: `limit-${ticket.documentId}-${n}.png`, contentType: 'image/png' });
    expect([(await upload(1)).status, (await upload(2)).status]).toEqual([201, 201]);
    const refused = await upload(3);
    expect([refused.status, refused.body.error.details.scope]).toEqual([429, 'customer.upload']);
    expect(await files()).toBe(2);
  });

  it('counts tickets made and read through GraphQL against the same budgets', async () => {
    const me = await h5Customer();
    for (let i = 0; i < 3; i += 1) expect((await create(me.jwt)).status).toBe(201);
    const title = unique('图谱');
    const res = await http()
      .post('/graphql')
      .set(bearer(me.jwt))
      .send({
        query: 'mutation($data: ScrmTicketsTicketInput!) { createScrmTicketsTicket(data: $data) { documentId } }',
        variables: { data: { title, template: template.documentId, fields: { summary: 'x' } } },
      });
    expect(res.body.errors?.[0]?.extensions?.error?.name).toBe('RateLimitError');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await titled(title)).toBe(0);

    // Reads too: the list query spends the read budget (five in this spec).
    const lists = [];
    for (let i = 0; i < 6; i += 1) {
      const read = await http().post('/graphql').set(bearer(me.jwt)).send({ query: '{ scrmTicketsTickets { documentId } }' });
      lists.push(read.body.errors?.[0]?.extensions?.error?.name ?? read.body.data.scrmTicketsTickets.length);
    }
    expect(lists).toEqual([3, 3, 3, 3, 3, 'RateLimitError']);
  });

  it('does not limit admins or integrations by the customer limits', async () => {
    const token = await apiToken();
    const made = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await postTicket({ templateKey: template.key, title: unique('集成'), fields: { summary: 'x' } });
      made.push(res.status);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    expect(made).toEqual([201, 201, 201, 201, 201]);
    const id = (await postTicket({ templateKey: template.key, title: unique('集成'), fields: { summary: 'x' } })).body.data.documentId;
    const reads = [];
    for (let i = 0; i < 7; i += 1) reads.push((await http().get(`/api/scrm-tickets/tickets/${id}`).set(bearer(token))).status);
    expect(reads.every((s) => s === 200)).toBe(true);

    const admin = await adminToken();
    const notes = [];
    for (let i = 0; i < 4; i += 1)
      notes.push(
        (
          await http()
            .post(`/scrm-tickets/tickets/${id}/comments`)
            .set(bearer(admin))
            .send({ body: `备注${i}`, visibility: 'internal' })
        ).status,
      );
    expect(notes).toEqual([201, 201, 201, 201]);

    // An integration gets a budget only when one is configured.
    setLimits({ ...SMALL, apiToken: { write: [{ points: 2, duration: 60 }] } });
    const limited = [];
    for (let i = 0; i < 3; i += 1) limited.push((await postTicket({ templateKey: template.key, title: unique('集成'), fields: { summary: 'x' } })).status);
    expect(limited).toEqual([201, 201, 429]);
  });

  it('starts a customer over when the window ends', async () => {
    setLimits({ customer: { create: [{ points: 1, duration: 2 }] } });
    const me = await h5Customer();
    expect((await create(me.jwt)).status).toBe(201);
    const refused = await create(me.jwt);
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(2);
    await pause(seconds * 1000 + 100);
    expect((await create(me.jwt)).status).toBe(201);
    expect(await ticketsOf(me.customer)).toBe(2);
  });

  it('limits public routes per client IP — webhooks per source and IP — and never the probes', async () => {
    setLimits({ ip: { intake: [{ points: 2, duration: 60 }], 'wecom-callback': [{ points: 2, duration: 60 }], 'sign-in': [{ points: 2, duration: 60 }] } });
    strapi().server.app.proxy = true;
    const ip = () => `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const [one, two] = [ip(), ip()];
    const intake = (source: string, from: string) => http().post(`/api/scrm-tickets/intake/${source}`).set('x-forwarded-for', from).send({ id: 1 });
    const statuses = async (requests: (() => Promise<{ status: number }>)[]) => {
      const out = [];
      for (const r of requests) out.push((await r()).status);
      return out;
    };
    const source = unique('nosuch');
    expect(await statuses([() => intake(source, one), () => intake(source, one), () => intake(source, one)])).toEqual([404, 404, 429]);
    // Another source from the same IP, the same source from another IP: budgets of their own.
    expect(await statuses([() => intake(unique('other'), one), () => intake(source, two)])).toEqual([404, 404]);

    const callback = (from: string) => http().get('/api/scrm-tickets/wecom/callback').set('x-forwarded-for', from);
    const wecom = await statuses([() => callback(one), () => callback(one), () => callback(one), () => callback(two)]);
    expect(wecom.slice(2)).toEqual([429, wecom[0]]);

    const code = (from: string) => http().post('/api/scrm-tickets/h5/sms-code').set('x-forwarded-for', from).send({ mobile: 'x' });
    expect(await statuses([() => code(one), () => code(one), () => code(one)])).toEqual([400, 400, 429]);

    const probes = [];
    for (let i = 0; i < 10; i += 1) {
      const res = await http().get('/api/scrm-tickets/health').set('x-forwarded-for', one);
      probes.push(res.status);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    expect(probes.every((s) => s === 200)).toBe(true);
    strapi().server.app.proxy = false;
  });

  it('counts WeCom members on the workbench pages per member, and a forged session per IP', async () => {
    setLimits({ member: { read: [{ points: 2, duration: 60 }] }, ip: { read: [{ points: 1, duration: 60 }] } });
    const secret = (strapi().config.get('server.app.keys') as string[])[0];
    const session = (adminId: number) => ({ Authorization: `Member ${signSession(secret, { adminId, wecomUserId: unique('wx'), exp: Date.now() + 60_000 })}` });
    const [a, b] = [await adminWithRole('客服坐席'), await adminWithRole('客服坐席')];
    const templates = (headers: Record<string, string>) => http().get('/api/scrm-tickets/workbench/templates').set(headers);
    const got = [];
    for (let i = 0; i < 3; i += 1) got.push((await templates(session(a.id))).status);
    expect(got).toEqual([200, 200, 429]);
    expect((await templates(session(b.id))).status).toBe(200);
    const forged = { Authorization: 'Member forged.token' };
    expect([(await templates(forged)).status, (await templates(forged)).status]).toEqual([401, 429]);
  });

  describe('with Redis', () => {
    const prefix = `scrm-test-${randomUUID()}`;
    let shared: Redis;
    beforeAll(() => {
      shared = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    });
    afterAll(async () => {
      const keys = await shared.keys(`${prefix}*`);
      if (keys.length) await shared.del(...keys);
      shared.disconnect();
    });

    it('shares one count between instances', async () => {
      await limits().useRedis(REDIS_URL, prefix);
      const me = await h5Customer();
      expect([(await create(me.jwt)).status, (await create(me.jwt)).status]).toEqual([201, 201]);
      const key = `${prefix}-req:customer.create:60:${me.userId}`;
      expect(await shared.get(key)).toBe('2');
      // A second instance (its own store and connection) spends the third; this one then refuses.
      const other = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      await new Promise((resolve) => other.once('ready', resolve));
      const verdict = await createLimitStore({ redis: other, prefix: `${prefix}-req` }).consume('customer.create', SMALL.customer.create, String(me.userId));
      other.disconnect();
      expect(verdict).toMatchObject({ allowed: true, remaining: 0 });
      expect((await create(me.jwt)).status).toBe(429);
      expect(await ticketsOf(me.customer)).toBe(2);
    });

    it('counts in memory, without a 500 and still limiting, when Redis is not there', async () => {
      await limits().useRedis(`redis://127.0.0.1:${await closedPort()}`, prefix);
      const me = await h5Customer();
      const started = Date.now();
      const got = [];
      for (let i = 0; i < 4; i += 1) got.push((await create(me.jwt)).status);
      expect(got).toEqual([201, 201, 201, 429]);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await ticketsOf(me.customer)).toBe(3);
    });

    it('keeps answering when Redis dies or hangs mid-run', async () => {
      const port = await closedPort();
      const server: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      try {
        const probe = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
        await new Promise((resolve) => probe.once('ready', resolve));
        probe.disconnect();
        await limits().useRedis(`redis://127.0.0.1:${port}`, prefix);
        setLimits({ customer: { create: [{ points: 4, duration: 60 }] } });
        const me = await h5Customer();
        expect((await create(me.jwt)).status).toBe(201);

        // Hung (SIGSTOP): the count gives up after its command timeout and is kept in memory.
        server.kill('SIGSTOP');
        let started = Date.now();
        expect((await create(me.jwt)).status).toBe(201);
        expect(Date.now() - started).toBeLessThan(3000);
        server.kill('SIGCONT');

        // Dead (SIGKILL): counted in memory at once, still limited, never a 500.
        server.kill('SIGKILL');
        await new Promise((resolve) => server.once('exit', resolve));
        started = Date.now();
        const got = [];
        for (let i = 0; i < 5; i += 1) got.push((await create(me.jwt)).status);
        // Memory knows the one it counted while Redis hung, not the one Redis counted: per
        // instance, a customer may get one window's worth more while Redis is away.
        expect(got).toEqual([201, 201, 201, 429, 429]);
        expect(await ticketsOf(me.customer)).toBe(5);
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        if (server.exitCode === null) server.kill('SIGKILL');
        await limits().useRedis(null);
      }
    });
  });
});
