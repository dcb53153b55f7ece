// The WeCom member pages' session (workbench.html, sidebar.html). WeCom opens them through its web
// authorization with `?code=`; the server trades the code for a member token (8 hours), kept in
// sessionStorage for this tab and sent as `Authorization: Member <token>`.
import { request } from './api.js';
import { h } from './form.js';

const KEY = 'scrm-member';

/** The member's session, signing in with the URL's code when there is one; null when neither. */
export async function memberSession() {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code) {
    // An Authorization of its own keeps a customer's JWT (same site, other page) off this call.
    const { data } = await request('GET', `/workbench/session?code=${encodeURIComponent(code)}`, { headers: { Authorization: 'None' } });
    sessionStorage.setItem(KEY, JSON.stringify(data));
    // A reload must not spend the (single-use) code again.
    params.delete('code');
    params.delete('state');
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}${location.hash}`);
    return data;
  }
  return JSON.parse(sessionStorage.getItem(KEY) || 'null');
}

/** Requests of the signed-in member to /api/scrm-tickets/workbench/…; a 401 asks to open the page from WeCom again. */
export function memberApi(session, onSignedOut) {
  return async (method, path, options = {}) => {
    try {
      return await request(method, `/workbench${path}`, { ...options, headers: { ...(options.headers ?? {}), Authorization: `Member ${session.token}` } });
    } catch (err) {
      if (err.status === 401) {
        sessionStorage.removeItem(KEY);
        onSignedOut();
      }
      throw err;
    }
  };
}

export const openFromWecom = () => h('p', { class: 'muted center', 'data-testid': 'signed-out' }, '请从企业微信中打开本页面');
