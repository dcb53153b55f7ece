// The configured channels, built once per configuration (tests re-point them at their fakes by
// changing the plugin config; production sets it once).
import type { Channel, ChannelProvider } from '../notifications/types';
import { createWecomProvider, type WecomAppConfig } from './wecom';
import { createTencentSmsProvider, type TencentSmsConfig } from './sms/tencent';
import { createEmailProvider, type EmailConfig } from './email/smtp';

export interface ChannelsConfig {
  wecom?: WecomAppConfig | null;
  sms?: TencentSmsConfig | null;
  email?: EmailConfig | null;
}

let built: { key: string; providers: Map<Channel, ChannelProvider> } | null = null;

export function providersFor(config: ChannelsConfig): Map<Channel, ChannelProvider> {
  const key = JSON.stringify([config.wecom, config.sms, config.email]);
  if (built?.key === key) return built.providers;
  const providers = new Map<Channel, ChannelProvider>();
  if (config.wecom) providers.set('wecom', createWecomProvider(config.wecom));
  // Only Tencent Cloud for now; `provider` names the vendor so an Aliyun one can join here.
  if (config.sms?.provider === 'tencent') providers.set('sms', createTencentSmsProvider(config.sms));
  if (config.email) providers.set('email', createEmailProvider(config.email));
  built = { key, providers };
  return providers;
}
