// Asia/Shanghai days as the rollups number them: days since 1970-01-01 there.
const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** The instant an Asia/Shanghai day (days since 1970-01-01) starts. */
export const dayStart = (day: number) => new Date(day * DAY_MS - SHANGHAI_MS);
/** The Asia/Shanghai day of an instant. */
export const dayOf = (at: Date | number) => Math.floor((new Date(at).getTime() + SHANGHAI_MS) / DAY_MS);
/** The settlement month (YYYY-MM) of a day. */
export const monthOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 7);
/** The first day of a day's month, and of the month after. */
export const monthStart = (day: number) => {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
};
export const nextMonth = (day: number) => {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
};
