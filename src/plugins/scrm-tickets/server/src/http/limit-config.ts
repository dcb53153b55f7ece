// How many requests each kind of caller may make per class of route, and in what windows
// (docs/operations.md, "Request limits"). Pure: no Strapi, so it is unit-tested as it is.
import type { Limit } from '../channels/rate-limits';

/** What a route does, as far as limits go; http/route-limits.ts gives each handler one. */
export const LIMIT_CLASSES = ['create', 'comment', 'upload', 'write', 'read', 'sign-in', 'intake', 'wecom-callback'] as const;
export type LimitClass = (typeof LIMIT_CLASSES)[number];

/**
 * Who is counted: a customer signed in on the H5 pages (users-permissions), a WeCom member on the
 * workbench pages (their member session), an integration's API token, or — on public routes —
 * the client's IP. Admins are never counted.
 */
export const CALLER_KINDS = ['customer', 'member', 'apiToken', 'ip'] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

/** Windows that must all have room for a request (say 10 a minute and 100 a day); `[]`: not limited. */
export type Budget = Limit[];
export type Budgets = Partial<Record<LimitClass, Budget>>;

export interface RequestLimitsConfig {
  /** false turns every request limit off (the sign-in limits of h5-auth stay). */
  enabled: boolean;
  customer: Budgets;
  member: Budgets;
  apiToken: Budgets;
  ip: Budgets;
}

/** What the plugin config may say: any part; a class given replaces that class's default windows. */
export type RequestLimitsInput = Partial<{ enabled: boolean } & Record<CallerKind, Budgets>>;

const MINUTE = 60;
const DAY = 86_400;
const per = (points: number, duration: number): Limit => ({ points, duration });

/**
 * The defaults, set so that no person using the pages meets them and a script does at once.
 * Customers: ten tickets a minute (a form takes a person a minute or more) and a hundred a day —
 * a customer files a handful; comments twenty a minute (Zendesk allows thirty updates per ticket
 * per user in ten minutes), uploads twenty a minute (a ticket holds nine photos); other writes
 * (ratings, transitions, quotes) thirty a minute; reads 120 a minute (a page view is three or four).
 * Members (staff filing for contacts) get more. Public routes count per IP, generously: Chinese
 * mobile networks put many customers behind one carrier NAT address, and WeCom posts its
 * callbacks from a few servers. API tokens are not limited: integrations are staff-issued, and a
 * runaway one is stopped by revoking its token (set `apiToken` to give them a budget).
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimitsConfig = {
  enabled: true,
  customer: {
    create: [per(10, MINUTE), per(100, DAY)],
    comment: [per(20, MINUTE), per(500, DAY)],
    upload: [per(20, MINUTE), per(200, DAY)],
    write: [per(30, MINUTE)],
    read: [per(120, MINUTE)],
  },
  member: {
    create: [per(30, MINUTE)],
    write: [per(60, MINUTE)],
    read: [per(300, MINUTE)],
  },
  apiToken: {},
  ip: {
    'sign-in': [per(60, MINUTE)],
    // Per source and IP: one partner's retry storm does not use up another's.
    intake: [per(600, MINUTE)],
    'wecom-callback': [per(1200, MINUTE)],
    write: [per(60, MINUTE)],
    read: [per(300, MINUTE)],
  },
};

/** The defaults with the config's classes laid over them. */
export function resolveRequestLimits(given: RequestLimitsInput | undefined): RequestLimitsConfig {
  const d = DEFAULT_REQUEST_LIMITS;
  const g = given ?? {};
  return {
    enabled: g.enabled ?? d.enabled,
    customer: { ...d.customer, ...g.customer },
    member: { ...d.member, ...g.member },
    apiToken: { ...d.apiToken, ...g.apiToken },
    ip: { ...d.ip, ...g.ip },
  };
}

/** One class's windows for one kind of caller: its own, else the general `write` (or `read`) ones. */
export function budgetOf(config: RequestLimitsConfig, kind: CallerKind, limitClass: LimitClass): Budget {
  const budgets = config[kind];
  return budgets[limitClass] ?? budgets[limitClass === 'read' ? 'read' : 'write'] ?? [];
}

/** Throws (at boot, from the config validator) when `requestLimits` is not what the plugin can use. */
export function checkRequestLimits(given: unknown): void {
  if (given === undefined) return;
  const fail = (path: string, message: string) => {
    throw new Error(`scrm-tickets: requestLimits${path} ${message}`);
  };
  if (!given || typeof given !== 'object' || Array.isArray(given)) fail('', 'must be an object');
  for (const [kind, budgets] of Object.entries(given as Record<string, unknown>)) {
    if (kind === 'enabled') {
      if (typeof budgets !== 'boolean') fail('.enabled', 'must be true or false');
      continue;
    }
    if (!(CALLER_KINDS as readonly string[]).includes(kind)) fail(`.${kind}`, `is not one of enabled, ${CALLER_KINDS.join(', ')}`);
    if (!budgets || typeof budgets !== 'object' || Array.isArray(budgets)) fail(`.${kind}`, 'must be an object of classes');
    for (const [limitClass, windows] of Object.entries(budgets as Record<string, unknown>)) {
      const path = `.${kind}.${limitClass}`;
      if (!(LIMIT_CLASSES as readonly string[]).includes(limitClass)) fail(path, `is not one of ${LIMIT_CLASSES.join(', ')}`);
      if (!Array.isArray(windows)) fail(path, 'must be a list of { points, duration } ([] for no limit)');
      (windows as unknown[]).forEach((w: any, i) => {
        if (!Number.isSafeInteger(w?.points) || w.points < 1) fail(`${path}[${i}].points`, 'must be a whole number of requests, at least 1');
        if (!Number.isSafeInteger(w?.duration) || w.duration < 1) fail(`${path}[${i}].duration`, 'must be a whole number of seconds, at least 1');
      });
    }
  }
}
