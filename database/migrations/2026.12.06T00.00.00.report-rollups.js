'use strict';

// The dashboard's rollups (services/report-rollups.ts): per Asia/Shanghai day and region ×
// template × source × team × agent, the counts and sums of each family of figures, and the
// durations behind the percentiles as (seconds, how many) so that medians stay exact. Plain
// tables: they are rebuilt a day at a time by INSERT … SELECT over the tickets.
async function up(knex) {
  const dims = (table) => {
    // Days since 1970-01-01 in Asia/Shanghai.
    table.integer('day').notNullable();
    table.integer('region_id').nullable();
    table.integer('template_id').nullable();
    table.string('source', 80).nullable();
    table.string('team', 64).nullable();
    table.integer('agent_id').nullable();
  };
  if (!(await knex.schema.hasTable('scrm_report_rollups'))) {
    await knex.schema.createTable('scrm_report_rollups', (table) => {
      // created: by the day reported; done: by the day resolved (or closed unresolved); closed.
      table.string('family', 8).notNullable();
      dims(table);
      // The ticket's state now, on created rows only: the funnel of the period's tickets.
      table.string('state', 64).nullable();
      for (const column of ['created', 'responded', 'completed', 'reopened', 'ever_resolved', 'resolved', 'sla_total', 'sla_met', 'csat_count', 'csat_sum', 'csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5', 'closed']) {
        table.integer(column).notNullable().defaultTo(0);
      }
      table.bigInteger('revenue').notNullable().defaultTo(0);
      table.bigInteger('cost').notNullable().defaultTo(0);
      table.index(['family', 'day'], 'scrm_report_rollups_day_idx');
    });
  }
  if (!(await knex.schema.hasTable('scrm_report_durations'))) {
    await knex.schema.createTable('scrm_report_durations', (table) => {
      // first_response: by the day reported; resolution: by the day done.
      table.string('kind', 16).notNullable();
      dims(table);
      table.bigInteger('seconds').notNullable();
      table.integer('n').notNullable();
      table.index(['kind', 'day'], 'scrm_report_durations_day_idx');
    });
  }
  if (!(await knex.schema.hasTable('scrm_report_dirty'))) {
    // Days whose rollups a ticket write changed, appended in the write's transaction (no unique
    // key: concurrent writes never wait on each other), drained by the refresher.
    await knex.schema.createTable('scrm_report_dirty', (table) => {
      table.increments('id');
      table.integer('day').notNullable();
    });
  }
  if (!(await knex.schema.hasTable('scrm_report_state'))) {
    // `built_through`: the last day the rollups hold; later days are computed from the tickets.
    await knex.schema.createTable('scrm_report_state', (table) => {
      table.string('key', 32).primary();
      table.bigInteger('value').nullable();
    });
  }
}

module.exports = { up };
