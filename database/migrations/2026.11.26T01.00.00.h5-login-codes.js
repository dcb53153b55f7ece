'use strict';

// SMS login codes of the customer H5 pages. Only a hash of each code is kept; the rows also
// count the sends per mobile and per IP for the rate limits (so they hold across instances,
// with or without Redis). Times are epoch milliseconds.
async function up(knex) {
  if (await knex.schema.hasTable('scrm_h5_login_codes')) return;
  await knex.schema.createTable('scrm_h5_login_codes', (table) => {
    table.increments('id');
    table.string('mobile', 20).notNullable();
    table.string('ip', 64).notNullable();
    table.string('code_hash', 64).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    // sent → used | dead (too many wrong tries)
    table.string('status', 8).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.index(['mobile', 'created_at']);
    table.index(['ip', 'created_at']);
  });
}

module.exports = { up };
