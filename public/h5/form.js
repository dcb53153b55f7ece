// A ticket template's fields: the inputs of the new-ticket form, and readable values on a ticket.
// Also the small DOM helpers both pages share.
import { upload, fileUrl } from './api.js';

/** createElement with props; children are appended as nodes or text, never parsed as HTML. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k in el && !k.includes('-')) el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

/** replaceChildren() is missing from older WeChat web views. */
export function setChildren(el, ...children) {
  el.textContent = '';
  el.append(...children);
}

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
export const formatTime = (iso) => (iso ? TIME.format(new Date(iso)) : '');

/** A photo thumbnail; tapping it shows the photo full screen (no hover in a phone). */
export function thumb(url) {
  return h('img', {
    class: 'thumb-img', src: url, alt: '图片', loading: 'lazy',
    onclick: () => document.body.append(h('div', { class: 'lightbox', onclick: (e) => e.currentTarget.remove() }, h('img', { src: url, alt: '图片' }))),
  });
}

export const zh = (label) => label?.['zh-Hans'] ?? '';
const isEmpty = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
// Staff fill these on the admin side; they are neither asked for nor shown here.
const STAFF_ONLY = new Set(['region', 'location']);

// Amounts are integer fen. Parsing 元 as text keeps float rounding (0.1 + 0.2) out of money.
function yuanToFen(text) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[2] + (m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
function fenToYuan(fen) {
  if (!Number.isInteger(fen)) return String(fen);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

// <input type=datetime-local> speaks Shanghai wall time; the server wants an ISO offset.
const toIso = (local) => `${/T\d\d:\d\d$/.test(local) ? `${local}:00` : local}+08:00`;
function toLocalInput(iso) {
  const p = Object.fromEntries(TIME.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Chinese text for a server error on a field, by what the field asks for. */
function fieldErrorText(def, message = '') {
  // "does not match the required format" is a pattern error, not a missing value.
  if (/required/i.test(message) && !/format/i.test(message)) return '此项为必填';
  const money = def.type === 'money';
  const show = (n) => (money ? fenToYuan(n) : n);
  const range = def.min != null && def.max != null ? `，范围 ${show(def.min)}–${show(def.max)}`
    : def.min != null ? `，不小于 ${show(def.min)}` : def.max != null ? `，不大于 ${show(def.max)}` : '';
  switch (def.type) {
    case 'mobile': return '请输入 11 位手机号';
    case 'email': return '请输入正确的邮箱';
    case 'number': case 'money': return `请输入有效的数值${range}${range && money ? ' 元' : ''}`;
    case 'date': case 'datetime': return '请选择有效的日期';
    case 'select': case 'multiselect': return '请选择有效的选项';
    case 'media': return '请上传图片';
    case 'text': case 'textarea':
      if (def.pattern && (/format/i.test(message) || def.max == null)) return '格式不正确';
      if (def.min != null && /at least/i.test(message)) return `至少 ${def.min} 个字`;
      if (def.max != null) return `最多 ${def.max} 个字`;
      return '填写有误';
    default: return '填写有误';
  }
}

/** The photo picker of a media field: uploads as soon as photos are picked. */
function mediaInput(def, name, ctx) {
  const files = []; // { id, url } in the order picked
  let uploading = 0;
  const thumbs = h('div', { class: 'thumbs' });
  const status = h('span', { class: 'muted' });
  const render = () => {
    setChildren(thumbs, ...files.map((f, i) => h('div', { class: 'thumb' }, thumb(f.url),
      h('button', { type: 'button', class: 'thumb-remove', 'aria-label': '删除图片', onclick: () => { files.splice(i, 1); render(); ctx.changed(); } }, '×'))));
    status.textContent = uploading ? '上传中…' : '';
  };
  const input = h('input', {
    type: 'file', name, accept: 'image/*', multiple: !!def.multiple, class: 'visually-hidden',
    onchange: async () => {
      const limit = def.multiple ? (def.max ?? Infinity) - files.length : 1;
      const picked = [...input.files].filter((f) => f.type.startsWith('image/')).slice(0, Math.max(limit, 0));
      input.value = ''; // lets the same photo be picked again after removing it
      if (!picked.length) return ctx.setError(limit > 0 ? '请选择图片' : `最多 ${def.max} 张`);
      ctx.setError('');
      uploading += 1;
      render();
      try {
        const saved = await upload(picked);
        if (!def.multiple) files.length = 0;
        files.push(...saved.map((f) => ({ id: f.id, url: f.formats?.thumbnail?.url || f.url })));
      } catch {
        ctx.setError('图片上传失败，请重试');
      }
      uploading -= 1;
      render();
      ctx.changed();
    },
  });
  return {
    el: h('div', {}, thumbs, h('label', { class: 'btn' }, '添加图片', input), status),
    read: () => (def.multiple ? files.map((f) => f.id) : files[0]?.id),
    busy: () => uploading > 0,
  };
}

/** The control of one field: its element, its current value, and whether it is still busy. */
function fieldInput(def, id, ctx) {
  const name = `field.${def.key}`;
  const d = def.default;
  const text = ({ tag = 'input', ...props }, read = (v) => v) => {
    // type before value: an input checks its value against its type.
    const el = h(tag, { type: props.type, id, name, value: d == null ? '' : String(d), ...props });
    return { el, read: () => (el.value.trim() === '' ? undefined : read(el.value)) };
  };
  switch (def.type) {
    case 'textarea': return text({ tag: 'textarea', rows: 4 });
    // Unparseable numbers go to the server as typed, so its error lands under the field.
    case 'number': return text({ type: 'text', inputmode: 'decimal' }, (v) => (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v));
    case 'money': {
      const c = text({ type: 'text', inputmode: 'decimal', value: '' }, (v) => yuanToFen(v) ?? v);
      if (Number.isInteger(d)) c.el.value = fenToYuan(d);
      return { ...c, el: h('div', { class: 'with-unit' }, c.el, h('span', {}, '元')) };
    }
    case 'date': return text({ type: 'date' });
    case 'datetime': {
      const c = text({ type: 'datetime-local', value: '' }, toIso);
      if (typeof d === 'string') c.el.value = toLocalInput(d);
      return c;
    }
    case 'mobile': return text({ type: 'tel', inputmode: 'tel', autocomplete: 'tel' }, (v) => v.replace(/[\s-]/g, ''));
    case 'email': return text({ type: 'email', inputmode: 'email' }, (v) => v.trim());
    case 'select': {
      const options = (def.options ?? []).map((o) => h('option', { value: o.value }, zh(o.label)));
      const el = h('select', { id, name }, d == null ? h('option', { value: '' }, '请选择') : null, options);
      if (d != null) el.value = String(d); // after the options exist, or it does not stick
      return { el, read: () => el.value || undefined };
    }
    case 'multiselect': {
      const chosen = Array.isArray(d) ? d : [];
      const boxes = (def.options ?? []).map((o) => h('input', { type: 'checkbox', name, value: o.value, checked: chosen.includes(o.value) }));
      const el = h('div', { class: 'choices', role: 'group' }, boxes.map((b, i) => h('label', { class: 'choice' }, b, zh(def.options[i].label))));
      return { el, read: () => boxes.filter((b) => b.checked).map((b) => b.value) };
    }
    case 'boolean': {
      const box = h('input', { id, type: 'checkbox', name, checked: d === true, class: 'switch' });
      return { el: h('label', { class: 'choice' }, box, '是'), read: () => box.checked };
    }
    case 'media': return mediaInput(def, name, ctx);
    default: return text({ type: 'text' });
  }
}

/**
 * The new-ticket form of a template: title and fields, shown as their visibleWhen rules say.
 * Checks only `required`; the server checks the rest and its errors are put under the fields.
 */
export function ticketForm(template) {
  const title = h('input', { id: 'f-title', name: 'title', type: 'text', value: template.name ?? '' });
  const titleError = h('p', { class: 'error', 'data-testid': 'error-title', hidden: true });
  const defs = (template.fieldDefinitions ?? []).filter((d) => !STAFF_ONLY.has(d.type));
  const fields = new Map();
  const setError = (el, msg) => { el.textContent = msg; el.hidden = !msg; };

  for (const [i, def] of defs.entries()) {
    const error = h('p', { class: 'error', 'data-testid': `error-${def.key}`, hidden: true });
    const f = { def, error, touched: false };
    const control = fieldInput(def, `f-${i}`, { changed: () => refresh(), setError: (msg) => setError(error, msg) });
    const wrap = h('div', { class: 'field' },
      h('label', { class: 'label', for: `f-${i}` }, zh(def.label), def.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, '*') : null),
      control.el,
      zh(def.helpText) ? h('p', { class: 'help' }, zh(def.helpText)) : null,
      error);
    // Editing a field answers its error; the next submit shows what is still wrong. Photo
    // pickers report their own upload errors and changes.
    const edited = (e) => {
      if (e.target.type === 'file') return;
      f.touched = true;
      setError(error, '');
      refresh();
    };
    wrap.addEventListener('input', edited);
    wrap.addEventListener('change', edited);
    fields.set(def.key, Object.assign(f, control, { wrap }));
  }

  // As the server decides: a field shows while its rule holds and the field it watches shows.
  function shown(key, depth = 0) {
    const rule = fields.get(key)?.def.visibleWhen;
    if (!rule) return true;
    const watched = fields.get(rule.field);
    if (!watched || depth > fields.size || !shown(rule.field, depth + 1)) return false;
    const value = watched.read();
    if (rule.notEmpty) return !isEmpty(value);
    const matches = (c) => (Array.isArray(value) ? value.includes(c) : value === c);
    return rule.in ? rule.in.some(matches) : matches(rule.equals);
  }
  function refresh() {
    for (const [key, f] of fields) {
      f.wrap.hidden = !shown(key);
      if (f.wrap.hidden) setError(f.error, '');
    }
  }
  const visible = () => [...fields.values()].filter((f) => !f.wrap.hidden);
  refresh();

  return {
    el: h('div', {},
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'f-title' }, '标题', h('span', { class: 'req', 'aria-hidden': 'true' }, '*')), title, titleError),
      [...fields.values()].map((f) => f.wrap)),
    busy: () => visible().some((f) => f.busy?.()),
    clearErrors() {
      setError(titleError, '');
      for (const f of fields.values()) setError(f.error, '');
    },
    /** Marks empty required fields; answers whether all are filled. */
    checkRequired() {
      let ok = true;
      if (!title.value.trim()) { setError(titleError, '请填写标题（1–200 字）'); ok = false; }
      for (const f of visible()) {
        if (f.def.required && isEmpty(f.read())) { setError(f.error, '此项为必填'); ok = false; }
      }
      return ok;
    },
    payload() {
      const values = {};
      for (const f of visible()) {
        const v = f.read();
        // An untouched, optional switch says nothing; false would be an answer nobody gave.
        if (f.def.type === 'boolean' && !v && !f.def.required && !f.touched) continue;
        if (!isEmpty(v)) values[f.def.key] = v;
      }
      return { title: title.value.trim(), fields: values };
    },
    /** Puts server errors under their fields; answers texts for the errors no field shows. */
    showErrors(errors) {
      const rest = [];
      const allDefs = new Map((template.fieldDefinitions ?? []).map((d) => [d.key, d]));
      for (const { path = [], message } of errors) {
        const key = path[0] === 'fields' ? String(path[1]) : null;
        const f = fields.get(key);
        const def = allDefs.get(key);
        if (path[0] === 'title') setError(titleError, '请填写标题（1–200 字）');
        else if (f && !f.wrap.hidden) { if (!f.error.textContent) setError(f.error, fieldErrorText(def, message)); }
        else rest.push(def ? `${zh(def.label)}：${fieldErrorText(def, message)}` : '提交的内容有误，请检查后重试');
      }
      return [...new Set(rest)];
    },
  };
}

/** The filled-in fields of a ticket as label/value rows, in the template's order. */
export function fieldRows(definitions, values) {
  return (definitions ?? [])
    .filter((def) => !STAFF_ONLY.has(def.type) && !isEmpty(values?.[def.key]))
    .map((def) => h('div', { class: 'kv' }, h('dt', {}, zh(def.label)), h('dd', {}, readable(def, values[def.key]))));
}

function readable(def, v) {
  const option = (x) => zh(def.options?.find((o) => o.value === x)?.label) || String(x);
  switch (def.type) {
    case 'select': return option(v);
    case 'multiselect': return [].concat(v).map(option).join('、');
    case 'boolean': return v ? '是' : '否';
    case 'money': return `${fenToYuan(v)} 元`;
    case 'datetime': return formatTime(v);
    case 'media': {
      const ids = [].concat(v);
      const urls = ids.map(fileUrl).filter(Boolean);
      return urls.length === ids.length ? h('div', { class: 'thumbs' }, urls.map(thumb)) : `已上传 ${ids.length} 张图片`;
    }
    default: return String(v);
  }
}
