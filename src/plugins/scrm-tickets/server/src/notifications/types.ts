// What the notification outbox stores and what channels deliver. Pure types.

/** Delivery channels. `wecom` reaches staff by app message and customers by 微信客服 / 客户联系. */
export const CHANNELS = ['wecom', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'queued', 'sending', 'sent', 'dead'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export type Audience = 'customer' | 'staff';

/** Who a message goes to, with every address known when it was planned. */
export interface Recipient {
  kind: Audience;
  /** Customer row id or admin user id. */
  id: number;
  name: string;
  locale: 'zh-Hans' | 'en';
  wecomUserId?: string | null;
  externalUserId?: string | null;
  /** 微信客服 account the customer last wrote to, and until when send_msg may answer (48 h). */
  openKfId?: string | null;
  kfWindowUntil?: number | null;
  /** The member who sends a 客户联系 message for us (the assignee's WeCom userid). */
  senderUserId?: string | null;
  mobile?: string | null;
  email?: string | null;
}

/** A rendered message, ready for any channel. */
export interface Message {
  title: string;
  body: string;
  url?: string | null;
}

/** What a provider is handed: the message, its recipient and a key the provider may dedupe on. */
export interface Delivery {
  /** Stable per outbox row: providers that dedupe (WeCom msgid, SMS SessionContext, Message-ID) get it. */
  key: string;
  recipient: Recipient;
  message: Message;
  /** The text it was rendered from and its variables (SMS templates are filled from these). */
  textKey: string;
  vars: Record<string, string>;
  urgent: boolean;
}

export interface DeliveryReceipt {
  providerMessageId?: string | null;
}

/**
 * How a failed send is handled: `transient` (timeouts, 5xx) retries with backoff, `rate_limited`
 * retries after the provider's window, `permanent` (invalid user, template rejected, channel not
 * configured) goes straight to the next channel.
 */
export type FailureKind = 'transient' | 'rate_limited' | 'permanent';

export class DeliveryError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly code?: string | number,
    readonly retryAfterMs?: number
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface ChannelProvider {
  channel: Channel;
  /** Whether this recipient has an address on the channel (checked when the message is planned). */
  reaches(recipient: Recipient): boolean;
  send(delivery: Delivery): Promise<DeliveryReceipt>;
}
