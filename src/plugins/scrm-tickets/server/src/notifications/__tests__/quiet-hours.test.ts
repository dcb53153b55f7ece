import { DateTime } from 'luxon';
import { sendableAt } from '../quiet-hours';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Shanghai' }).toMillis();
const quiet = { start: '21:00', end: '08:00', timezone: 'Asia/Shanghai' };

describe('quiet hours', () => {
  it('holds a message planned at night until the morning, across midnight', () => {
    expect(sendableAt(at('2026-11-25T22:30'), quiet)).toBe(at('2026-11-26T08:00'));
    expect(sendableAt(at('2026-11-26T03:10'), quiet)).toBe(at('2026-11-26T08:00'));
    expect(sendableAt(at('2026-11-25T21:00'), quiet)).toBe(at('2026-11-26T08:00'));
  });

  it('sends at once outside the window and at its edges', () => {
    expect(sendableAt(at('2026-11-25T08:00'), quiet)).toBe(at('2026-11-25T08:00'));
    expect(sendableAt(at('2026-11-25T20:59'), quiet)).toBe(at('2026-11-25T20:59'));
    expect(sendableAt(at('2026-11-25T12:00'), null)).toBe(at('2026-11-25T12:00'));
  });

  it('handles a window inside one day (a lunch break)', () => {
    const lunch = { start: '12:00', end: '13:30', timezone: 'Asia/Shanghai' };
    expect(sendableAt(at('2026-11-25T12:15'), lunch)).toBe(at('2026-11-25T13:30'));
    expect(sendableAt(at('2026-11-25T13:30'), lunch)).toBe(at('2026-11-25T13:30'));
  });
});
