'use strict';

// The demo's business configuration beyond templates: keyword triggers, VIP routing and the
// compensation approval of the seeds (issue 5), configured as content exactly as staff would.
const label = (zh, en) => ({ 'zh-Hans': zh, en });
const overFiveThousand = { fact: 'compensationFen', operator: 'greaterThan', value: 500000 };

const routingRules = [
  {
    name: '投诉/退货关键词',
    description: 'Text mentioning a complaint or a return: high priority, tagged, team lead told',
    position: 10,
    conditions: { any: [{ fact: 'text', operator: 'containsAnyText', value: ['投诉', '退货'] }] },
    actions: [
      { type: 'setPriority', priority: 'high' },
      { type: 'addTags', tags: ['complaint'] },
      { type: 'notify', to: 'team_lead' },
    ],
  },
  {
    name: 'VIP 客户升级',
    description: 'Customers of VIP level 3 and above go to the VIP desk one priority step up',
    position: 20,
    conditions: { all: [{ fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }] },
    actions: [{ type: 'setTeam', team: 'vip' }, { type: 'escalate' }],
  },
];

const approvalPolicies = [
  {
    key: 'compensation',
    name: '赔付审批',
    description: '店长审批本区域的赔付；跨区域由区域经理审批；超过 5000 元两级依次审批',
    levels: [
      {
        key: 'store',
        label: label('店长审批', 'Store manager'),
        roles: ['店长'],
        when: { any: [{ fact: 'crossRegion', operator: 'equal', value: false }, overFiveThousand] },
      },
      {
        key: 'regional',
        label: label('区域经理审批', 'Regional manager'),
        roles: ['区域经理'],
        when: { any: [{ fact: 'crossRegion', operator: 'equal', value: true }, overFiveThousand] },
      },
    ],
  },
];

// Business hours with a lunch break on the Chinese calendar (holidays off, 调休 weekend days on).
const STORE_HOURS = { calendar: 'cn', timezone: 'Asia/Shanghai', hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] };

// The seeds' defaults: VIP customers answered within 30 business minutes, everyone else within 2 hours.
const slaPolicies = [
  {
    key: 'vip',
    name: 'VIP 客户',
    position: 10,
    conditions: { all: [{ fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }] },
    firstResponseMinutes: 30,
    nextReplyMinutes: 60,
    resolutionMinutes: 8 * 60,
    schedule: STORE_HOURS,
    warnAtPercent: 80,
  },
  {
    key: 'standard',
    name: '标准时效',
    position: 100,
    firstResponseMinutes: 120,
    nextReplyMinutes: 240,
    resolutionMinutes: 3 * 450,
    schedule: STORE_HOURS,
    warnAtPercent: 80,
  },
];

module.exports = { routingRules, approvalPolicies, slaPolicies };
