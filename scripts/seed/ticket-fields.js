'use strict';

// Title, field values and (sometimes) priority of one demo ticket, per template; valid against
// ./templates.js. The values follow the customer's order: the product they bought, its price,
// the store they belong to.
const { DateTime } = require('luxon');
const { repairs, complaints, returns } = require('./scenarios');
const { streets } = require('./regions');

const ZONE = 'Asia/Shanghai';

/** A working-hours appointment `days` after `date`, with the +08:00 offset customers see. */
const appointment = (random, date, days) =>
  DateTime.fromJSDate(date, { zone: ZONE })
    .plus({ days })
    .set({ hour: random.int(9, 17), minute: random.pick([0, 30]), second: 0, millisecond: 0 })
    .toISO({ suppressMilliseconds: true });

const localDate = (date, minusDays) => DateTime.fromJSDate(date, { zone: ZONE }).minus({ days: minusDays }).toISODate();

/** An address near the store; the floor is returned too, so the room number matches it. */
const address = (random, store) => {
  const floor = random.int(1, 32);
  const text = `${random.pick(streets[store.code])}${random.int(1, 999)}号${random.int(1, 30)}幢${floor}0${random.int(1, 4)}室`;
  return { floor, text };
};

const builders = {
  device_repair: (random, { customer, item, store, reportedAt }) => {
    const scenario = random.pick(repairs[item.product]);
    const ageDays = random.int(20, 900);
    const underWarranty = ageDays <= 365;
    return {
      title: scenario.title,
      fields: {
        product: item.product,
        model: item.model,
        symptoms: scenario.symptoms,
        ...(scenario.symptoms.includes('leak') ? { leakLevel: random.pick(['drip', 'flow']) } : {}),
        purchaseDate: localDate(reportedAt, ageDays),
        underWarranty,
        contactMobile: customer.mobile,
        ...(random.chance(0.8) ? { visitAt: appointment(random, reportedAt, random.int(1, 3)) } : {}),
        store: store.documentId,
        feeFen: underWarranty ? 0 : random.pick([5000, 8000, 12000, 20000]),
      },
    };
  },
  complaint: (random, { customer, order }) => {
    const scenario = random.pick(complaints);
    const severity = random.weighted({ normal: 6, serious: 3, urgent: 1 });
    return {
      title: scenario.title,
      // Left out for ordinary complaints, so the template's default priority (high) applies.
      priority: { urgent: 'urgent', serious: 'high', normal: undefined }[severity],
      fields: {
        category: scenario.category,
        severity,
        description: scenario.description,
        ...(scenario.category !== 'attitude' ? { orderNumber: order.number } : {}),
        contactMobile: customer.mobile,
        compensationFen: scenario.category === 'attitude' ? random.pick([0, 5000]) : random.pick([0, 10000, 30000, 50000]),
        // Sometimes left out: the template's default (true) fills it in.
        ...(random.chance(0.5) ? { wantsCallback: random.chance(0.7) } : {}),
      },
    };
  },
  return_exchange: (random, { customer, order, item, store }) => {
    const scenario = random.pick(returns);
    return {
      title: `${scenario.title}（${item.name}）`,
      fields: {
        orderNumber: order.number,
        action: scenario.action,
        reason: scenario.reason,
        ...(scenario.action === 'return' ? { refundFen: item.priceFen } : {}),
        pickupAddress: address(random, store).text,
        contactMobile: customer.mobile,
      },
    };
  },
  install_booking: (random, { customer, item, store, reportedAt }) => {
    const { floor, text } = address(random, store);
    return {
      title: `${item.name}安装预约`,
      fields: {
        product: item.product,
        preferredAt: appointment(random, reportedAt, random.int(2, 7)),
        address: text,
        site: { lat: store.geo.lat + (random.next() - 0.5) / 50, lng: store.geo.lng + (random.next() - 0.5) / 50 },
        floor,
        needsRemoval: random.chance(0.3),
        contactMobile: customer.mobile,
        ...(random.chance(0.4) ? { contactEmail: `${random.int(100000000, 2999999999)}@qq.com` } : {}),
      },
    };
  },
};

module.exports = { builders };
