// WeCom's web authorization link (网页授权, snsapi_base): opened inside WeCom it comes back to
// `redirectUri` with `?code=…&state=…`, and the code names the member (auth/getuserinfo).
export function oauthLink(corpId: string, agentId: number, redirectUri: string, state = 'scrm'): string {
  const query = new URLSearchParams({ appid: corpId, redirect_uri: redirectUri, response_type: 'code', scope: 'snsapi_base', state, agentid: String(agentId) });
  return `https://open.weixin.qq.com/connect/oauth2/authorize?${query.toString()}#wechat_redirect`;
}
