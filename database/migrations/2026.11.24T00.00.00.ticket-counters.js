'use strict';

// Per-day ticket number counters (scope = prefix + YYYYMMDD in Asia/Shanghai). A plain table
// outside Strapi's schema, so schema sync leaves it alone; one atomic upsert hands out numbers.
// Indexes on Strapi's own tables are declared in the content-type schemas (`indexes`) instead:
// migrations run before schema sync, so on a fresh database those tables do not exist yet.
async function up(knex) {
  if (await knex.schema.hasTable('scrm_ticket_counters')) return;
  await knex.schema.createTable('scrm_ticket_counters', (table) => {
    table.string('scope', 32).primary();
    table.integer('value').notNullable();
  });
}

module.exports = { up };
