'use strict';

// Where each 微信客服 account's sync_msg stopped (wecom.md §4.3): the cursor is saved in the same
// transaction as the messages of its page, so a restart neither loses nor repeats a message.
async function up(knex) {
  if (await knex.schema.hasTable('scrm_wecom_kf_cursors')) return;
  await knex.schema.createTable('scrm_wecom_kf_cursors', (table) => {
    // '' for callbacks without OpenKfId (older accounts): one cursor for all of them.
    table.string('open_kfid', 64).primary();
    table.string('cursor', 128).notNullable();
    table.bigInteger('updated_at').notNullable();
  });
}

module.exports = { up };
