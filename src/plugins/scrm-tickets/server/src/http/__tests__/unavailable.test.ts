import unavailable, { isDatabaseUnavailable } from '../unavailable';

const strapi: any = { log: { warn: jest.fn() } };
const run = async (error: unknown) => {
  const headers: Record<string, string> = {};
  const ctx: any = { method: 'GET', path: '/api/x', status: 404, body: undefined, set: (k: string, v: string) => (headers[k] = v) };
  const middleware = unavailable({}, { strapi });
  const outcome = await middleware(ctx, async () => {
    throw error;
  }).then(
    () => 'answered',
    (e) => e,
  );
  return { ctx, headers, outcome };
};

describe('a request while the database is away', () => {
  it('is a 503 with Retry-After and no stack, for Postgres restarting, refusing or out of connections', async () => {
    for (const error of [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Knex: Timeout acquiring a connection. The pool is probably full.'),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      { message: 'wrapped', cause: Object.assign(new Error('Connection terminated unexpectedly'), {}) },
    ]) {
      const { ctx, headers, outcome } = await run(error);
      expect(outcome).toBe('answered');
      expect([ctx.status, headers['Retry-After'], ctx.body.error.name]).toEqual([503, '5', 'ServiceUnavailableError']);
      expect(JSON.stringify(ctx.body)).not.toMatch(/ECONNREFUSED|at \w+ \(/);
    }
  });

  it('leaves every other error to Strapi (a bug stays a 500, a validation error a 400)', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect((await run(bug)).outcome).toBe(bug);
    const unique = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect((await run(unique)).outcome).toBe(unique);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
