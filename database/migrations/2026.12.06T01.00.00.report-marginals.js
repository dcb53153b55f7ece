'use strict';

// A second, small level of the dashboard's rollups for the figures most often asked: the whole
// company, or one region, template, source, team or agent alone (a "grain"). Counts per day
// (scrm_report_marginals), and the durations as bucket counts per day and per whole month
// (scrm_report_histograms; regions and agents have none) for the first read of a percentile; the exact seconds of the one
// bucket that holds the rank come from scrm_report_durations, which now keeps each duration's
// bucket (reports/percentiles.ts). The rollups built before are dropped and rebuilt by the
// refresher (until then the figures are computed from the tickets).
async function up(knex) {
  const grain = (table) => {
    table.integer('day').notNullable();
    // all, region, template, source, team or agent: which one of the columns the row is for.
    table.string('grain', 8).notNullable();
    table.integer('template_id').nullable();
    table.string('source', 80).nullable();
    table.string('team', 64).nullable();
  };
  if (!(await knex.schema.hasTable('scrm_report_marginals'))) {
    await knex.schema.createTable('scrm_report_marginals', (table) => {
      table.string('family', 8).notNullable();
      grain(table);
      table.integer('region_id').nullable();
      table.integer('agent_id').nullable();
      table.string('state', 64).nullable();
      for (const column of ['created', 'responded', 'completed', 'reopened', 'ever_resolved', 'resolved', 'sla_total', 'sla_met', 'csat_count', 'csat_sum', 'csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5', 'closed']) {
        table.integer(column).notNullable().defaultTo(0);
      }
      table.bigInteger('revenue').notNullable().defaultTo(0);
      table.bigInteger('cost').notNullable().defaultTo(0);
      table.index(['family', 'grain', 'day'], 'scrm_report_marginals_day_idx');
    });
  }
  if (!(await knex.schema.hasTable('scrm_report_histograms'))) {
    await knex.schema.createTable('scrm_report_histograms', (table) => {
      table.string('kind', 16).notNullable();
      // day: one day's durations; month: a whole month's, `day` being its first day.
      table.string('span', 8).notNullable();
      grain(table);
      table.integer('bucket').notNullable();
      table.integer('n').notNullable();
      table.index(['kind', 'grain', 'span', 'day'], 'scrm_report_histograms_day_idx');
    });
  }
  if (!(await knex.schema.hasColumn('scrm_report_durations', 'bucket'))) {
    await knex('scrm_report_durations').del();
    await knex('scrm_report_rollups').del();
    await knex('scrm_report_state').where({ key: 'built_through' }).del();
    await knex.schema.alterTable('scrm_report_durations', (table) => {
      table.integer('bucket').notNullable().defaultTo(0);
      table.index(['kind', 'bucket', 'day'], 'scrm_report_durations_bucket_idx');
    });
  }
}

module.exports = { up };
