// The SLA editors' model: a business-hours schedule as it is being changed, its problems by the
// setting they name (the server's own validator), and when a ticket reported now would be due
// under it — by the server's own business-time arithmetic, Chinese holidays and 调休 included.
import { addBusinessMinutes } from '../../../../server/src/business-time/business-time';
import type { Schedule } from '../../../../server/src/business-time/types';
import { validateSchedule } from '../../../../server/src/business-time/validate-schedule';
import { byItem, mergeFindings } from '../editors/problems';
import type { Problem } from '../editors/PropField';
import type { PathError } from '../editors/server-errors';

export type ScheduleDraft = Record<string, any>;

/** A new policy's hours: the Chinese working calendar, 9:00-12:00 and 13:00-18:00. */
export const newSchedule = (): ScheduleDraft => ({
  calendar: 'cn',
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
});

export interface ScheduleProblems {
  general: Problem[];
  /** Of a setting: calendar, timezone, hours (as a whole). */
  settings: Problem[];
  windows: Map<number, Problem[]>;
  holidays: Map<number, Problem[]>;
  workdays: Map<number, Problem[]>;
}

export function problemsOf(schedule: unknown, server: PathError[]): ScheduleProblems {
  const found = mergeFindings(validateSchedule(schedule, []), server);
  const listed = (name: string) => byItem(found, [name]);
  return {
    general: found.filter((p) => p.path.length === 0).map((p) => ({ ...p, prop: '' })),
    settings: found
      .filter((p) => p.path.length === 1 || (p.path.length > 1 && !['hours', 'holidays', 'workdays'].includes(String(p.path[0]))))
      .map((p) => ({ ...p, prop: String(p.path[0]), path: p.path.slice(1) })),
    windows: listed('hours'),
    holidays: listed('holidays'),
    workdays: listed('workdays'),
  };
}

const isSchedule = (value: unknown): value is Schedule => validateSchedule(value, []).length === 0;

/** When a ticket reported at `from` would be due after `minutes` of business time; null when the schedule is not valid yet. */
export const dueAfter = (schedule: unknown, minutes: number, from: Date): Date | null => (isSchedule(schedule) && minutes > 0 ? addBusinessMinutes(from, minutes, schedule) : null);

/** 240 → { hours: 4, minutes: 0 }. */
export const splitMinutes = (total: number | null | undefined) =>
  typeof total === 'number' ? { hours: Math.floor(total / 60), minutes: total % 60 } : { hours: undefined, minutes: undefined };

/** Hours and minutes as typed back to whole minutes; null when both are empty. */
export const joinMinutes = (hours: number | undefined, minutes: number | undefined): number | null =>
  hours === undefined && minutes === undefined ? null : Math.round((hours ?? 0) * 60 + (minutes ?? 0));
