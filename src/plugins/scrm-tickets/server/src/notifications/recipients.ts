// How people become recipients: the customer's addresses and their own channel order, a staff
// member's WeCom userid (agent profile) and email. Pure.
import type { Channel, Recipient } from './types';

export interface CustomerRow {
  id: number;
  name?: string | null;
  mobile?: string | null;
  email?: string | null;
  wecomExternalUserId?: string | null;
  wecomOpenKfId?: string | null;
  wecomKfLastMessageAt?: string | Date | null;
  notifyChannels?: unknown;
}

export interface StaffRow {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
  preferedLanguage?: string | null;
  wecomUserId?: string | null;
}

/** 微信客服 may answer for 48 hours after the customer's last message (wecom.md §4.4). */
export const KF_WINDOW_MS = 48 * 3600_000;

export function customerRecipient(row: CustomerRow, senderUserId: string | null): Recipient {
  const last = row.wecomKfLastMessageAt ? new Date(row.wecomKfLastMessageAt).getTime() : null;
  return {
    kind: 'customer',
    id: row.id,
    name: row.name ?? '',
    locale: 'zh-Hans',
    mobile: row.mobile ?? null,
    email: row.email ?? null,
    externalUserId: row.wecomExternalUserId ?? null,
    openKfId: row.wecomOpenKfId ?? null,
    kfWindowUntil: last === null ? null : last + KF_WINDOW_MS,
    senderUserId,
  };
}

export function staffRecipient(row: StaffRow): Recipient {
  return {
    kind: 'staff',
    id: row.id,
    name: [row.firstname, row.lastname].filter(Boolean).join(' ') || row.email || `#${row.id}`,
    locale: row.preferedLanguage === 'en' ? 'en' : 'zh-Hans',
    email: row.email ?? null,
    wecomUserId: row.wecomUserId ?? null,
  };
}

/** A customer's own order of channels when they chose one (valid entries only), else the default. */
export function channelOrder(preferred: unknown, fallback: Channel[], known: readonly string[]): Channel[] {
  if (!Array.isArray(preferred)) return fallback;
  const chosen = preferred.filter((c, i): c is Channel => typeof c === 'string' && known.includes(c) && preferred.indexOf(c) === i);
  return chosen.length > 0 ? chosen : fallback;
}
