'use strict';

// What finance settles the demo by: two tiers (repairs and installations, on the seeds' order of
// computation), the templates they apply to, and the active price list (city tiers 一线 × 1.2,
// 二线 × 1.1; a June 梅雨季 surcharge in 华东). Money in fen, rates as decimal strings.
const SATISFACTION = { 5: '1.05', 4: '1', 3: '0.95', 2: '0.9', 1: '0.8' };

const tiers = [
  {
    key: 'repair_standard', name: '维修标准档', currency: 'CNY',
    model: {
      baseFees: { default: 8000, install: 12000 },
      commission: { basis: 'ticket_amount', mode: 'progressive', brackets: [{ upToFen: 100000, rate: '0.05' }, { upToFen: null, rate: '0.08' }] },
      rush: { priorities: ['urgent'], rate: '0.10' },
      satisfaction: SATISFACTION,
      rebates: [{ overFen: 50000000, rate: '0.02' }],
      rebateParty: 'store',
      split: [{ party: 'platform', rate: '0.10' }, { party: 'region', rate: '0.05' }, { party: 'store', rate: '0.20' }, { party: 'engineer' }],
    },
  },
  {
    key: 'install_standard', name: '安装标准档', currency: 'CNY',
    model: {
      baseFees: { default: 6000 },
      rush: { withinHours: 24, fixedFen: 1000 },
      satisfaction: SATISFACTION,
      split: [{ party: 'platform', fixedFen: 500 }, { party: 'store', rate: '0.30' }, { party: 'engineer' }],
    },
  },
];

/** Template key → the tier its closed tickets are settled by. */
const templateTiers = { device_repair: 'repair_standard', install_booking: 'install_standard' };

const priceList = {
  key: 'standard', name: '标准价目', currency: 'CNY', active: true,
  prices: { repair_visit: 8000, ac_clean: 9900, washer_clean: 12900, filter: 3550, install: 12000 },
  cityTierCoefficients: { 1: '1.2', 2: '1.1' },
  seasons: [{ name: '梅雨季上门', regions: ['EC'], months: [6], coefficient: '1.05' }],
  rush: { rate: '0.15' },
  calibrationBand: '0.1',
};

module.exports = { tiers, templateTiers, priceList };
