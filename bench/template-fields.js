'use strict';

// The ten fields of the benchmark's ticket template (a typical 设备报修 form).
module.exports = [
  { key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text', required: true, max: 100 },
  { key: 'detail', label: { 'zh-Hans': '详情' }, type: 'textarea' },
  { key: 'quantity', label: { 'zh-Hans': '数量' }, type: 'number', min: 1, max: 99 },
  { key: 'claimFen', label: { 'zh-Hans': '金额' }, type: 'money' },
  { key: 'purchaseDate', label: { 'zh-Hans': '购买日期' }, type: 'date' },
  {
    key: 'channel', label: { 'zh-Hans': '渠道' }, type: 'select',
    options: [{ value: 'store', label: { 'zh-Hans': '门店' } }, { value: 'tmall', label: { 'zh-Hans': '天猫' } }],
  },
  { key: 'underWarranty', label: { 'zh-Hans': '在保' }, type: 'boolean' },
  { key: 'contactMobile', label: { 'zh-Hans': '电话' }, type: 'mobile', required: true },
  { key: 'contactEmail', label: { 'zh-Hans': '邮箱' }, type: 'email' },
  { key: 'site', label: { 'zh-Hans': '位置' }, type: 'location' },
];
