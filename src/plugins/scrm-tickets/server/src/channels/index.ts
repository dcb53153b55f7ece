// The configured channels, built once per configuration (tests re-point them at their fakes by
// changing the plugin config; production sets it once).
import type { Channel, ChannelProvider } from '../notifications/types';
import { createWecomProvider, type WecomAppConfig } from './wecom';
import { createTencentSmsProvider, type TencentSmsConfig } from './sms/tencent';
import { createEmailProvider, type EmailConfig } from './email/smtp';
import type { TokenCache } from './wecom/token-cache';

export interface ChannelsConfig {
  wecom?: WecomAppConfig | null;
  sms?: TencentSmsConfig | null;
  email?: EmailConfig | null;
}

let built: { key: string; tokens?: TokenCache; providers: Map<Channel, ChannelProvider> } | null = null;

/** `tokens`: where WeCom access tokens are shared (services/wecom-api.ts: Redis when present). */
export function providersFor(config: ChannelsConfig, tokens?: TokenCache): Map<Channel, ChannelProvider> {
  const key = JSON.stringify([config.wecom, config.sms, config.email]);
  if (built?.key === key && built.tokens === tokens) return built.providers;
  const providers = new Map<Channel, ChannelProvider>();
  if (config.wecom) providers.set('wecom', createWecomProvider(config.wecom, tokens));
  // Only Tencent Cloud for now; `provider` names the vendor so an Aliyun one can join here.
  if (config.sms?.provider === 'tencent') providers.set('sms', createTencentSmsProvider(config.sms));
  if (config.email) providers.set('email', createEmailProvider(config.email));
  built = { key, tokens, providers };
  return providers;
}
