'use strict';

// The demo's service desk: a general team assigning by load and the VIP desk (where the seeded VIP
// rule sends VIP customers) assigning to senior agents first, with engineers placed in Shanghai
// for 就近派单. Agents log in to the admin with the demo password and the Editor role.
const teams = [
  { key: 'service', name: '客服组', strategy: 'least_loaded' },
  { key: 'vip', name: 'VIP 专席', strategy: 'vip_senior' },
];

const agents = [
  { email: 'zhang.wei@scrm.local', name: '张伟', team: 'service', skills: ['aircon', 'device_repair'], regions: ['SH'], location: { lat: 31.2304, lng: 121.4737 }, capacity: 20 },
  { email: 'li.na@scrm.local', name: '李娜', team: 'service', skills: ['washer', 'install_booking'], regions: ['SH'], location: { lat: 31.195, lng: 121.445 }, capacity: 20 },
  { email: 'wang.fang@scrm.local', name: '王芳', team: 'vip', skills: ['complaint'], regions: ['SH', 'HZ'], senior: true, capacity: 15 },
  { email: 'chen.jie@scrm.local', name: '陈杰', team: 'vip', skills: ['return_exchange'], regions: ['HZ'], capacity: 15 },
];

module.exports = { teams, agents };
