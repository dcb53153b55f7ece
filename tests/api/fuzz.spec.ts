import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { adminToken, apiToken, bearer, createTemplate, http, postTicket, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { envelope, signed, WECOM } from '../helpers/wecom-envelope';
import { CALLER_KINDS, LIMIT_CLASSES } from '../../src/plugins/scrm-tickets/server/src/http/limit-config';

// Property-based fuzzing of every route the plugin serves — the public ones (intake webhooks, the
// WeCom callback, the H5 sign-in, the member pages, the probes), the content API with a full-access
// token and the admin API as a super admin — with random path parameters, query strings, bodies and
// headers: whatever comes in, the answer is never a 500 and never carries a stack trace.
const RUNS = Number(process.env.FUZZ_RUNS) || 25;
// The same inputs on every run, so CI is repeatable; FUZZ_SEED=<n> (any number) with more
// FUZZ_RUNS explores further — and a failure prints the seed and path that reproduce it.
const SEED = Number(process.env.FUZZ_SEED) || 20261206;
const STACK = /\n\s+at |node_modules|\.(ts|js):\d+:\d+/;

/**
 * The request limits stay on while fuzzing — every request still goes through the limiter, its
 * caller and key taken from the random input — with budgets no run can use up: a 429 from the
 * limiter would mean a handler went unfuzzed, so it fails the run. (The SMS-code limits of
 * h5-auth are part of the handler: their 429s stay acceptable answers.)
 */
const UNREACHABLE = [{ points: 1_000_000_000, duration: 60 }];
const everyClass = Object.fromEntries(LIMIT_CLASSES.map((c) => [c, UNREACHABLE]));
const FUZZ_LIMITS = { enabled: true, ...Object.fromEntries(CALLER_KINDS.map((kind) => [kind, everyClass])) };
const byLimiter = (res: { status: number; body?: any }) =>
  (res.status === 429 && res.body?.error?.details?.scope !== undefined) || (res.body?.errors ?? []).some?.((e: any) => e?.extensions?.error?.name === 'RateLimitError');

interface Route {
  method: string;
  path: string;
  config?: { auth?: boolean };
}

/** A query string from nested values, as qs writes it (a[b][0]=c). */
function queryOf(value: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, `${key}[${k}]`);
    else parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  };
  for (const [k, v] of Object.entries(value)) walk(v, k);
  return parts.join('&');
}

const weirdText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    '%00',
    '../..',
    '$eq',
    '__proto__',
    'constructor',
    "'; drop table x; --",
    '<script>',
    '𠮷野家',
    '9'.repeat(40),
  ),
);
const queryKeys = fc.oneof(
  fc.constantFrom(
    'filters',
    'sort',
    'populate',
    'fields',
    'pagination',
    'page',
    'pageSize',
    'q',
    'state',
    'priority',
    'source',
    'template',
    'region',
    'assignee',
    'view',
    'period',
    'from',
    'to',
    'by',
    'interval',
    'table',
    'format',
    'status',
    'locale',
    'publicationState',
    '__proto__',
  ),
  fc.string({ maxLength: 12 }),
);
const queryValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 3 },
    weirdText,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(weirdText, fc.constantFrom('$eq', '$in', '$gt', '$containsi', '$or', '$and', '$null')), tie('value'), { maxKeys: 3 }),
  ),
})).value;
const query = fc.dictionary(queryKeys, queryValue, { maxKeys: 4 });

