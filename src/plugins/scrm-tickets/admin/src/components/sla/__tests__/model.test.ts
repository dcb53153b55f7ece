import { errorLeaves } from '../../editors/server-errors';
import { dueAfter, joinMinutes, newSchedule, problemsOf, splitMinutes } from '../model';

describe('the SLA editors model', () => {
  it('starts with the Chinese working calendar, valid as it comes', () => {
    const p = problemsOf(newSchedule(), []);
    expect([p.general, p.settings, p.windows.size, p.holidays.size, p.workdays.size]).toEqual([[], [], 0, 0, 0]);
  });

  it('works out due times on the Chinese calendar: over a weekend, over 国庆 and on a 调休 Saturday', () => {
    const schedule = newSchedule();
    // Friday 2026-11-27 17:00 Shanghai + 4 business hours: 17-18 on Friday, 9-12 on Monday → Monday 12:00.
    expect(dueAfter(schedule, 240, new Date('2026-11-27T09:00:00Z'))!.toISOString()).toBe('2026-11-30T04:00:00.000Z');
    // 2026-09-30 (Wednesday) 17:00 + 2 h: 国庆 1-7 Oct is off, so it runs into Thursday 8 Oct 10:00.
    expect(dueAfter(schedule, 120, new Date('2026-09-30T09:00:00Z'))!.toISOString()).toBe('2026-10-08T02:00:00.000Z');
    expect(dueAfter({ ...schedule, hours: [] }, 120, new Date())).toBeNull();
    expect(dueAfter({ calendar: 'everyday', hours: 'always' }, 90, new Date('2026-12-06T00:00:00Z'))!.toISOString()).toBe('2026-12-06T01:30:00.000Z');
  });

  it('files a window that overlaps the one before under its start, a bad date under its place, the server’s answer too', () => {
    const schedule = {
      calendar: 'cn',
      hours: [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '18:00' },
      ],
      holidays: ['2026-13-01'],
      workdays: ['2026-12-26'],
    };
    const p = problemsOf(schedule, errorLeaves({ timezone: 'must be an IANA time zone such as Asia/Shanghai' }));
    expect(p.windows.get(1)).toEqual([{ prop: 'start', path: [], message: 'must not be before the end of the previous window', fromServer: undefined }]);
    expect(p.holidays.get(0)).toEqual([{ prop: '', path: [], message: 'must be a date YYYY-MM-DD', fromServer: undefined }]);
    expect(p.settings).toEqual([{ prop: 'timezone', path: [], message: 'must be an IANA time zone such as Asia/Shanghai', fromServer: true }]);
  });

  it('shows minutes as hours and minutes and back', () => {
    expect(splitMinutes(240)).toEqual({ hours: 4, minutes: 0 });
    expect(splitMinutes(95)).toEqual({ hours: 1, minutes: 35 });
    expect(joinMinutes(4, undefined)).toBe(240);
    expect(joinMinutes(undefined, undefined)).toBeNull();
  });
});
