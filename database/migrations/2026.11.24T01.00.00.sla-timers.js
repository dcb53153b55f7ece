'use strict';

// SLA escalation timers: one row per ticket, clock and escalation level, kept by the SLA service
// from the ticket's due times. A plain table (like the counters): the poller claims due rows with
// one conditional UPDATE, which needs no document-service machinery. Times are epoch
// milliseconds, the same on Postgres and SQLite.
async function up(knex) {
  if (await knex.schema.hasTable('scrm_sla_timers')) return;
  await knex.schema.createTable('scrm_sla_timers', (table) => {
    table.increments('id');
    table.integer('ticket_id').notNullable();
    table.string('level', 100).notNullable();
    table.bigInteger('due_at').notNullable();
    table.bigInteger('fired_at').nullable();
    table.unique(['ticket_id', 'level']);
    table.index(['fired_at', 'due_at']);
  });
}

module.exports = { up };
