// The template designer's live preview (admin → 工单模板 → 字段): the new-ticket form exactly as
// the customer page draws it, from the fields the admin page on this origin posts as they are
// typed. Submitting checks the required fields like the real page and files nothing.
import { formCard } from './form-card.js';
import { h, setChildren } from './form.js';
import { topBar } from './views.js';

const MESSAGE = 'scrm-template-preview';
const app = document.getElementById('app');

function draw(template) {
  const card = formCard(template, async () => {
    throw new Error('preview');
  }, () => {});
  setChildren(app, topBar(template.name || '填写工单'), h('p', { class: 'muted center' }, '预览 · 不会提交'), card);
}

window.addEventListener('message', (e) => {
  if (e.origin !== location.origin || e.data?.type !== MESSAGE) return;
  try {
    draw(e.data.template);
  } catch {
    // Fields still being typed can be incomplete (a choice without options): the designer shows why.
    setChildren(app, h('p', { class: 'muted center', 'data-testid': 'preview-incomplete' }, '字段设置未完成，完成后显示预览'));
  }
});
if (parent !== window) parent.postMessage({ type: `${MESSAGE}-ready` }, location.origin);
