'use strict';

// The demo's service desk: a general team assigning by load and the VIP desk (where the seeded VIP
// rule sends VIP customers) assigning to senior agents first, with engineers placed in Shanghai
// for 就近派单. Everyone logs in to the admin with the demo password, one person in each of the
// roles the plugin makes (services/staff-roles.ts); agents and managers see only their regions.
const teams = [
  { key: 'service', name: '客服组', strategy: 'least_loaded' },
  { key: 'vip', name: 'VIP 专席', strategy: 'vip_senior' },
  // Managers approve and oversee; no ticket is routed to them.
  { key: 'managers', name: '门店与区域管理', strategy: 'least_loaded', autoAssign: false },
];

const agents = [
  { email: 'zhang.wei@scrm.local', name: '张伟', role: 'scrm-agent', team: 'service', skills: ['aircon', 'device_repair'], regions: ['SH'], location: { lat: 31.2304, lng: 121.4737 }, capacity: 20 },
  { email: 'li.na@scrm.local', name: '李娜', role: 'scrm-agent', team: 'service', skills: ['washer', 'install_booking'], regions: ['SH'], location: { lat: 31.195, lng: 121.445 }, capacity: 20 },
  { email: 'wang.fang@scrm.local', name: '王芳', role: 'scrm-agent', team: 'vip', skills: ['complaint'], regions: ['SH', 'HZ'], senior: true, capacity: 15 },
  { email: 'chen.jie@scrm.local', name: '陈杰', role: 'scrm-agent', team: 'vip', skills: ['return_exchange'], regions: ['HZ'], capacity: 15 },
  // 店长 of 上海徐汇店 (approves its compensations) and the 区域经理 of 华东.
  { email: 'zhao.min@scrm.local', name: '赵敏', role: 'scrm-store-manager', team: 'managers', regions: ['SH-XH'], onDuty: false, capacity: 0 },
  { email: 'sun.li@scrm.local', name: '孙丽', role: 'scrm-regional-manager', team: 'managers', regions: ['EC'], onDuty: false, capacity: 0 },
];

/** Staff who take no tickets and see every region: no agent profile. */
const office = [
  { email: 'qian.hui@scrm.local', name: '钱慧', role: 'scrm-finance' },
  { email: 'zhou.qiang@scrm.local', name: '周强', role: 'scrm-admin' },
];

module.exports = { teams, agents, office };
