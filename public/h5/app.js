// The customer pages: hash routes, one function per page, and what they share (top bar, toast,
// the 10-second refresh).
import { request, session, upload, errorText } from './api.js';
import { h, setChildren, formatTime, thumb, zh, fieldRows } from './form.js';
import { formCard } from './form-card.js';
import { empty, section, statusBadge, ticketCard, topBar } from './views.js';

const root = document.getElementById('app');
const enc = encodeURIComponent;
const REFRESH_MS = 10_000;
const MAX_PHOTOS = 9;
// The customer entries a link may name; members file on workbench.html.
const SOURCES = ['h5', 'mini_program', 'official_account'];
// The ticket's template, for its field labels (the timeline's meta names the workflow states).
const WITH_TEMPLATE = 'populate[template][fields][0]=fieldDefinitions';
const query = new URLSearchParams(location.search);
// ?template=<key> opens that form once (after sign-in if needed); then the list is home again.
let pendingTemplate = query.get('template');
let leaving = []; // stops the timers and listeners of the page on screen

function source() {
  const asked = query.get('source');
  if (SOURCES.includes(asked)) return asked;
  // The mini-program web-view sets __wxjs_environment late, so it is read at submit time.
  const mini = window.__wxjs_environment === 'miniprogram' || /miniProgram/i.test(navigator.userAgent);
  return mini ? 'mini_program' : 'h5';
}

// Redirects replace the history entry, so the back button does not bounce through them.
const go = (hash) => location.replace(hash);
const loadTemplates = async () =>
  (await request('GET', '/ticket-templates?filters[enabled]=true&pagination[pageSize]=100')).data ?? [];

// Outside the page, so it survives the move from the form to the new ticket.
const toastEl = h('div', { class: 'toast', 'data-testid': 'toast', role: 'status', hidden: true });
document.body.append(toastEl);
let toastTimer;
function toast(text) {
  toastEl.textContent = text;
  toastEl.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { toastEl.hidden = true; }, 3000);
}

/** Runs `load` now, every 10 s while the page is visible, and whenever it becomes visible again. */
function keepFresh(view, load) {
  let running = false;
  const tick = async () => {
    if (running || document.visibilityState !== 'visible' || !view.isConnected) return;
    running = true;
    try { await load(); } finally { running = false; }
  };
  const timer = setInterval(tick, REFRESH_MS);
  document.addEventListener('visibilitychange', tick);
  leaving.push(() => { clearInterval(timer); document.removeEventListener('visibilitychange', tick); });
  tick();
}

function loginPage(view) {
  const mobile = h('input', { id: 'mobile', name: 'mobile', type: 'tel', inputmode: 'numeric', autocomplete: 'tel', placeholder: '请输入手机号' });
  const code = h('input', { id: 'code', name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', placeholder: '6 位验证码' });
  const send = h('button', { type: 'button', class: 'btn', 'data-testid': 'send-code', onclick: sendCode }, '获取验证码');
  const login = h('button', { type: 'submit', class: 'btn primary block', 'data-testid': 'login' }, '登录');
  const error = h('p', { class: 'error', 'data-testid': 'login-error', role: 'alert', hidden: true });
  const say = (text) => { error.textContent = text; error.hidden = !text; };
  const explain = (err) =>
    err.status === 400 && err.hasPath('mobile') ? '请输入正确的 11 位手机号'
      : err.status === 400 && err.hasPath('code') ? '验证码错误或已过期'
        : err.status === 503 ? '短信发送失败，请稍后再试' : errorText(err);
  let timer;
  leaving.push(() => clearInterval(timer));

  function countdown(seconds) {
    let left = seconds;
    clearInterval(timer);
    const tick = () => {
      send.disabled = left > 0;
      send.textContent = left > 0 ? `${left} 秒后重发` : '重新获取';
      if (left-- <= 0) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 1000);
  }
  async function sendCode() {
    say('');
    send.disabled = true;
    try {
      const { data } = await request('POST', '/h5/sms-code', { body: { mobile: mobile.value.trim() } });
      countdown(data?.retryAfterSeconds ?? 60);
      code.focus();
    } catch (err) {
      say(explain(err));
      if (err.status === 429) countdown(err.details.retryAfterSeconds ?? 60);
      else send.disabled = false;
    }
  }
  async function signIn(e) {
    e.preventDefault();
    say('');
    login.disabled = true;
    try {
      const { data } = await request('POST', '/h5/login', { body: { mobile: mobile.value.trim(), code: code.value.trim() } });
      session.save(data);
      go('#/tickets');
    } catch (err) {
      say(explain(err));
      login.disabled = false;
    }
  }

  view.append(topBar('登录'), h('form', { class: 'card', novalidate: true, onsubmit: signIn },
    h('p', { class: 'muted' }, '用手机号登录，提交和查看您的报修工单'),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'mobile' }, '手机号'), mobile),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'code' }, '验证码'), h('div', { class: 'row' }, code, send)),
    error,
    login));
}

