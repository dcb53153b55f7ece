// Business time on a (Chinese) calendar: the SLA clock's arithmetic. No Strapi imports.
export * from './types';
export { isWorkingDay } from './working-days';
export { mergePauses } from './intervals';
export { addBusinessMinutes, businessMillisBetween, isBusinessTime, nextBusinessTime } from './business-time';
export { validateSchedule } from './validate-schedule';
export { ESCALATION_NOTIFY, validateEscalations } from './validate-escalations';
export { dueTimes, pausesFromHistory, slaMet, type ClockPolicy, type DueTimes, type Pauses, type StateChange } from './sla-clock';
export { DEFAULT_ESCALATIONS, planTimers, type Clock, type EscalationLevel, type TimerPlan } from './escalations';
