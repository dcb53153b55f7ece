import { http, unique } from '../helpers/fixtures';

// Guessing passwords or codes gets slow: the admin login, the customer (users-permissions) login and
// the H5 SMS codes are limited per client, and a limited client is told so (429) rather than
// served or crashed.
describe('rate limits on sign-in', () => {
  const until429 = async (attempt: () => Promise<{ status: number }>, max: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < max; i += 1) {
      const { status } = await attempt();
      statuses.push(status);
      if (status === 429) break;
    }
    return statuses;
  };

  it('stops an admin password guesser with 429', async () => {
    const email = `${unique('guess')}@scrm.local`.toLowerCase();
    const statuses = await until429(() => http().post('/admin/login').send({ email, password: 'wrong-Passw0rd' }), 20);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 400 || s === 401)).toBe(true);
  });

  it('stops a customer password guesser with 429', async () => {
    const identifier = `${unique('guess')}@customers.local`.toLowerCase();
    const statuses = await until429(() => http().post('/api/auth/local').send({ identifier, password: 'wrong-Passw0rd' }), 20);
    expect(statuses.at(-1)).toBe(429);
  });

  it('lets one mobile ask for one SMS code a minute', async () => {
    const mobile = `139${String(Date.now()).slice(-8)}`;
    const first = await http().post('/api/scrm-tickets/h5/sms-code').send({ mobile });
    const second = await http().post('/api/scrm-tickets/h5/sms-code').send({ mobile });
    expect([first.status < 300, second.status]).toEqual([true, 429]);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
  });
});
