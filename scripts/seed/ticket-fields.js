'use strict';

// Field values per demo template, valid against scripts/seed/templates.js.
const mobile = (random) => `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999999999)).padStart(9, '0')}`;
const shanghaiDateTime = (date) => {
  const shifted = new Date(date.getTime() + 8 * 3600 * 1000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
};

const builders = {
  device_repair: (random, { customer, store, reportedAt }) => {
    const symptoms = random.some(['no_cooling', 'noise', 'leak', 'no_power', 'smell'], 2);
    return {
      product: random.pick(['aircon', 'washer', 'fridge', 'heater', 'hood']),
      model: `KF-${random.int(20, 99)}GW/${random.pick(['A', 'B', 'X'])}${random.int(1, 9)}`,
      symptoms,
      ...(symptoms.includes('leak') ? { leakLevel: random.pick(['drip', 'flow']) } : {}),
      purchaseDate: new Date(reportedAt.getTime() - random.int(30, 900) * 86400000).toISOString().slice(0, 10),
      underWarranty: random.chance(0.7),
      contactMobile: customer.mobile,
      visitAt: shanghaiDateTime(new Date(reportedAt.getTime() + random.int(1, 3) * 86400000)),
      store: store.documentId,
      feeFen: random.pick([0, 5000, 8000, 12000, 20000]),
    };
  },
  complaint: (random, { customer, order }) => ({
    category: random.pick(['attitude', 'quality', 'delivery', 'price', 'other']),
    severity: random.pick(['normal', 'normal', 'serious', 'urgent']),
    description: random.pick(['约好上午上门，下午才到，也没有提前通知。', '收到的商品外包装破损，要求给个说法。', '客服电话一直占线，问题拖了一周没人处理。']),
    ...(order ? { orderNumber: order.number } : {}),
    contactMobile: customer.mobile,
    compensationFen: random.pick([0, 5000, 10000, 30000]),
  }),
  return_exchange: (random, { customer, order }) => {
    const action = random.pick(['return', 'exchange']);
    return {
      orderNumber: order.number,
      action,
      reason: random.pick(['defect', 'size', 'seven_days', 'wrong_item']),
      ...(action === 'return' ? { refundFen: order.amountFen } : {}),
      pickupAddress: `${random.pick(['徐汇区漕溪北路', '浦东新区张杨路', '西湖区文三路', '滨江区江南大道'])}${random.int(1, 999)}号`,
      contactMobile: customer.mobile,
    };
  },
  install_booking: (random, { customer, store, reportedAt }) => ({
    product: random.pick(['aircon', 'washer', 'fridge', 'heater', 'hood']),
    preferredAt: shanghaiDateTime(new Date(reportedAt.getTime() + random.int(2, 7) * 86400000)),
    address: `${store.name.replace('店', '')}附近小区 ${random.int(1, 30)} 栋 ${random.int(101, 2802)} 室`,
    site: { lat: store.geo.lat + (random.next() - 0.5) / 50, lng: store.geo.lng + (random.next() - 0.5) / 50 },
    floor: random.int(1, 32),
    needsRemoval: random.chance(0.3),
    contactMobile: customer.mobile,
  }),
};

module.exports = { builders, mobile };
