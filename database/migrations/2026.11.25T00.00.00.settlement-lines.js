'use strict';

// Settlement lines and runs. Plain tables (like the counters): a month's lines are written by one
// INSERT … SELECT over the period's tickets (a million tickets → millions of rows), which wants a
// narrow table without document-service columns. Statements (content type) sum them up.
async function up(knex) {
  if (!(await knex.schema.hasTable('scrm_settlement_lines'))) {
    // No id column: lines are only ever read by statement (the index) and written a month at a
    // time, where a primary key would be one more index to keep.
    await knex.schema.createTable('scrm_settlement_lines', (table) => {
      table.string('period', 7).notNullable();
      table.string('party', 100).notNullable();
      table.string('currency', 3).notNullable();
      // 0: the month's statement; n > 0: its n-th adjustment; -1: a recomputation being compared.
      table.integer('seq').notNullable();
      // ticket: a ticket's share; rebate: a period line of its own.
      table.string('kind', 16).notNullable();
      table.integer('ticket_id').nullable();
      table.string('ticket', 32).nullable();
      table.string('tier', 64).notNullable();
      table.integer('level').nullable();
      table.bigInteger('line_fen').notNullable();
      table.bigInteger('fen').notNullable();
      // Part of a confirmed (sealed) statement: never deleted or changed again.
      table.boolean('sealed').notNullable().defaultTo(false);
      table.index(['period', 'party', 'currency', 'seq'], 'scrm_settlement_lines_statement_idx');
    });
  }
  if (!(await knex.schema.hasTable('scrm_settlement_runs'))) {
    await knex.schema.createTable('scrm_settlement_runs', (table) => {
      table.increments('id');
      table.string('period', 7).notNullable();
      // queued → running → done | failed
      table.string('status', 16).notNullable();
      table.integer('progress').notNullable().defaultTo(0);
      table.string('step', 64).nullable();
      table.text('result').nullable();
      table.text('error').nullable();
      table.text('requested_by').nullable();
      // Epoch milliseconds, the same on Postgres and SQLite.
      table.bigInteger('created_at').notNullable();
      table.bigInteger('started_at').nullable();
      table.bigInteger('finished_at').nullable();
      table.bigInteger('heartbeat_at').nullable();
      table.index(['period', 'status'], 'scrm_settlement_runs_period_idx');
    });
  }
}

module.exports = { up };
