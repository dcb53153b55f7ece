import { DEFAULT_ESCALATIONS, planTimers } from '..';

const MIN = 60_000;
const reportedAt = new Date('2026-11-24T01:00:00Z'); // 09:00 Shanghai
const lunch = { calendar: 'cn' as const, hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] };
const base = {
  reportedAt,
  schedule: lunch,
  pauses: [],
  paused: false,
  warnAtPercent: 80,
  levels: DEFAULT_ESCALATIONS,
};

describe('planTimers', () => {
  it('warns at the percentage in business time and breaches at the due time (+ offsets)', () => {
    const due = new Date('2026-11-24T06:30:00Z'); // 14:30, 240 business minutes
    const plans = planTimers({
      ...base,
      levels: [...DEFAULT_ESCALATIONS, { key: 'late', at: 'breach', afterMinutes: 60 }],
      clocks: [{ clock: 'resolution', minutes: 240, dueAt: due, met: false }],
    });
    expect(plans).toEqual([
      // 80% of 240 = 192 business minutes: 09:00-12:00 (180) + 13:30-13:42.
      { level: 'resolution:warn', dueAt: new Date('2026-11-24T05:42:00Z').getTime() },
      { level: 'resolution:breach', dueAt: due.getTime() },
      { level: 'resolution:late', dueAt: due.getTime() + 60 * MIN },
    ]);
  });

  it('plans nothing for a met clock, a clock without target, or while paused', () => {
    const due = new Date('2026-11-24T03:00:00Z');
    expect(planTimers({ ...base, clocks: [{ clock: 'first_response', minutes: 120, dueAt: due, met: true }] })).toEqual([]);
    expect(planTimers({ ...base, clocks: [{ clock: 'first_response', minutes: null, dueAt: null, met: false }] })).toEqual([]);
    expect(planTimers({ ...base, paused: true, clocks: [{ clock: 'first_response', minutes: 120, dueAt: due, met: false }] })).toEqual([]);
  });
});
