// When a ticket's escalation timers are due: from its due times, the policy's warn percentage
// and escalation levels. Pure.
import { addBusinessMinutes } from './business-time';
import type { Interval, Schedule } from './types';

export type Clock = 'first_response' | 'resolution';

/** One level of escalation: warn at the policy's percentage, or at (or after) the breach. */
export interface EscalationLevel {
  key: string;
  at: 'warn' | 'breach';
  /** Wall-clock minutes after the breach (e.g. breach + 1 h → regional manager). */
  afterMinutes?: number;
  notify?: 'assignee' | 'team_lead' | 'regional_manager';
  /** Raise the priority one step. */
  escalate?: boolean;
}

export const DEFAULT_ESCALATIONS: EscalationLevel[] = [
  { key: 'warn', at: 'warn', notify: 'assignee' },
  { key: 'breach', at: 'breach', notify: 'team_lead', escalate: true },
];

export interface TimerPlan {
  level: string; // `${clock}:${level.key}`
  dueAt: number;
}

export interface EscalationInput {
  reportedAt: Date;
  schedule: Schedule;
  pauses: Interval[];
  paused: boolean;
  warnAtPercent: number;
  levels: EscalationLevel[];
  clocks: { clock: Clock; minutes: number | null | undefined; dueAt: Date | null; met: boolean }[];
}

/** The timers a ticket should have now: none for a met clock or while the clock is paused. */
export function planTimers(input: EscalationInput): TimerPlan[] {
  if (input.paused) return [];
  const plans: TimerPlan[] = [];
  for (const { clock, minutes, dueAt, met } of input.clocks) {
    if (met || !dueAt || !minutes) continue;
    for (const level of input.levels) {
      let at: number;
      if (level.at === 'warn') {
        const warnMinutes = Math.floor((minutes * input.warnAtPercent) / 100);
        at = addBusinessMinutes(input.reportedAt, warnMinutes, input.schedule, input.pauses).getTime();
      } else {
        at = dueAt.getTime() + (level.afterMinutes ?? 0) * 60_000;
      }
      plans.push({ level: `${clock}:${level.key}`, dueAt: at });
    }
  }
  return plans;
}
