'use strict';

// The configuration bench/rules.js measures intake under: 200 active routing rules (keyword,
// VIP, region and amount conditions; a few of them match every benchmarked ticket), the seeds'
// two SLA policies on the Chinese calendar with a lunch break, and a team of eight agents that
// assigns each ticket to the least loaded. Everything goes through the document service, as an
// administrator would configure it.
const RULES = 200;
const HOURS = { calendar: 'cn', hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] };

function rule(i, templateKey) {
  // One in forty matches the benchmarked ticket; the rest test conditions that do not hold.
  if (i % 40 === 0) {
    return {
      name: `bench rule ${i} (matches)`,
      position: i,
      conditions: { all: [{ fact: 'template', operator: 'equal', value: templateKey }, { fact: 'fields', path: '$.claimFen', operator: 'greaterThan', value: 100 }] },
      actions: [{ type: 'addTags', tags: [`t${i}`] }, { type: 'setTeam', team: 'bench' }],
    };
  }
  const kinds = [
    { any: [{ fact: 'text', operator: 'containsAnyText', value: [`关键词${i}`, `keyword${i}`] }] },
    { all: [{ fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 5 }, { fact: 'source', operator: 'in', value: ['wecom', 'h5'] }] },
    { all: [{ fact: 'regionCodes', operator: 'contains', value: `R${i}` }] },
    { all: [{ fact: 'amountFen', operator: 'greaterThan', value: 1000000 + i }] },
  ];
  return { name: `bench rule ${i}`, position: i, conditions: kinds[i % kinds.length], actions: [{ type: 'setPriority', priority: 'high' }] };
}

async function configure(app, templateKey) {
  for (let i = 0; i < RULES; i += 1) await app.documents('plugin::scrm-tickets.routing-rule').create({ data: rule(i, templateKey) });
  await app.documents('plugin::scrm-tickets.sla-policy').create({
    data: { key: 'vip', name: 'VIP', position: 10, schedule: HOURS, firstResponseMinutes: 30, resolutionMinutes: 480,
      conditions: { all: [{ fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }] } },
  });
  await app.documents('plugin::scrm-tickets.sla-policy').create({
    data: { key: 'standard', name: '标准', position: 100, schedule: HOURS, firstResponseMinutes: 120, resolutionMinutes: 1350 },
  });
  await app.documents('plugin::scrm-tickets.team').create({ data: { key: 'bench', name: '压测组', strategy: 'least_loaded' } });
  const role = await app.service('admin::role').getSuperAdmin();
  for (let i = 0; i < 8; i += 1) {
    const user = await app.service('admin::user').create({
      email: `bench-agent-${i}-${Date.now()}@scrm.local`, firstname: `工程师${i}`, password: 'Bench12345!', isActive: true, roles: [role.id],
    });
    await app.documents('plugin::scrm-tickets.agent-profile').create({
      data: { name: `工程师${i}`, team: 'bench', user: user.id, capacity: 1_000_000 },
    });
  }
}

module.exports = { configure, RULES };