const ticketRow = (t) => ticketCard(t, `#/tickets/${enc(t.documentId)}`);

function listPage(view) {
  const logout = () => { session.clear(); go('#/login'); };
  const list = h('div', {}, empty('加载中…'));
  view.append(
    topBar('我的工单', { action: h('button', { type: 'button', class: 'bar-side bar-action', 'data-testid': 'logout', onclick: logout }, '退出') }),
    h('a', { class: 'btn primary block', href: '#/new', 'data-testid': 'new-ticket' }, '新建工单'),
    list);
  keepFresh(view, async () => {
    try {
      const { data } = await request('GET', '/tickets?sort=createdAt:desc&pagination[pageSize]=50');
      setChildren(list, ...(data.length ? data.map(ticketRow) : [empty('还没有工单')]));
    } catch (err) {
      // A failed refresh keeps the list already shown; the next one will try again.
      if (!list.querySelector('.item')) setChildren(list, empty(errorText(err)));
    }
  });
}

async function pickerPage(view) {
  const list = h('div', {}, empty('加载中…'));
  view.append(topBar('选择工单类型', { back: '#/tickets' }), list);
  try {
    const templates = await loadTemplates();
    setChildren(list, ...(templates.length ? templates.map((t) =>
      h('a', { class: 'card item', href: `#/new/${enc(t.key)}`, 'data-testid': `template-${t.key}` },
        h('div', { class: 'item-title' }, t.name ?? ''),
        t.description ? h('p', { class: 'muted' }, t.description) : null)) : [empty('暂无可提交的工单类型')]));
  } catch (err) {
    setChildren(list, empty(errorText(err)));
  }
}

async function formPage(view, key) {
  const note = empty('加载中…');
  view.append(topBar('填写工单', { back: '#/new' }), note);
  let template;
  try {
    template = (await loadTemplates()).find((t) => t.key === key);
  } catch (err) {
    note.textContent = errorText(err);
    return;
  }
  if (!template) { note.textContent = '未找到该工单类型'; return; }
  note.remove();

  view.append(formCard(
    template,
    async (payload, idempotencyKey) =>
      (await request('POST', '/tickets', { headers: { 'Idempotency-Key': idempotencyKey }, body: { data: { templateKey: key, ...payload, source: source() } } })).data,
    (ticket) => {
      toast(`提交成功，工单号 ${ticket.number}`);
      go(`#/tickets/${enc(ticket.documentId)}`);
    }
  ));
}

function timelineItems(events, ticket, workflowStates) {
  const states = new Map((workflowStates ?? []).map((s) => [s.key, zh(s.label)]));
  if (!states.has(ticket.state)) states.set(ticket.state, zh(ticket.stateLabel));
  const stateChange = (change) => {
    // Without state names the keys would show English, so then only the fact is told.
    const [from, to] = [states.get(change?.before), states.get(change?.after)];
    return to ? `状态变更：${from ? `${from} → ` : ''}${to}` : '状态变更';
  };
  const items = events.filter((e) => e.type === 'comment' || e.type === 'state_changed').map((e) => {
    const images = (e.attachments ?? []).filter((a) => a.mime?.startsWith('image/'));
    return h('li', { class: `tl ${e.type}`, 'data-testid': 'timeline-item' },
      h('div', { class: 'muted' }, formatTime(e.createdAt)),
      h('div', { class: 'tl-body' }, e.type === 'comment' ? e.body ?? '' : stateChange(e.changes?.state)),
      images.length ? h('div', { class: 'thumbs' }, images.map((a) => thumb(a.formats?.thumbnail?.url || a.url))) : null);
  });
  return items.length ? items : [h('li', { class: 'muted' }, '暂无进度')];
}

