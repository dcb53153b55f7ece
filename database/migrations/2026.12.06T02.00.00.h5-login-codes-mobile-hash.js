'use strict';

// The H5 login codes kept the mobile number in plaintext; now they keep its keyed lookup hash
// (the customer's mobileHash, docs/operations.md "Customer data encryption"). Codes live five
// minutes and the send counts one hour, so the old rows are dropped rather than converted: a
// customer signing in during the upgrade asks for a new code.
async function up(knex) {
  if (await knex.schema.hasColumn('scrm_h5_login_codes', 'mobile_hash')) return;
  await knex.schema.dropTableIfExists('scrm_h5_login_codes');
  await knex.schema.createTable('scrm_h5_login_codes', (table) => {
    table.increments('id');
    table.string('mobile_hash', 64).notNullable();
    table.string('ip', 64).notNullable();
    table.string('code_hash', 64).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    // sent → used | dead (too many wrong tries)
    table.string('status', 8).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.index(['mobile_hash', 'created_at']);
    table.index(['ip', 'created_at']);
  });
}

module.exports = { up };
