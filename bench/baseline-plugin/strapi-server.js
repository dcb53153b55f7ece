'use strict';

// Enabled only by bench/server.js (BENCH_BASELINE=1): content types shaped like the ticket and
// served by Strapi's stock router, controller and service — the "bare Strapi create" that
// bench/intake.js compares tickets with:
//   plain-ticket   the ticket's scalar attributes only;
//   linked-ticket  all the ticket's attributes, its relations included (same targets), so Strapi's
//                  own per-relation work (validation, link rows, the webhook event's deep populate)
//                  is in the baseline too.
const ticketSchema = require('../../src/plugins/scrm-tickets/server/src/content-types/ticket/schema.json');
const { factories } = require('@strapi/strapi');

const scalars = Object.fromEntries(Object.entries(ticketSchema.attributes).filter(([, a]) => a.type !== 'relation'));

const type = (singularName, pluralName, attributes) => ({
  schema: {
    kind: 'collectionType',
    collectionName: `bench_${singularName.replace('-', '_')}s`,
    info: { singularName, pluralName, displayName: singularName },
    options: { draftAndPublish: false },
    attributes,
  },
});

const uid = (name) => `plugin::bench-baseline.${name}`;

module.exports = {
  contentTypes: {
    'plain-ticket': type('plain-ticket', 'plain-tickets', scalars),
    'linked-ticket': type('linked-ticket', 'linked-tickets', ticketSchema.attributes),
  },
  controllers: {
    'plain-ticket': factories.createCoreController(uid('plain-ticket')),
    'linked-ticket': factories.createCoreController(uid('linked-ticket')),
  },
  services: {
    'plain-ticket': factories.createCoreService(uid('plain-ticket')),
    'linked-ticket': factories.createCoreService(uid('linked-ticket')),
  },
  routes: {
    'content-api': {
      type: 'content-api',
      routes: [
        { method: 'POST', path: '/plain-tickets', handler: 'plain-ticket.create', config: {} },
        { method: 'POST', path: '/linked-tickets', handler: 'linked-ticket.create', config: {} },
      ],
    },
  },
};