function commentBox(path, sent) {
  const text = h('textarea', { name: 'comment', rows: 3, placeholder: '补充说明，或回复客服' });
  const photos = []; // { file, url: local preview, id: once uploaded }
  const thumbs = h('div', { class: 'thumbs' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const say = (msg) => { error.textContent = msg; error.hidden = !msg; };
  const render = () => setChildren(thumbs, ...photos.map((p, i) => h('div', { class: 'thumb' }, thumb(p.url),
    h('button', { type: 'button', class: 'thumb-remove', 'aria-label': '删除图片', onclick: () => { URL.revokeObjectURL(p.url); photos.splice(i, 1); render(); } }, '×'))));
  const input = h('input', {
    type: 'file', accept: 'image/*', multiple: true, class: 'visually-hidden', 'data-testid': 'photo-input',
    onchange: () => {
      const picked = [...input.files].filter((f) => f.type.startsWith('image/'));
      const room = MAX_PHOTOS - photos.length;
      input.value = '';
      say(picked.length > room ? `每次最多 ${MAX_PHOTOS} 张图片` : '');
      photos.push(...picked.slice(0, room).map((file) => ({ file, url: URL.createObjectURL(file) })));
      render();
    },
  });
  const send = h('button', {
    type: 'button', class: 'btn primary', 'data-testid': 'send-comment',
    onclick: async () => {
      const body = text.value.trim();
      if (!body) return say('请输入内容');
      say('');
      send.disabled = true;
      try {
        // Photos uploaded by an earlier, failed try keep their ids and are not sent again.
        const todo = photos.filter((p) => !p.id);
        if (todo.length) (await upload(todo.map((p) => p.file))).forEach((f, i) => { todo[i].id = f.id; });
        await request('POST', `${path}/comments`, { body: { data: { body, attachments: photos.map((p) => p.id) } } });
        text.value = '';
        photos.splice(0).forEach((p) => URL.revokeObjectURL(p.url));
        render();
        sent();
      } catch (err) {
        say(errorText(err));
      }
      send.disabled = false;
    },
  }, '发送');
  return section('补充说明', text, thumbs, error,
    h('div', { class: 'row between' }, h('label', { class: 'btn' }, '添加图片', input), send));
}

function ratingBlock(ticket, path, rated) {
  if (ticket.csat) {
    return h('section', { class: 'card', 'data-testid': 'rating-done' }, h('h2', {}, '服务评价'),
      h('p', {}, h('span', { class: 'stars-given', 'aria-hidden': 'true' }, '★'.repeat(ticket.csat)), ` 已评价 ${ticket.csat} 星`),
      ticket.csatComment ? h('p', { class: 'muted' }, ticket.csatComment) : null);
  }
  let csat = 0;
  const stars = [1, 2, 3, 4, 5].map((n) => h('button', {
    type: 'button', class: 'star', role: 'radio', 'aria-checked': 'false', 'aria-label': `${n} 星`, 'data-testid': `star-${n}`,
    onclick: () => {
      csat = n;
      stars.forEach((s, i) => { s.classList.toggle('on', i < n); s.setAttribute('aria-checked', String(i + 1 === n)); });
    },
  }, '★'));
  const comment = h('textarea', { name: 'csatComment', rows: 3, placeholder: '说说您的感受（选填）' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const say = (msg) => { error.textContent = msg; error.hidden = !msg; };
  const submit = h('button', {
    type: 'button', class: 'btn primary block', 'data-testid': 'submit-rating',
    onclick: async () => {
      if (!csat) return say('请先选择星级');
      say('');
      submit.disabled = true;
      try {
        const words = comment.value.trim();
        const { data } = await request('POST', `${path}/rating`, { body: { data: { csat, ...(words ? { comment: words } : {}) } } });
        rated(data);
      } catch (err) {
        say(err.status === 409 ? '工单完成后才能评价' : errorText(err));
        submit.disabled = false;
      }
    },
  }, '提交评价');
  return section('服务评价', h('div', { class: 'stars', role: 'radiogroup', 'aria-label': '评分' }, stars), comment, error, submit);
}

function detailPage(view, id) {
  const path = `/tickets/${enc(id)}`;
  const content = h('div', {}, empty('加载中…'));
  view.append(topBar('工单详情', { back: '#/tickets' }), content);
  const statusSlot = h('span');
  const timeline = h('ol', { class: 'timeline' });
  const ratingSlot = h('div');
  let built = false;
  let shownEvents = '';
  let ratingShown = '';

  // Only what changed is redrawn, so a half-written comment or rating survives a refresh.
  function update(ticket) {
    setChildren(statusSlot, statusBadge(ticket));
    const mode = ticket.csat ? 'done' : ticket.resolvedAt || ticket.closedAt ? 'form' : '';
    if (mode !== ratingShown) setChildren(ratingSlot, ...(mode ? [ratingBlock(ticket, path, update)] : []));
    ratingShown = mode;
  }
  async function load() {
    let ticket;
    let events;
    let states;
    try {
      [{ data: ticket }, { data: events, meta: { states } = {} }] = await Promise.all([request('GET', `${path}?${WITH_TEMPLATE}`), request('GET', `${path}/events`)]);
    } catch (err) {
      if (!built) setChildren(content, empty(err.status === 404 ? '工单不存在或无权查看' : errorText(err)));
      return;
    }
    if (!built) {
      const rows = fieldRows(ticket.template?.fieldDefinitions, ticket.fields);
      setChildren(content,
        h('section', { class: 'card' },
          h('div', { class: 'row between' }, h('span', { class: 'number', 'data-testid': 'ticket-number' }, ticket.number ?? ''), statusSlot),
          h('h2', { class: 'ticket-title' }, ticket.title ?? ''),
          h('p', { class: 'muted' }, `提交于 ${formatTime(ticket.createdAt)}`)),
        rows.length ? section('报修内容', h('dl', {}, rows)) : '',
        section('处理进度', timeline),
        commentBox(path, load),
        ratingSlot);
      built = true;
    }
    update(ticket);
    const seen = JSON.stringify(events);
    if (seen !== shownEvents) setChildren(timeline, ...timelineItems(events, ticket, states));
    shownEvents = seen;
  }
  keepFresh(view, load);
}

const ROUTES = [
  [/^#\/login$/, loginPage],
  [/^#\/tickets$/, listPage],
  [/^#\/new$/, pickerPage],
  [/^#\/new\/([^/]+)$/, formPage],
  [/^#\/tickets\/([^/]+)$/, detailPage],
];
const decode = (part) => { try { return decodeURIComponent(part); } catch { return part; } };

function route() {
  leaving.forEach((stop) => stop());
  leaving = [];
  const hash = location.hash || '#/tickets';
  if (!session.jwt && hash !== '#/login') return go('#/login');
  if (session.jwt && hash === '#/login') return go('#/tickets');
  if (hash === '#/tickets' && pendingTemplate) {
    const key = pendingTemplate;
    pendingTemplate = null;
    return go(`#/new/${enc(key)}`);
  }
  for (const [pattern, page] of ROUTES) {
    const match = pattern.exec(hash);
    if (!match) continue;
    // Any other page first (a shared ticket link, say) means the template was not what was wanted.
    if (page !== loginPage) pendingTemplate = null;
    const view = h('main', { class: 'page' });
    setChildren(root, view);
    window.scrollTo(0, 0);
    return page(view, ...match.slice(1).map(decode));
  }
  return go('#/tickets');
}

window.addEventListener('hashchange', route);
route();
