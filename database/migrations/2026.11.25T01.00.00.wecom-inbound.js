'use strict';

// Inbound WeCom callbacks, one row per message or event: the unique key is WeCom's dedupe key
// (MsgId, or FromUserName + CreateTime for events), so a message WeCom retries three times is
// stored — and turned into a ticket — once. Times are epoch milliseconds.
async function up(knex) {
  if (await knex.schema.hasTable('scrm_wecom_inbound')) return;
  await knex.schema.createTable('scrm_wecom_inbound', (table) => {
    table.increments('id');
    table.string('dedupe_key', 200).notNullable().unique();
    table.string('msg_type', 32).notNullable();
    table.text('payload').notNullable();
    // received → done | failed
    table.string('status', 16).notNullable();
    table.integer('ticket_id').nullable();
    table.text('error').nullable();
    table.bigInteger('received_at').notNullable();
    table.bigInteger('processed_at').nullable();
    table.index(['status', 'received_at']);
  });
}

module.exports = { up };
