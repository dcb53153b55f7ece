import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addBusinessMinutes, businessMillisBetween, isBusinessTime, type Schedule } from '..';

const LUNCH: Schedule = { calendar: 'cn', hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] };
const sh = (local: string) => DateTime.fromISO(local, { zone: 'Asia/Shanghai' }).toJSDate();
const local = (d: Date, zone = 'Asia/Shanghai') => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const due = (start: string, minutes: number, schedule = LUNCH, pauses: { start: number; end: number }[] = []) =>
  local(addBusinessMinutes(sh(start), minutes, schedule, pauses));

describe('addBusinessMinutes on the Chinese calendar with a lunch break', () => {
  it('carries over a weekend', () => {
    // Friday 17:00-18:00 is one hour, Monday 09:00-10:00 the other.
    expect(due('2026-11-20T17:00', 120)).toBe('2026-11-23T10:00');
  });

  it('skips the National Day holiday and counts the 调休 make-up days', () => {
    // chinese-days 1.5.7: 2026-10-01..07 off; Sunday 09-20 and Saturday 10-10 are workdays.
    expect(due('2026-09-30T17:00', 120)).toBe('2026-10-08T10:00');
    expect(due('2026-09-19T10:00', 60)).toBe('2026-09-20T10:00');
    expect(due('2026-10-09T17:30', 60)).toBe('2026-10-10T09:30');
  });

  it('honours the lunch break and window edges', () => {
    expect(due('2026-11-24T11:30', 60)).toBe('2026-11-24T14:00');
    expect(due('2026-11-24T12:10', 30)).toBe('2026-11-24T14:00');
    expect(due('2026-11-24T18:00', 30)).toBe('2026-11-25T09:30');
    expect(due('2026-11-24T11:00', 60)).toBe('2026-11-24T12:00');
    expect(due('2026-11-24T07:00', 0)).toBe('2026-11-24T07:00');
  });

  it('runs around the clock with hours "always"', () => {
    expect(due('2026-10-01T23:30', 45, { hours: 'always' })).toBe('2026-10-02T00:15');
  });

  it('moves the due time by paused business time only', () => {
    const pause = { start: sh('2026-11-24T10:00').getTime(), end: sh('2026-11-24T12:30').getTime() };
    // 09:00-10:00 runs, 10:00-12:00 is paused, 12:00-13:30 is lunch, 13:30-14:30 runs.
    expect(due('2026-11-24T09:00', 120, LUNCH, [pause])).toBe('2026-11-24T14:30');
    expect(due('2026-11-24T09:00', 120)).toBe('2026-11-24T11:00');
    const night = { start: sh('2026-11-24T19:00').getTime(), end: sh('2026-11-25T08:00').getTime() };
    expect(due('2026-11-24T17:00', 120, LUNCH, [night])).toBe(due('2026-11-24T17:00', 120));
  });

  it('applies company holidays and extra workdays', () => {
    const schedule: Schedule = { ...LUNCH, holidays: ['2026-11-25'], workdays: ['2026-11-28'] };
    expect(due('2026-11-24T17:00', 120, schedule)).toBe('2026-11-26T10:00');
    expect(due('2026-11-27T17:00', 120, schedule)).toBe('2026-11-28T10:00');
  });

  it('handles a daylight-saving change in another zone', () => {
    const berlin: Schedule = { timezone: 'Europe/Berlin', calendar: 'everyday', hours: 'always' };
    const start = DateTime.fromISO('2026-03-29T01:00', { zone: 'Europe/Berlin' }).toJSDate();
    // The clock jumps 02:00 → 03:00: two real hours later it is 04:00 local.
    expect(local(addBusinessMinutes(start, 120, berlin), 'Europe/Berlin')).toBe('2026-03-29T04:00');
  });

  it('refuses negative or fractional minutes and a schedule with no business time', () => {
    expect(() => addBusinessMinutes(new Date(), -1, LUNCH)).toThrow(RangeError);
    expect(() => addBusinessMinutes(new Date(), 1.5, LUNCH)).toThrow(RangeError);
    const forever = { start: 0, end: Number.MAX_SAFE_INTEGER };
    expect(() => addBusinessMinutes(new Date(), 1, LUNCH, [forever])).toThrow(RangeError);
  });
});

describe('businessMillisBetween and isBusinessTime', () => {
  it('counts one working day as 7.5 hours and a holiday as nothing', () => {
    expect(businessMillisBetween(sh('2026-11-24T00:00'), sh('2026-11-25T00:00'), LUNCH)).toBe(7.5 * 3600_000);
    expect(businessMillisBetween(sh('2026-10-01T00:00'), sh('2026-10-02T00:00'), LUNCH)).toBe(0);
    expect(businessMillisBetween(sh('2026-11-25T00:00'), sh('2026-11-24T00:00'), LUNCH)).toBe(0);
  });

  it('knows the lunch break, weekends and make-up days', () => {
    expect(isBusinessTime(sh('2026-11-24T12:30'), LUNCH)).toBe(false);
    expect(isBusinessTime(sh('2026-11-24T13:30'), LUNCH)).toBe(true);
    expect(isBusinessTime(sh('2026-11-22T10:00'), LUNCH)).toBe(false);
    expect(isBusinessTime(sh('2026-10-10T10:00'), LUNCH)).toBe(true);
  });
});

describe('properties', () => {
  const schedules: Schedule[] = [
    LUNCH,
    { calendar: 'weekdays', hours: [{ start: '09:00', end: '18:00' }] },
    { calendar: 'everyday', hours: [{ start: '08:00', end: '20:00' }] },
    { hours: 'always' },
    { calendar: 'cn', hours: [{ start: '00:00', end: '06:00' }, { start: '22:00', end: '24:00' }] },
    { timezone: 'America/New_York', calendar: 'weekdays', hours: [{ start: '08:30', end: '17:00' }] },
  ];
  const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms));
  const schedule = fc.constantFrom(...schedules);

  it('a due time is never in non-business time and lies exactly the target after the start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20000 }), schedule, (start, minutes, s) => {
        const at = addBusinessMinutes(start, minutes, s);
        expect(at.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessMillisBetween(start, at, s)).toBe(minutes * 60_000);
        if (minutes > 0) expect(isBusinessTime(new Date(at.getTime() - 1), s)).toBe(true);
      }),
      { numRuns: 300 }
    );
  });

  it('business time adds up over consecutive spans', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 3, maxLength: 3 }), schedule, (three, s) => {
        const [a, b, c] = three.sort((x, y) => x.getTime() - y.getTime());
        expect(businessMillisBetween(a, c, s)).toBe(businessMillisBetween(a, b, s) + businessMillisBetween(b, c, s));
      }),
      { numRuns: 200 }
    );
  });
});
