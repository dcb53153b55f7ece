import { validateSchedule } from '..';

const paths = (v: unknown) => validateSchedule(v, ['schedule']).map((e) => e.path.join('.'));

describe('validateSchedule', () => {
  it('accepts a lunch-break schedule, 24×7 and overrides', () => {
    expect(validateSchedule({ calendar: 'cn', hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '24:00' }] })).toEqual([]);
    expect(validateSchedule({ hours: 'always', timezone: 'Asia/Urumqi', holidays: ['2027-01-01'], workdays: ['2027-02-06'] })).toEqual([]);
  });

  it('names each bad window, zone, calendar, date and unknown property', () => {
    expect(
      paths({
        timezone: 'Mars/Olympus',
        calendar: 'lunar',
        hours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }, { start: '15:00', end: '14:00' }, { start: '9:00', end: '25:00' }],
        holidays: ['2026-02-30', '2026-10-01', '2026-10-01'],
        workdays: ['2026-10-01'],
        lunch: true,
      })
    ).toEqual([
      'schedule.lunch',
      'schedule.timezone',
      'schedule.calendar',
      'schedule.hours.1.start',
      'schedule.hours.2.end',
      'schedule.hours.3.start',
      'schedule.hours.3.end',
      'schedule.holidays.0',
      'schedule.holidays.2',
      'schedule.workdays.0',
    ]);
    expect(paths({ hours: [] })).toEqual(['schedule.hours']);
    expect(paths(null)).toEqual(['schedule']);
  });
});
