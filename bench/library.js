'use strict';

// A project library of BENCH_TEMPLATES (200) templates and BENCH_RULES (1,000) routing rules,
// imported as `npm run library -- import` does (check, plan, one transaction through the document
// service), then imported again (a no-op), beside the same documents created one by one through
// the document service in one transaction (the bare write, no library), in one run on Postgres.
// Usage: npm run bench:library
const os = require('node:os');
const { loadApp } = require('./lib');

const TEMPLATES = Number(process.env.BENCH_TEMPLATES || 200);
const RULES = Number(process.env.BENCH_RULES || 1000);

function library(suffix = '') {
  const templates = Array.from({ length: TEMPLATES }, (_, i) => ({
    key: `bench_tpl_${i}${suffix}`,
    name: { 'zh-Hans': `压测模板 ${i}`, en: `Bench template ${i}` },
    category: 'aftersale',
    settlementTier: `bench_tier${suffix}`,
    keywords: ['报修', `型号${i}`],
    fieldDefinitions: [
      { key: 'product', label: { 'zh-Hans': '产品' }, type: 'select', required: true, options: [{ value: 'aircon', label: { 'zh-Hans': '空调' } }, { value: 'washer', label: { 'zh-Hans': '洗衣机' } }] },
      { key: 'summary', label: { 'zh-Hans': '概述' }, type: 'textarea', required: true, max: 500 },
      { key: 'visitAt', label: { 'zh-Hans': '上门时间' }, type: 'datetime' },
      { key: 'feeFen', label: { 'zh-Hans': '费用（分）' }, type: 'money', max: 500000 },
      { key: 'contactMobile', label: { 'zh-Hans': '联系电话' }, type: 'mobile', required: true },
    ],
    workflow: {
      initial: 'open',
      final: ['closed'],
      states: [
        { key: 'open', label: { 'zh-Hans': '待处理' } },
        { key: 'onsite', label: { 'zh-Hans': '上门' }, checklist: [{ key: 'photo', label: { 'zh-Hans': '拍照' } }] },
        { key: 'fixed', label: { 'zh-Hans': '已修复' }, resolves: true },
        { key: 'closed', label: { 'zh-Hans': '已关闭' } },
      ],
      transitions: [{ from: 'open', to: 'onsite' }, { from: 'onsite', to: 'fixed' }, { from: 'fixed', to: 'closed' }],
    },
  }));
  const routingRules = Array.from({ length: RULES }, (_, i) => ({
    name: `压测规则 ${i}${suffix}`,
    position: 1000 + i,
    conditions: { all: [{ fact: 'template', operator: 'equal', value: `bench_tpl_${i % TEMPLATES}${suffix}` }, { any: [{ fact: 'text', operator: 'containsAnyText', value: [`关键词${i}`, '投诉'] }] }] },
    actions: [{ type: 'setPriority', priority: i % 2 ? 'high' : 'urgent' }, { type: 'addTags', tags: [`rule_${i}`] }],
  }));
  return {
    key: `bench_library${suffix}`, name: { 'zh-Hans': '压测项目库' }, industry: 'home_appliance', version: '1.0.0',
    templates, routingRules,
    slaPolicies: [{ key: `bench_sla${suffix}`, name: '压测 SLA', schedule: { hours: 'always' }, resolutionMinutes: 240, conditions: { all: [{ fact: 'priority', operator: 'equal', value: 'urgent' }] } }],
    settlementTiers: [{ key: `bench_tier${suffix}`, name: '压测档', model: { baseFees: { default: 8000 }, split: [{ party: 'platform', rate: '0.1' }, { party: 'engineer' }] } }],
  };
}

const seconds = (since) => Number(process.hrtime.bigint() - since) / 1e9;

(async () => {
  const { strapi, close } = await loadApp('scrm_bench_library');
  try {
    const libraries = strapi.plugin('scrm-tickets').service('libraries');
    const text = JSON.stringify(library());
    let started = process.hrtime.bigint();
    const imported = await libraries.apply(text);
    const importSeconds = seconds(started);
    started = process.hrtime.bigint();
    const again = await libraries.apply(text);
    const againSeconds = seconds(started);
    if (imported.added !== TEMPLATES + RULES + 2 || again.same !== imported.added) throw new Error(`unexpected import: ${JSON.stringify({ ...imported, items: undefined })}`);

    // Baseline: the same documents written straight through the document service.
    const bare = library('_b');
    started = process.hrtime.bigint();
    await strapi.db.transaction(async () => {
      const tier = await strapi.documents('plugin::scrm-tickets.settlement-tier').create({ data: bare.settlementTiers[0] });
      await strapi.documents('plugin::scrm-tickets.sla-policy').create({ data: bare.slaPolicies[0] });
      for (const t of bare.templates) {
        const { name, settlementTier, ...rest } = t;
        await strapi.documents('plugin::scrm-tickets.ticket-template').create({ data: { ...rest, name: name['zh-Hans'], nameEn: name.en, settlementTier: tier.documentId } });
      }
      for (const r of bare.routingRules) await strapi.documents('plugin::scrm-tickets.routing-rule').create({ data: r });
    });
    const bareSeconds = seconds(started);

    console.log(`\nproject library on Postgres, ${TEMPLATES} templates + ${RULES} rules, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
    console.table([
      { case: 'document service creates, one transaction (baseline)', seconds: bareSeconds.toFixed(2) },
      { case: 'library import: check + plan + one transaction', seconds: importSeconds.toFixed(2), ratio: (importSeconds / bareSeconds).toFixed(2) },
      { case: 'the same library again (no-op)', seconds: againSeconds.toFixed(2) },
    ]);
  } finally {
    await close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
