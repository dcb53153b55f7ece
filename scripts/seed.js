'use strict';

// Loads the demo once: templates, the region tree, 30 customers with orders and opportunities,
// 200 tickets moved through their states, an admin, and what customers may do over the API.
// Tickets go through strapi.documents(), so numbering, validation and the audit trail apply as for
// any other caller. A second run finds the marker and seeds nothing.
const { compileStrapi, createStrapi } = require('@strapi/strapi');
const { createRandom } = require('./seed/random');
const templates = require('./seed/templates');
const regionTree = require('./seed/regions');
const people = require('./seed/people');
const { builders, mobile } = require('./seed/ticket-fields');

const UID = {
  ticket: 'plugin::scrm-tickets.ticket',
  template: 'plugin::scrm-tickets.ticket-template',
  region: 'plugin::scrm-tickets.region',
  customer: 'api::customer.customer',
  order: 'api::order.order',
  opportunity: 'api::opportunity.opportunity',
};
const ADMIN = { email: 'admin@scrm.local', password: 'Scrm2026!demo', firstname: '演示', lastname: '管理员' };
const CUSTOMER_ACTIONS = ['find', 'findOne', 'create', 'events', 'comment']
  .map((a) => `plugin::scrm-tickets.ticket.${a}`)
  .concat(['find', 'findOne'].map((a) => `plugin::scrm-tickets.ticket-template.${a}`));
// The path each final state is reached by, so the timeline shows real transitions.
const STATE_PATHS = {
  new: [],
  assigned: ['assigned'],
  in_progress: ['assigned', 'in_progress'],
  pending_customer: ['in_progress', 'pending_customer'],
  resolved: ['in_progress', 'resolved'],
  closed: ['in_progress', 'resolved', 'closed'],
  cancelled: ['cancelled'],
};
const SOURCES = ['api', 'admin', 'wecom', 'wecom_kf', 'workbench', 'menu', 'h5', 'webhook', 'ecommerce', 'phone', 'email', 'import'];

async function seedRegions(strapi, node, parent = null, out = []) {
  const { children = [], ...data } = node;
  const region = await strapi.documents(UID.region).create({ data: { ...data, parent: parent?.documentId ?? null } });
  out.push(region);
  for (const child of children) await seedRegions(strapi, child, region, out);
  return out;
}

async function seedCustomers(strapi, random, stores) {
  const customers = [];
  const usedMobiles = new Set();
  for (let i = 0; i < 30; i++) {
    let phone;
    do phone = mobile(random); while (usedMobiles.has(phone));
    usedMobiles.add(phone);
    customers.push(
      await strapi.documents(UID.customer).create({
        data: {
          name: `${random.pick(people.surnames)}${random.pick(people.givenNames)}`,
          mobile: phone,
          wecomExternalUserId: `wmDemo${String(i + 1).padStart(4, '0')}`,
          vipLevel: random.int(0, 5),
          region: random.pick(stores).documentId,
          tags: random.some(people.tags, 2),
        },
      })
    );
  }
  return customers;
}

async function seedOrders(strapi, random, customers) {
  const orders = [];
  let n = 0;
  for (const customer of customers) {
    for (let k = random.int(1, 3); k > 0; k--) {
      const items = random.some(people.catalogue, 2).map((p) => ({ ...p, qty: random.int(1, 2) }));
      orders.push(
        await strapi.documents(UID.order).create({
          data: {
            number: `${random.pick(['TB', 'JD'])}2026${String(++n).padStart(6, '0')}`,
            amountFen: items.reduce((sum, item) => sum + item.priceFen * item.qty, 0),
            state: random.pick(['paid', 'shipped', 'completed', 'completed', 'refunding']),
            items,
            customer: customer.documentId,
          },
        })
      );
    }
  }
  for (const customer of customers.slice(0, 10)) {
    await strapi.documents(UID.opportunity).create({
      data: {
        title: `${customer.name} ${random.pick(['全屋家电换新', '门店团购', '以旧换新'])}`,
        stage: random.pick(['lead', 'qualified', 'proposal', 'negotiation', 'won']),
        expectedAmountFen: random.int(50, 500) * 10000,
        customer: customer.documentId,
      },
    });
  }
  return orders;
}

async function seedTickets(strapi, random, { customers, orders, stores }, log) {
  const states = Object.keys(STATE_PATHS);
  const now = Date.now();
  for (let i = 0; i < 200; i++) {
    const template = templates[i % templates.length];
    const customer = random.pick(customers);
    const own = orders.filter((o) => o.customer?.documentId === customer.documentId || o.customerId === customer.documentId);
    const order = own.length ? random.pick(own) : random.pick(orders);
    const store = random.pick(stores);
    const reportedAt = new Date(now - random.int(10, 60 * 24 * 60) * 60000);
    const ticket = await strapi.documents(UID.ticket).create({
      data: {
        templateKey: template.key,
        title: random.pick(people.titles[template.key]),
        fields: builders[template.key](random, { customer, order, store, reportedAt }),
        customer: customer.documentId,
        order: order.documentId,
        region: store.documentId,
        source: random.pick(SOURCES),
        priority: random.pick(['low', 'normal', 'normal', 'high', 'urgent']),
        reportedAt,
      },
    });
    for (const state of STATE_PATHS[random.pick(states)]) {
      await strapi.documents(UID.ticket).update({ documentId: ticket.documentId, data: { state } });
    }
    if ((i + 1) % 50 === 0) log(`  tickets: ${i + 1}/200`);
  }
}

async function seedAdmin(strapi) {
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: ADMIN.email } });
  if (existing) return;
  await strapi.service('admin::role').createRolesIfNoneExist();
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({ ...ADMIN, isActive: true, registrationToken: null, roles: [superAdmin.id] });
}

async function grantCustomerActions(strapi) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  for (const action of CUSTOMER_ACTIONS) {
    const has = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
    if (!has) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
}

/** Seeds once; returns false when the marker says the demo is already there. */
async function seed(strapi, log = console.log) {
  const marker = strapi.store({ type: 'plugin', name: 'scrm-tickets', key: 'demo-seeded' });
  if (await marker.get()) {
    log('Demo data already loaded: nothing seeded.');
    return false;
  }
  const random = createRandom();
  const started = Date.now();
  await seedAdmin(strapi);
  await grantCustomerActions(strapi);
  for (const template of templates) await strapi.documents(UID.template).create({ data: template });
  const regions = await seedRegions(strapi, regionTree);
  const stores = regions.filter((r) => r.level === 'store');
  const customers = await seedCustomers(strapi, random, stores);
  const orders = await seedOrders(strapi, random, customers);
  const ordersWithCustomer = await strapi.documents(UID.order).findMany({ populate: ['customer'], limit: 1000 });
  await seedTickets(strapi, random, { customers, orders: ordersWithCustomer, stores }, log);
  await marker.set({ value: { at: new Date().toISOString() } });
  log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: 4 templates, ${regions.length} regions, 30 customers, ${orders.length} orders, 200 tickets.`);
  log(`Admin: ${ADMIN.email} / ${ADMIN.password}`);
  return true;
}

async function main() {
  const strapi = await createStrapi(await compileStrapi()).load();
  strapi.log.level = 'warn';
  try {
    await seed(strapi);
  } finally {
    await strapi.destroy();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
}

module.exports = { seed, ADMIN };
