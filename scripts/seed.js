'use strict';

// `npm run seed`: loads the demo once — templates, the region tree, 30 customers with orders and
// opportunities, 200 tickets moved through their states, an admin, and what customers may do over
// the API. Tickets go through strapi.documents(), so numbering, validation and the audit trail
// apply as for any other caller. A second run finds the marker and seeds nothing. A run that was
// interrupted before setting the marker resumes: every row is looked up by its natural key before
// it is created (tickets by an idempotency key), and the PRNG draws the same values again.
const { compileStrapi, createStrapi } = require('@strapi/strapi');
const { createRandom } = require('./seed/random');
const templates = require('./seed/templates');
const { tree: regionTree, streets } = require('./seed/regions');
const people = require('./seed/people');
const catalogue = require('./seed/catalogue');
const { sources } = require('./seed/scenarios');
const { builders } = require('./seed/ticket-fields');
const { planLifecycle, stepData, remainingSteps } = require('./seed/lifecycle');
const { ADMIN, CUSTOMER_ACTIONS } = require('./seed/access');
const { routingRules, approvalPolicies, slaPolicies } = require('./seed/rules');
const staff = require('./seed/staff');
const settlement = require('./seed/settlement');

const UID = {
  ticket: 'plugin::scrm-tickets.ticket',
  template: 'plugin::scrm-tickets.ticket-template',
  region: 'plugin::scrm-tickets.region',
  customer: 'api::customer.customer',
  order: 'api::order.order',
  opportunity: 'api::opportunity.opportunity',
  approvalPolicy: 'plugin::scrm-tickets.approval-policy',
  routingRule: 'plugin::scrm-tickets.routing-rule',
  slaPolicy: 'plugin::scrm-tickets.sla-policy',
  team: 'plugin::scrm-tickets.team',
  agent: 'plugin::scrm-tickets.agent-profile',
  tier: 'plugin::scrm-tickets.settlement-tier',
  priceList: 'plugin::scrm-tickets.price-list',
};
const CUSTOMERS = 30;
const TICKETS = 200;
const PRODUCTS = new Map(catalogue.map((p) => [p.sku, p]));

/** The document `filters` finds, else a new one from `data`: what makes a rerun resume. */
async function findOrCreate(strapi, uid, filters, data) {
  return (await strapi.documents(uid).findFirst({ filters })) ?? strapi.documents(uid).create({ data });
}

async function seedRegions(strapi, node, parent = null, out = []) {
  const { children = [], ...data } = node;
  const region = await findOrCreate(strapi, UID.region, { code: data.code }, { ...data, parent: parent?.documentId ?? null });
  out.push(region);
  for (const child of children) await seedRegions(strapi, child, region, out);
  return out;
}

/** The i-th customer's home near their store (stored encrypted, as the mobile). */
const homeAddress = (store, i) => {
  const near = streets[store.code] ?? [store.name];
  return `${near[i % near.length]}${(i * 37) % 400 + 1}号${(i % 20) + 1}0${(i % 4) + 1}室`;
};

/** Customers, each with the store they belong to (tickets are routed there). */
async function seedCustomers(strapi, random, stores) {
  const customers = [];
  const usedMobiles = new Set();
  for (let i = 1; i <= CUSTOMERS; i++) {
    let mobile;
    do mobile = people.mobile(random); while (usedMobiles.has(mobile));
    usedMobiles.add(mobile);
    const store = random.pick(stores);
    const wecomExternalUserId = `wmDemo${String(i).padStart(4, '0')}`;
    const customer = await findOrCreate(strapi, UID.customer, { wecomExternalUserId }, {
      name: `${random.pick(people.surnames)}${random.pick(people.givenNames)}`,
      mobile,
      // From the store's streets without a PRNG draw: the rest of the demo stays the same.
      address: homeAddress(store, i),
      wecomExternalUserId,
      vipLevel: Number(random.weighted(people.vipWeights)),
      region: store.documentId,
      tags: random.some(people.tags, 2),
    });
    customers.push({ ...customer, store });
  }
  return customers;
}

