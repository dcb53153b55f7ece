'use strict';

// Who can do what in the demo: the documented admin login (README) and the ticket actions a
// signed-in customer (users-permissions "authenticated" role) is granted over the content API.
const ADMIN = { email: 'admin@scrm.local', password: 'Scrm2026!demo', firstname: '演示', lastname: '管理员' };

const CUSTOMER_ACTIONS = [
  // transitions / transition: what a customer may do next (cancel, confirm, reopen) and doing it.
  ...['find', 'findOne', 'create', 'events', 'comment', 'transitions', 'transition'].map((a) => `plugin::scrm-tickets.ticket.${a}`),
  ...['find', 'findOne'].map((a) => `plugin::scrm-tickets.ticket-template.${a}`),
  // A quote for the service items before confirming a ticket.
  'plugin::scrm-tickets.quote.create',
];

module.exports = { ADMIN, CUSTOMER_ACTIONS };
