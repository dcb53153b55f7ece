import { DateTime } from 'luxon';
import { nextBusinessTime, type Schedule } from '..';

const LUNCH: Schedule = { calendar: 'cn', hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] };
const sh = (local: string) => DateTime.fromISO(local, { zone: 'Asia/Shanghai' }).toJSDate();
const next = (at: string, schedule = LUNCH) =>
  DateTime.fromJSDate(nextBusinessTime(sh(at), schedule), { zone: 'Asia/Shanghai' }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('nextBusinessTime (when a non-urgent escalation may go out)', () => {
  it('is the instant itself inside a window', () => {
    expect(next('2026-11-24T10:15')).toBe('2026-11-24T10:15');
    expect(next('2026-11-24T13:30')).toBe('2026-11-24T13:30');
  });
  it('waits out the lunch break, the night and the weekend', () => {
    expect(next('2026-11-24T12:30')).toBe('2026-11-24T13:30');
    expect(next('2026-11-24T22:00')).toBe('2026-11-25T09:00');
    expect(next('2026-11-21T10:00')).toBe('2026-11-23T09:00'); // Saturday
  });
  it('skips public holidays and works on 调休 days', () => {
    expect(next('2026-10-01T10:00')).toBe('2026-10-08T09:00');
    expect(next('2026-09-19T18:30')).toBe('2026-09-20T09:00'); // Sunday 9-20 is a make-up workday
  });
  it('is always now for a 24×7 schedule', () => {
    expect(next('2026-11-21T03:00', { calendar: 'cn', hours: 'always' })).toBe('2026-11-21T03:00');
  });
});
