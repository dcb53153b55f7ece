// The chat sidebar (聊天工具栏): opened beside a chat with an external contact, it asks WeCom's
// JS-SDK who that contact is (wx.config with the corp ticket, wx.agentConfig with the app's, both
// signed by the server), shows them as our customer with their tickets and orders, and files a
// ticket for them (`wecom_sidebar`).
import { errorText } from './api.js';
import { h, setChildren } from './form.js';
import { formCard } from './form-card.js';
import { memberApi, memberSession, openFromWecom } from './member.js';
import { empty, section, ticketCard, topBar } from './views.js';

const root = document.getElementById('app');
const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;

/** The external userid of the chat the sidebar is open on, through the JS-SDK. */
async function currentContact(api) {
  const wx = window.wx;
  if (!wx?.agentConfig) throw new Error('not in WeCom');
  const { data } = await api('GET', `/jsapi?url=${encodeURIComponent(location.href.split('#')[0])}`);
  await new Promise((resolve, reject) => {
    wx.config({ beta: true, debug: false, appId: data.corpId, ...data.config, jsApiList: ['getCurExternalContact'] });
    wx.error(reject);
    wx.ready(resolve);
  });
  await new Promise((resolve, reject) =>
    wx.agentConfig({ corpid: data.corpId, agentid: String(data.agentId), ...data.agentConfig, jsApiList: ['getCurExternalContact'], success: resolve, fail: reject })
  );
  return new Promise((resolve, reject) =>
    wx.invoke('getCurExternalContact', {}, (res) => (res.err_msg === 'getCurExternalContact:ok' ? resolve(res.userId) : reject(new Error(res.err_msg))))
  );
}

async function contactPage(api, externalUserId) {
  const view = h('main', { class: 'page' });
  setChildren(root, view);
  const { data } = await api('GET', `/contacts/${encodeURIComponent(externalUserId)}`);
  const { customer, tickets, orders } = data;
  const templates = (await api('GET', '/templates')).data;
  const formSlot = h('div');
  const openForm = (template) =>
    setChildren(formSlot, formCard(
      template,
      async (payload, idempotencyKey) =>
        (await api('POST', `/contacts/${encodeURIComponent(externalUserId)}/tickets`, { headers: { 'Idempotency-Key': idempotencyKey }, body: { data: { templateKey: template.key, ...payload } } })).data,
      () => contactPage(api, externalUserId)
    ));
  view.append(
    topBar(customer.name),
    section('客户', h('p', { 'data-testid': 'customer-name' }, `${customer.name}${customer.vipLevel ? ` · VIP${customer.vipLevel}` : ''}`), customer.mobile ? h('p', { class: 'muted' }, customer.mobile) : null),
    section('新建工单', h('div', { class: 'chips' }, templates.map((t) => h('button', { type: 'button', class: 'btn', 'data-testid': `template-${t.key}`, onclick: () => openForm(t) }, t.name))), formSlot),
    section('工单', ...(tickets.length ? tickets.map((t) => ticketCard(t)) : [empty('暂无工单')])),
    section('订单', ...(orders.length ? orders.map((o) => h('div', { class: 'card item', 'data-testid': 'order-item' }, h('div', {}, o.number ?? ''), h('div', { class: 'muted' }, `${yuan(o.amountFen ?? 0)} · ${o.state ?? ''}`))) : [empty('暂无订单')]))
  );
}

(async () => {
  try {
    const session = await memberSession();
    if (!session) return setChildren(root, openFromWecom());
    const api = memberApi(session, () => setChildren(root, openFromWecom()));
    await contactPage(api, await currentContact(api));
  } catch (err) {
    setChildren(root, empty(err.message === 'not in WeCom' ? '请在企业微信的聊天工具栏中打开' : errorText(err)));
  }
})();
