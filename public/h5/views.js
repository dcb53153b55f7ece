// Pieces of page every H5 page shows alike: the top bar, a card section, a ticket's status badge
// and its row in a list.
import { formatTime, h, zh } from './form.js';

export const empty = (text) => h('p', { class: 'muted center' }, text);
export const section = (title, ...children) => h('section', { class: 'card' }, h('h2', {}, title), ...children);

const stateText = (t) => zh(t.stateLabel) || t.state || '';
export const statusBadge = (t) =>
  h('span', { class: `status${t.resolvedAt || t.closedAt ? ' done' : ''}`, 'data-testid': 'ticket-status' }, stateText(t));

export function topBar(title, { back, action } = {}) {
  return h('header', { class: 'topbar' },
    back ? h('a', { class: 'bar-side back', href: back, 'aria-label': '返回' }, '‹') : h('span', { class: 'bar-side' }),
    h('h1', {}, title),
    action ?? h('span', { class: 'bar-side' }));
}

/** A ticket in a list: number, status, title and when it was filed; a link when `href` is given. */
export const ticketCard = (t, href) =>
  h(href ? 'a' : 'div', { class: 'card item', href, 'data-testid': 'ticket-item' },
    h('div', { class: 'row between' }, h('span', { class: 'number', 'data-testid': 'ticket-number' }, t.number ?? ''), statusBadge(t)),
    h('div', { class: 'item-title' }, t.title ?? ''),
    h('div', { class: 'muted' }, formatTime(t.createdAt)));
