'use strict';

// Enabled only by bench/server.js (BENCH_BASELINE=1): a plain content type with the ticket's own
// non-relational attributes, served by Strapi's stock router, controller and service. It is the
// "bare Strapi create with the same number of fields" that bench/intake.js compares tickets with.
const ticketSchema = require('../../src/plugins/scrm-tickets/server/src/content-types/ticket/schema.json');
const { factories } = require('@strapi/strapi');

const UID = 'plugin::bench-baseline.plain-ticket';
const attributes = Object.fromEntries(
  Object.entries(ticketSchema.attributes).filter(([, a]) => a.type !== 'relation')
);

module.exports = {
  contentTypes: {
    'plain-ticket': {
      schema: {
        kind: 'collectionType',
        collectionName: 'bench_plain_tickets',
        info: { singularName: 'plain-ticket', pluralName: 'plain-tickets', displayName: 'Plain ticket' },
        options: { draftAndPublish: false },
        attributes,
      },
    },
  },
  controllers: { 'plain-ticket': factories.createCoreController(UID) },
  services: { 'plain-ticket': factories.createCoreService(UID) },
  routes: {
    'content-api': {
      type: 'content-api',
      routes: [{ method: 'POST', path: '/plain-tickets', handler: 'plain-ticket.create', config: {} }],
    },
  },
};