describe('fuzzing every route: never a 500, never a stack trace', () => {
  let admin: string;
  let token: string;
  let params: fc.Arbitrary<string>;
  let bodies: fc.Arbitrary<unknown>;
  let savedConfig: any;

  afterAll(() => strapi().config.set('plugin::scrm-tickets', savedConfig));
  beforeAll(async () => {
    savedConfig = strapi().config.get('plugin::scrm-tickets');
    strapi().config.set('plugin::scrm-tickets', { ...savedConfig, requestLimits: FUZZ_LIMITS });
    admin = await adminToken();
    token = await apiToken();
    const template = await createTemplate();
    const ticket = (await postTicket({ templateKey: template.key, title: '模糊测试', fields: { summary: 'x' } })).body.data;
    // Path parameters: random text, and real ids so the handlers get past "not found" too.
    params = fc.oneof(weirdText, fc.constantFrom(ticket.documentId, ticket.number, String(ticket.id), template.key, 'default', '2026-12'));
    // Bodies: any JSON, a `data` wrapper around any JSON, and near-valid tickets whose parts are random.
    bodies = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ data: fc.jsonValue({ maxDepth: 3 }) }),
      fc.record({
        data: fc.record(
          {
            templateKey: fc.oneof(fc.constant(template.key), weirdText),
            title: fc.oneof(weirdText, fc.jsonValue()),
            fields: fc.oneof(fc.dictionary(fc.constantFrom('summary', 'detail', 'quantity', 'claimFen', 'x'), fc.jsonValue({ maxDepth: 2 })), fc.jsonValue()),
            version: fc.jsonValue(),
            to: weirdText,
            state: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record(
        { conditions: fc.jsonValue({ maxDepth: 4 }), actions: fc.jsonValue({ maxDepth: 3 }), ticket: fc.oneof(weirdText, fc.constant(ticket.number)) },
        { requiredKeys: [] },
      ),
      fc.record(
        { mobile: fc.oneof(weirdText, fc.constant('13800000000')), code: weirdText, period: weirdText, library: fc.jsonValue({ maxDepth: 3 }), text: weirdText },
        { requiredKeys: [] },
      ),
    );
  });

  const routesOf = (type: 'content-api' | 'admin'): Route[] => (strapi().plugin('scrm-tickets').routes as any)[type].routes;

  async function fuzz(type: 'content-api' | 'admin', prefix: string) {
    const routes = routesOf(type);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.array(params, { minLength: 3, maxLength: 3 }), query, bodies, fc.constantFrom('json', 'text', 'none'), async (values, q, body, kind) => {
          let i = 0;
          const path = route.path.replace(/:\w+/g, () => encodeURIComponent(values[i++ % values.length]));
          const search = queryOf(q);
          const url = `${prefix}${path}${search ? `?${search}` : ''}`;
          let req = (http() as any)[route.method.toLowerCase()](url);
          const auth = type === 'admin' ? admin : route.config?.auth === false ? null : token;
          if (auth) req = req.set(bearer(auth));
          if (route.method !== 'GET' && kind === 'json') req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
          else if (route.method !== 'GET' && kind === 'text') req = req.set('Content-Type', 'text/xml').send(typeof body === 'string' ? body : JSON.stringify(body));
          const res = await req;
          if (res.status >= 500 || STACK.test(res.text ?? '') || byLimiter(res)) {
            throw new Error(`${route.method} ${url} (${kind}: ${JSON.stringify(body).slice(0, 300)}) → ${res.status} ${String(res.text).slice(0, 500)}`);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
  }

  it('the content API and the public routes', () => fuzz('content-api', '/api/scrm-tickets'), 600_000);

  it('the admin API', () => fuzz('admin', '/scrm-tickets'), 600_000);

  it('GraphQL: any query text and variables', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          weirdText,
          fc.constantFrom(
            '{ scrmTickets { documentId } }',
            'query($id: ID!) { scrmTicket(documentId: $id) { title fields } }',
            'mutation { createScrmTicket(data: {}) { documentId } }',
            '{ __schema { types { name } } }',
          ),
        ),
        fc.jsonValue({ maxDepth: 3 }),
        async (text, variables) => {
          const res = await http().post('/graphql').set(bearer(token)).send({ query: text, variables });
          if (res.status >= 500 || STACK.test(res.text ?? '') || byLimiter(res)) throw new Error(`graphql ${JSON.stringify(text)} → ${res.status} ${String(res.text).slice(0, 500)}`);
        },
      ),
      { numRuns: RUNS * 3, seed: SEED },
    );
  }, 600_000);

  // Past the signatures: the parsers behind them get random content that is correctly signed.
  it('the WeCom callback: any XML (or not XML) in a correctly signed and encrypted envelope', async () => {
    const KEY = 'plugin::scrm-tickets';
    const saved = strapi().config.get(KEY) as any;
    const template = await createTemplate();
    strapi().config.set(KEY, { ...saved, intake: { wecom: { ...WECOM, templateKey: template.key } } });
    const field = fc.tuple(
      fc.constantFrom(
        'MsgType',
        'Event',
        'Content',
        'MsgId',
        'FromUserName',
        'ToUserName',
        'CreateTime',
        'Token',
        'OpenKfId',
        'EventKey',
        'ChangeType',
        'ExternalUserID',
        'AgentID',
        'x',
      ),
      weirdText,
    );
    const xml = fc.oneof(
      fc.array(field, { maxLength: 6 }).map((fields) => `<xml>${fields.map(([k, v]) => `<${k}><![CDATA[${v.replace(/]]>/g, '')}]]></${k}>`).join('')}</xml>`),
      weirdText,
      fc.constantFrom(
        '<xml>',
        '<xml><MsgType>text</MsgType><Content></Content></xml>',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>',
        '<xml>'.repeat(200),
      ),
    );
    try {
      await fc.assert(
        fc.asyncProperty(xml, async (plaintext) => {
          const s = signed(plaintext);
          const res = await http().post('/api/scrm-tickets/wecom/callback').query(s.query).set('content-type', 'text/xml').send(envelope(s.encrypted));
          if (res.status >= 500 || STACK.test(res.text ?? '') || byLimiter(res))
            throw new Error(`wecom ${JSON.stringify(plaintext).slice(0, 300)} → ${res.status} ${String(res.text).slice(0, 300)}`);
        }),
        { numRuns: RUNS * 4, seed: SEED },
      );
      await strapi().plugin('scrm-tickets').service('wecom-callback').whenIdle();
    } finally {
      strapi().config.set(KEY, saved);
    }
  }, 600_000);

  it('an intake webhook: any JSON body, correctly signed', async () => {
    const secret = 'fuzz-webhook-secret-0123456789';
    const template = await createTemplate();
    const source: any = await strapi()
      .documents('plugin::scrm-tickets.intake-source' as any)
      .create({
        data: {
          key: unique('fuzz').toLowerCase(),
          name: '模糊',
          secret,
          templateKey: template.key,
          eventIdPath: 'id',
          mapping: { title: 'title', fields: { summary: 'text' }, amountFen: 'amount', externalRef: 'order.no' },
        } as any,
      });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record(
            {
              id: fc.jsonValue({ maxDepth: 1 }),
              title: fc.jsonValue({ maxDepth: 1 }),
              text: fc.jsonValue({ maxDepth: 1 }),
              amount: fc.jsonValue({ maxDepth: 1 }),
              order: fc.jsonValue({ maxDepth: 2 }),
            },
            { requiredKeys: [] },
          ),
        ),
        async (value) => {
          const body = JSON.stringify(value);
          const timestamp = Math.floor(Date.now() / 1000);
          const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
          const res = await http()
            .post(`/api/scrm-tickets/intake/${source.key}`)
            .set({ 'content-type': 'application/json', 'x-scrm-timestamp': String(timestamp), 'x-scrm-signature': signature })
            .send(body);
          if (res.status >= 500 || STACK.test(res.text ?? '') || byLimiter(res)) throw new Error(`intake ${body.slice(0, 300)} → ${res.status} ${String(res.text).slice(0, 300)}`);
        },
      ),
      { numRuns: RUNS * 4, seed: SEED },
    );
  }, 600_000);
});
