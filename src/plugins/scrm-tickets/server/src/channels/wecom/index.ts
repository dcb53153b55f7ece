import type { ChannelProvider } from '../../notifications/types';
import { createWecomClient, type WecomAppConfig } from './api-client';
import type { TokenCache } from './token-cache';
import { wecomStaffMessage } from './app-message';
import { wecomCustomerMessage } from './customer-message';

/** The `wecom` channel: app messages to staff, 微信客服 / 客户联系 to customers, one app's token. */
export function createWecomProvider(config: WecomAppConfig, tokens?: TokenCache): ChannelProvider {
  const client = createWecomClient(config, tokens);
  const staff = wecomStaffMessage(client);
  const customer = wecomCustomerMessage(client);
  return {
    channel: 'wecom',
    reaches: (r) => (r.kind === 'staff' ? staff.reaches(r) : customer.reaches(r)),
    send: (d) => (d.recipient.kind === 'staff' ? staff.send(d) : customer.send(d)),
  };
}

export type { WecomAppConfig };
