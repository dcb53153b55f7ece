// Business time on a (Chinese) calendar: the SLA clock's arithmetic. No Strapi imports.
export * from './types';
export { isWorkingDay } from './working-days';
export { mergePauses } from './intervals';
export { addBusinessMinutes, businessMillisBetween, isBusinessTime } from './business-time';
export { validateSchedule } from './validate-schedule';
