import { startJsonServer } from './http-fake';

/**
 * A fake WeCom server API: gettoken, app message/send (deduplicating identical messages as the
 * real one does with enable_duplicate_check), 微信客服 send_msg (refusing a repeated msgid),
 * sync_msg (pages of `kfPageSize` over `kfInbox`, the cursor an offset) and customer/batchget,
 * 客户联系 add_msg_template. It counts what it delivered.
 */
export async function startWecomFake() {
  let tokens = 0;
  let current = '';
  const appMessages: any[] = [];
  const kfMessages: any[] = [];
  const msgTemplates: any[] = [];
  const duplicates = { app: 0, kf: 0 };
  const seenApp = new Set<string>();
  const seenKf = new Set<string>();
  const kfInbox: any[] = [];
  const syncCalls: any[] = [];
  const nicknames = new Map<string, string>();
  let kfPageSize = 2;
  const failSyncAt = new Set<string>();
  // Web authorization codes → member userids; external contacts by id; JS-SDK tickets issued.
  const oauthCodes = new Map<string, string>();
  const contacts = new Map<string, any>();
  const calls = { getuserinfo: 0, jsapiTicket: 0, agentTicket: 0, contactGet: 0 };
  // How long the API takes to answer a send (what was received is already counted).
  let delayMs = 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const authorised = (req: any) => new URL(req.url, 'http://x').searchParams.get('access_token') === current;

  const server = await startJsonServer(async (path, body, req) => {
    if (path === '/cgi-bin/gettoken') {
      tokens += 1;
      current = `token-${tokens}`;
      return { body: { errcode: 0, errmsg: 'ok', access_token: current, expires_in: 7200 } };
    }
    if (!authorised(req)) return { body: { errcode: 40014, errmsg: 'invalid access_token' } };
    if (path === '/cgi-bin/message/send') {
      const key = JSON.stringify([body.touser, body.msgtype, body[body.msgtype]]);
      if (body.enable_duplicate_check === 1 && seenApp.has(key)) duplicates.app += 1;
      else {
        seenApp.add(key);
        appMessages.push(body);
      }
      return { body: { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `app-${appMessages.length}` } };
    }
    if (path === '/cgi-bin/kf/send_msg') {
      if (seenKf.has(body.msgid)) {
        duplicates.kf += 1;
        return { body: { errcode: 0, errmsg: 'ok', msgid: body.msgid } };
      }
      seenKf.add(body.msgid);
      kfMessages.push(body);
      if (delayMs) await sleep(delayMs);
      return { body: { errcode: 0, errmsg: 'ok', msgid: body.msgid } };
    }
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    if (path === '/cgi-bin/auth/getuserinfo') {
      calls.getuserinfo += 1;
      const userid = oauthCodes.get(query.get('code') ?? '');
      oauthCodes.delete(query.get('code') ?? ''); // a code works once
      return { body: userid ? { errcode: 0, errmsg: 'ok', userid, user_ticket: 'ut' } : { errcode: 40029, errmsg: 'invalid code' } };
    }
    if (path === '/cgi-bin/get_jsapi_ticket') {
      calls.jsapiTicket += 1;
      return { body: { errcode: 0, errmsg: 'ok', ticket: `corp-ticket-${calls.jsapiTicket}`, expires_in: 7200 } };
    }
    if (path === '/cgi-bin/ticket/get' && query.get('type') === 'agent_config') {
      calls.agentTicket += 1;
      return { body: { errcode: 0, errmsg: 'ok', ticket: `agent-ticket-${calls.agentTicket}`, expires_in: 7200 } };
    }
    if (path === '/cgi-bin/externalcontact/get') {
      calls.contactGet += 1;
      const found = contacts.get(query.get('external_userid') ?? '');
      return { body: found ? { errcode: 0, errmsg: 'ok', ...found } : { errcode: 84061, errmsg: 'not external contact' } };
    }
    if (path === '/cgi-bin/kf/sync_msg') {
      syncCalls.push(body);
      if (failSyncAt.delete(String(body.cursor ?? ''))) return { status: 502, body: {} };
      const start = Number(body.cursor || 0);
      const end = Math.min(kfInbox.length, start + kfPageSize);
      return { body: { errcode: 0, errmsg: 'ok', next_cursor: String(end), has_more: end < kfInbox.length ? 1 : 0, msg_list: kfInbox.slice(start, end) } };
    }
    if (path === '/cgi-bin/kf/customer/batchget') {
      const customer_list = (body.external_userid_list ?? []).filter((id: string) => nicknames.has(id)).map((id: string) => ({ external_userid: id, nickname: nicknames.get(id) }));
      return { body: { errcode: 0, errmsg: 'ok', customer_list, invalid_external_userid: [] } };
    }
    if (path === '/cgi-bin/externalcontact/add_msg_template') {
      msgTemplates.push(body);
      return { body: { errcode: 0, errmsg: 'ok', fail_list: [], msgid: `tpl-${msgTemplates.length}` } };
    }
    return { status: 404, body: { errcode: 404, errmsg: 'no such api' } };
  });
  return {
    ...server,
    appMessages,
    kfMessages,
    msgTemplates,
    duplicates,
    kfInbox,
    syncCalls,
    oauthCodes,
    contacts,
    calls,
    nicknames,
    /** The next sync_msg from this cursor fails with HTTP 502 (once). */
    failSyncAt(cursor: string) {
      failSyncAt.add(cursor);
    },
    setKfPageSize(n: number) {
      kfPageSize = n;
    },
    tokenCalls: () => tokens,
    setDelay(ms: number) {
      delayMs = ms;
    },
    /** Makes the current token invalid (as WeCom may at any time). */
    expireToken() {
      current = 'expired';
    },
  };
}
