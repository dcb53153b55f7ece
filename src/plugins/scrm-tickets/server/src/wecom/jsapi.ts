// JS-SDK signatures for WeCom H5 pages (wx.config with the corp's jsapi_ticket, wx.agentConfig
// with the app's agent_config ticket; the sidebar needs both). The algorithm is @wecom/crypto's
// getJsApiSignature: sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…"), the URL without its #.
import { randomBytes } from 'node:crypto';
import { getJsApiSignature } from '@wecom/crypto';
import type { WecomClient } from '../channels/wecom/api-client';

const EARLY_MS = 5 * 60_000;

async function ticketOf(client: WecomClient, kind: 'corp' | 'agent'): Promise<string> {
  const key = `wecom-jsapi:${client.corpId}:${client.agentId}:${kind}`;
  return (
    (await client.tokens.get(key)) ??
    client.tokens.refresh(key, async () => {
      const answer = kind === 'corp' ? await client.get('/cgi-bin/get_jsapi_ticket') : await client.get('/cgi-bin/ticket/get', { type: 'agent_config' });
      return { value: String(answer.ticket), ttlMs: Number(answer.expires_in ?? 7200) * 1000 - EARLY_MS };
    })
  );
}

export async function jsapiConfig(client: WecomClient, pageUrl: string, now = Date.now()) {
  const url = pageUrl.split('#')[0];
  const timestamp = Math.floor(now / 1000);
  const sign = async (kind: 'corp' | 'agent') => {
    const nonceStr = randomBytes(8).toString('hex');
    const { signature } = getJsApiSignature({ url, ticket: await ticketOf(client, kind), nonceStr, timestamp });
    return { timestamp, nonceStr, signature };
  };
  return { corpId: client.corpId, agentId: client.agentId, config: await sign('corp'), agentConfig: await sign('agent') };
}
