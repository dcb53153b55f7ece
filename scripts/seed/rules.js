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

module.exports = { routingRules, approvalPolicies };
