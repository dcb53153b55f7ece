import type { ChannelsConfig } from '../channels';
import { DEFAULT_RATE_LIMITS, type RateLimitsConfig } from '../channels/rate-limits';
import type { Channel } from '../notifications/types';
import type { RetryPolicy } from '../notifications/retry';
import { CHANNELS } from '../notifications/types';
import { isClockTime } from '../notifications/quiet-hours';
import { checkRequestLimits, type RequestLimitsInput } from '../http/limit-config';

export interface NotificationsConfig extends ChannelsConfig {
  /** Base URL of links in messages (`{publicUrl}/admin/...` for staff, `/h5/...` for customers). */
  publicUrl: string;
  /** Staff: WeCom first, email as fallback. */
  staffChannels: Channel[];
  /** Customers without their own `notifyChannels`. */
  customerChannels: Channel[];
  /** Non-urgent messages planned inside this window wait for its end (Asia/Shanghai). */
  quietHours: { start: string; end: string } | null;
  retry: RetryPolicy;
  /** Limits kept on our side per app and per recipient; a message over one waits (no attempt spent). */
  rateLimits: RateLimitsConfig;
  /** How long a claimed row may stay `sending` / `queued` before the sweeper takes it back. */
  leaseMs: number;
  /** Embedded dispatcher poll interval (no Redis). */
  pollMs: number;
  /** Admin role names (or codes) told of escalations to the regional manager. */
  regionalManagerRoles: string[];
}

export interface PluginConfig {
  customerUid: string;
  orderUid: string;
  opportunityUid: string;
  numberPrefix: string;
  timezone: string;
  notifications: NotificationsConfig;
  intake?: IntakeConfig;
  /** SMS sign-in of the customer H5 pages (services/h5-auth.ts has the defaults). */
  h5?: Partial<H5Limits>;
  /** The dashboard (services/reports.ts). */
  reports?: ReportsConfig;
  /** Keys of the customer mobile/address encryption (SCRM_PII_KEYS, SCRM_PII_HASH_KEY; docs/operations.md). Read at call time. */
  pii?: { keys?: string | null; hashKey?: string | null };
  /**
   * Requests per customer, WeCom member, API token and IP, per class of route (http/limit-config.ts
   * has the defaults; a class given here replaces its default windows).
   */
  requestLimits?: RequestLimitsInput;
}

export interface ReportsConfig {
  /** Split parties that are the business itself: their settlement shares are not a cost. */
  ownParties: string[];
}

export interface H5Limits {
  codeTtlMs: number;
  resendAfterMs: number;
  perMobilePerHour: number;
  perIpPerHour: number;
  maxAttempts: number;
}

/** Entries that need settings: the self-built app's callback (docs/intake.md). */
export interface IntakeConfig {
  wecom: {
    corpId: string;
    token: string;
    encodingAesKey: string;
    /** The template a member's text to the app opens. */
    templateKey: string;
    /** The template a 微信客服 customer's first text opens (default: templateKey). */
    kfTemplateKey?: string;
  } | null;
}

export const DEFAULT_NOTIFICATIONS: NotificationsConfig = {
  publicUrl: 'http://localhost:1337',
  staffChannels: ['wecom', 'email'],
  customerChannels: ['wecom', 'sms', 'email'],
  quietHours: { start: '21:00', end: '08:00' },
  retry: { attemptsPerChannel: 5, baseMs: 2000, maxMs: 15 * 60_000 },
  rateLimits: DEFAULT_RATE_LIMITS,
  leaseMs: 60_000,
  pollMs: 1000,
  regionalManagerRoles: ['区域经理', 'regional-manager'],
  wecom: null,
  sms: null,
  email: null,
};

export default {
  default: {
    customerUid: 'api::customer.customer',
    orderUid: 'api::order.order',
    opportunityUid: 'api::opportunity.opportunity',
    numberPrefix: 'GD',
    timezone: 'Asia/Shanghai',
    notifications: DEFAULT_NOTIFICATIONS,
    intake: { wecom: null },
    reports: { ownParties: ['platform'] },
  } satisfies PluginConfig,
  validator(config: PluginConfig) {
    if (!/^[A-Z]{1,6}$/.test(config.numberPrefix)) {
      throw new Error('scrm-tickets: numberPrefix must be 1-6 capital letters');
    }
    checkRequestLimits(config.requestLimits);
    const n = config.notifications;
    if (!n) return;
    for (const list of ['staffChannels', 'customerChannels'] as const) {
      if (n[list] && !n[list].every((c) => (CHANNELS as readonly string[]).includes(c))) {
        throw new Error(`scrm-tickets: notifications.${list} must list channels of ${CHANNELS.join(', ')}`);
      }
    }
    // Half a WeCom channel would fail every ticket write that notifies: refuse it at boot.
    if (n.wecom && !(n.wecom.corpId && n.wecom.secret && Number.isInteger(n.wecom.agentId))) {
      throw new Error('scrm-tickets: notifications.wecom needs corpId, secret and agentId (WECOM_CORP_ID, WECOM_APP_SECRET, WECOM_AGENT_ID)');
    }
    if (n.quietHours && !(isClockTime(n.quietHours.start) && isClockTime(n.quietHours.end))) {
      throw new Error('scrm-tickets: notifications.quietHours needs start and end as HH:mm');
    }
  },
};
