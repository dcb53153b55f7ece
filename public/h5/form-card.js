// A template's form in a card with the submit logic every page that files tickets shares (the
// customer pages, the WeCom workbench and sidebar): required fields checked first, photos
// finished uploading, one idempotency key per fill, and the server's errors under their fields.
import { errorText, newIdempotencyKey } from './api.js';
import { h, ticketForm } from './form.js';

/**
 * `send(payload, idempotencyKey)` files `{ title, fields }` and answers the ticket; `done(ticket)`
 * follows a success. The element is appended by the caller.
 */
export function formCard(template, send, done) {
  const form = ticketForm(template);
  const banner = h('div', { class: 'banner', 'data-testid': 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn primary block', 'data-testid': 'submit' }, '提交');
  const say = (text) => { banner.textContent = text; banner.hidden = !text; };
  // One key per visit of this form: a retry after a lost answer finds the ticket it already
  // filed instead of filing another. Coming back to the form later is a new fill, a new key.
  const idempotencyKey = newIdempotencyKey();
  const card = h('form', { class: 'card', novalidate: true, onsubmit: onSubmit },
    banner,
    template.description ? h('p', { class: 'muted' }, template.description) : null,
    form.el,
    submit);
  const revealFirstError = () =>
    card.querySelector('.banner:not([hidden]), .error:not([hidden])')?.scrollIntoView({ block: 'center', behavior: 'smooth' });

  async function onSubmit(e) {
    e.preventDefault();
    say('');
    form.clearErrors();
    if (form.busy()) { say('图片上传中，请稍候再提交'); return revealFirstError(); }
    if (!form.checkRequired()) return revealFirstError();
    submit.disabled = true;
    submit.textContent = '提交中…';
    try {
      return done(await send(form.payload(), idempotencyKey));
    } catch (err) {
      say((err.status === 400 && err.fieldErrors.length ? form.showErrors(err.fieldErrors) : [errorText(err)]).join('；'));
      revealFirstError();
    }
    submit.disabled = false;
    submit.textContent = '提交';
  }
  return card;
}