/** One to three orders per customer (kept on the customer for the tickets); returns the count. */
async function seedOrders(strapi, random, customers) {
  let n = 0;
  for (const customer of customers) {
    customer.orders = [];
    for (let k = random.int(1, 3); k > 0; k--) {
      const items = random.some(catalogue, 2).map(({ sku, name, priceFen }) => ({ sku, name, qty: random.int(1, 2), priceFen }));
      const number = `${random.pick(['TB', 'JD'])}2026${String(++n).padStart(6, '0')}`;
      customer.orders.push(
        await findOrCreate(strapi, UID.order, { number }, {
          number,
          amountFen: items.reduce((sum, item) => sum + item.priceFen * item.qty, 0),
          state: random.weighted({ completed: 5, shipped: 2, paid: 2, refunding: 1, refunded: 1 }),
          items,
          customer: customer.documentId,
        })
      );
    }
  }
  return n;
}

/** An opportunity for every third customer: installation tickets of theirs link to it. */
async function seedOpportunities(strapi, random, customers) {
  const byCustomer = new Map();
  for (const customer of customers.filter((_, i) => i % 3 === 0)) {
    const title = `${customer.name} ${random.pick(['全屋家电换新', '门店团购', '以旧换新'])}`;
    const filters = { title, customer: { documentId: customer.documentId } };
    byCustomer.set(
      customer.documentId,
      await findOrCreate(strapi, UID.opportunity, filters, {
        title,
        stage: random.pick(['lead', 'qualified', 'proposal', 'negotiation', 'won']),
        expectedAmountFen: random.int(50, 500) * 10000,
        customer: customer.documentId,
      })
    );
  }
  return byCustomer;
}

/** What one ticket will be: its create data and the state steps that follow. */
function planTicket(random, now, templateKey, { customers, stores, opportunities }) {
  const customer = random.pick(customers);
  const order = random.pick(customer.orders);
  const item = PRODUCTS.get(random.pick(order.items).sku);
  // Mostly the customer's own store; sometimes another (they moved, or called the wrong one).
  const store = random.chance(0.85) ? customer.store : random.pick(stores);
  const { reportedAt, final, steps } = planLifecycle(random, now);
  const { title, fields, priority } = builders[templateKey](random, { customer, order, item, store, reportedAt });
  // Half the tickets keep the template's default priority, as most callers send none.
  const chosen = priority ?? (random.chance(0.5) ? random.weighted({ low: 2, normal: 5, high: 2, urgent: 1 }) : null);
  const opportunity = templateKey === 'install_booking' ? opportunities.get(customer.documentId) : null;
  const data = {
    templateKey,
    title,
    fields,
    customer: customer.documentId,
    order: order.documentId,
    region: store.documentId,
    source: random.pick(sources[templateKey]),
    reportedAt,
    ...(chosen ? { priority: chosen } : {}),
    ...(opportunity ? { opportunity: opportunity.documentId } : {}),
  };
  return { data, final, steps };
}

async function seedTickets(strapi, random, context, log) {
  const now = Date.now();
  // Planned first and written in the order they were reported, so ticket numbers follow time.
  const plans = Array.from({ length: TICKETS }, (_, i) => planTicket(random, now, templates[i % templates.length].key, context));
  plans.sort((a, b) => a.data.reportedAt - b.data.reportedAt);
  const byState = {};
  for (const [i, plan] of plans.entries()) {
    const idempotencyKey = `demo-seed-${String(i + 1).padStart(3, '0')}`;
    const ticket = await strapi.documents(UID.ticket).create({ data: { ...plan.data, idempotencyKey } });
    for (const step of remainingSteps(plan.steps, ticket.state)) {
      const data = stepData(step, { assignee: context.admin.documentId });
      await strapi.documents(UID.ticket).update({ documentId: ticket.documentId, data });
    }
    byState[plan.final] = (byState[plan.final] ?? 0) + 1;
    if ((i + 1) % 50 === 0) log(`  tickets: ${i + 1}/${TICKETS}`);
  }
  return byState;
}

/** The documented super admin (README), created only if no user has that email. */
async function seedAdmin(strapi) {
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: ADMIN.email } });
  if (existing) return existing;
  // On a fresh database the roles appear only when the first admin registers: make them now.
  await strapi.service('admin::role').createRolesIfNoneExist();
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  return strapi.service('admin::user').create({ ...ADMIN, isActive: true, registrationToken: null, roles: [superAdmin.id] });
}

