// The WeCom workbench page (工作台, and the form an app-menu card opens): the member's tickets and
// new tickets of any template, as the member. Opened through WeCom's web authorization
// (member.js); `?template=<key>&source=wecom_menu` opens that template's form.
import { errorText } from './api.js';
import { h, setChildren } from './form.js';
import { formCard } from './form-card.js';
import { memberApi, memberSession, openFromWecom } from './member.js';
import { empty, ticketCard, topBar } from './views.js';

const root = document.getElementById('app');
const query = new URLSearchParams(location.search);
const MEMBER_SOURCES = ['workbench', 'wecom_menu'];
const source = MEMBER_SOURCES.includes(query.get('source')) ? query.get('source') : 'workbench';
// Staff open the ticket in the admin panel.
const adminLink = (t) => `/admin/content-manager/collection-types/plugin::scrm-tickets.ticket/${encodeURIComponent(t.documentId)}`;

async function listPage(api, member, view) {
  const list = h('div', {}, empty('加载中…'));
  const picker = h('div', { class: 'chips' });
  view.append(topBar(`${member.name} 的工单`), h('section', { class: 'card' }, h('h2', {}, '新建工单'), picker), list);
  const [{ data: tickets }, { data: templates }] = await Promise.all([api('GET', '/tickets'), api('GET', '/templates')]);
  setChildren(picker, ...templates.map((t) => h('a', { class: 'btn', href: `#/new/${encodeURIComponent(t.key)}`, 'data-testid': `template-${t.key}` }, t.name)));
  setChildren(list, ...(tickets.length ? tickets.map((t) => ticketCard(t, adminLink(t))) : [empty('暂无分派给您的工单')]));
}

async function formPage(api, view, key) {
  view.append(topBar('填写工单', { back: '#/' }));
  const template = (await api('GET', '/templates')).data.find((t) => t.key === key);
  if (!template) return view.append(empty('未找到该工单类型'));
  const done = h('p', { class: 'banner ok', 'data-testid': 'toast', hidden: true });
  view.append(done, formCard(
    template,
    async (payload, idempotencyKey) =>
      (await api('POST', '/tickets', { headers: { 'Idempotency-Key': idempotencyKey }, body: { data: { templateKey: key, ...payload, source } } })).data,
    (ticket) => {
      location.hash = '#/';
      // After the list is drawn: the filed ticket's number stays on screen.
      setTimeout(() => root.prepend(h('p', { class: 'banner ok', 'data-testid': 'toast' }, `提交成功，工单号 ${ticket.number}`)), 0);
    }
  ));
}

async function route(api, member) {
  const view = h('main', { class: 'page' });
  setChildren(root, view);
  const [, page, key] = location.hash.split('/');
  try {
    if (page === 'new' && key) await formPage(api, view, decodeURIComponent(key));
    else await listPage(api, member, view);
  } catch (err) {
    view.append(empty(errorText(err)));
  }
}

(async () => {
  let session;
  try {
    session = await memberSession();
  } catch (err) {
    return setChildren(root, empty(err.status === 403 ? '您还不是客服坐席，请联系管理员' : errorText(err)));
  }
  if (!session) return setChildren(root, openFromWecom());
  const api = memberApi(session, () => setChildren(root, openFromWecom()));
  if (query.get('template') && !location.hash) location.replace(`#/new/${encodeURIComponent(query.get('template'))}`);
  window.addEventListener('hashchange', () => route(api, session.member));
  route(api, session.member);
})();
