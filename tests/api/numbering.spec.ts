import { createTemplate, postTicket } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

describe('ticket numbers', () => {
  it('gives 50 concurrent creates 50 distinct numbers of today (Asia/Shanghai)', async () => {
    const template = await createTemplate();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postTicket({ templateKey: template.key, title: `并发 ${i}`, fields: { summary: `#${i}` } })
      )
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = responses.map((r) => r.body.data.number);
    expect(new Set(numbers).size).toBe(50);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).replace(/-/g, '');
    for (const n of numbers) expect(n.startsWith(`GD${day}-`)).toBe(true);
  });

  it('counts per day from the service, with the day taken in Asia/Shanghai', async () => {
    const numbering = strapi().plugin('scrm-tickets').service('numbering');
    // 2026-12-31 17:30 UTC is already 2027-01-01 in Shanghai.
    const first = await numbering.next(new Date('2026-12-31T17:30:00Z'));
    const second = await numbering.next(new Date('2026-12-31T17:31:00Z'));
    expect(first).toBe('GD20270101-000001');
    expect(second).toBe('GD20270101-000002');
  });
});