/** The admin user with this email, or a new one in the seeded role with the demo password. */
async function staffUser(strapi, { email, name, role: code }) {
  const existing = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (existing) return existing;
  // The app's bootstrap made the roles (services/staff-roles.ts) before the seed runs.
  const role = await strapi.db.query('admin::role').findOne({ where: { code } });
  if (!role) throw new Error(`The role ${code} is missing: did the app's bootstrap run?`);
  return strapi.service('admin::user').create({ email, firstname: name, password: ADMIN.password, isActive: true, registrationToken: null, roles: [role.id] });
}

/** Teams; agents and managers, each an admin user in their role with an agent profile; finance and an administrator. */
async function seedStaff(strapi) {
  for (const team of staff.teams) await findOrCreate(strapi, UID.team, { key: team.key }, team);
  for (const { email, name, role, ...profile } of staff.agents) {
    const user = await staffUser(strapi, { email, name, role });
    await findOrCreate(strapi, UID.agent, { name }, { name, user: user.id, ...profile });
  }
  for (const person of staff.office) await staffUser(strapi, person);
}

async function grantCustomerActions(strapi) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  if (!role) throw new Error('The users-permissions "authenticated" role is missing: is the plugin enabled?');
  for (const action of CUSTOMER_ACTIONS) {
    const has = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
    if (!has) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
}

/** Seeds once; returns false when the marker says the demo is already there. */
async function seed(strapi, log = console.log) {
  const marker = strapi.store({ type: 'plugin', name: 'scrm-tickets', key: 'demo-seeded' });
  const seeded = await marker.get();
  if (seeded) {
    log(`Demo data already loaded (${seeded.at}): nothing seeded.`);
    return false;
  }
  const started = Date.now();
  const random = createRandom();
  const admin = await seedAdmin(strapi);
  await grantCustomerActions(strapi);
  for (const policy of approvalPolicies) await findOrCreate(strapi, UID.approvalPolicy, { key: policy.key }, policy);
  for (const rule of routingRules) await findOrCreate(strapi, UID.routingRule, { name: rule.name }, rule);
  for (const policy of slaPolicies) await findOrCreate(strapi, UID.slaPolicy, { key: policy.key }, policy);
  await seedStaff(strapi);
  const tiers = new Map();
  for (const tier of settlement.tiers) tiers.set(tier.key, await findOrCreate(strapi, UID.tier, { key: tier.key }, tier));
  for (const template of templates) {
    const tier = tiers.get(settlement.templateTiers[template.key]);
    await findOrCreate(strapi, UID.template, { key: template.key }, tier ? { ...template, settlementTier: tier.documentId } : template);
  }
  const regions = await seedRegions(strapi, regionTree);
  // After the regions: its season rule names them.
  await findOrCreate(strapi, UID.priceList, { key: settlement.priceList.key }, settlement.priceList);
  // One of the plugin's industry presets, imported as a business would (npm run library).
  const libraries = strapi.plugin('scrm-tickets').service('libraries');
  const preset = await libraries.apply(libraries.presetText('home-appliance'));
  log(`  preset ${preset.key} ${preset.version}: ${preset.added} items added`);
  const stores = regions.filter((r) => r.level === 'store');
  const customers = await seedCustomers(strapi, random, stores);
  const orders = await seedOrders(strapi, random, customers);
  const opportunities = await seedOpportunities(strapi, random, customers);
  log(`  ${templates.length} templates, ${regions.length} regions, ${customers.length} customers, ${orders} orders, ${opportunities.size} opportunities`);
  const byState = await seedTickets(strapi, random, { customers, stores, opportunities, admin }, log);
  await marker.set({ value: { at: new Date().toISOString() } });

  const states = Object.entries(byState).map(([state, n]) => `${state} ${n}`).join(', ');
  log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s; ${TICKETS} tickets: ${states}.`);
  log(`Admin: ${ADMIN.email} / ${ADMIN.password}`);
  log(`Staff (same password): ${[...staff.agents, ...staff.office].map((p) => `${p.name} ${p.email}`).join(', ')}`);
  return true;
}

async function main() {
  const strapi = createStrapi(await compileStrapi());
  // Before load(): the boot's info lines (migrations, ...) would bury the seed's own output.
  strapi.log.level = 'warn';
  await strapi.load();
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
