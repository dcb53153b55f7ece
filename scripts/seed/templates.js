'use strict';

// The four demo templates a home-appliance / retail chain starts with. Labels in zh-Hans and en;
// between them they use every field type (the one media field is optional: the seed uploads
// nothing) and visibleWhen with `in` and `equals`.
const opt = (value, zh, en) => ({ value, label: { 'zh-Hans': zh, en } });
const label = (zh, en) => ({ 'zh-Hans': zh, en });

const PRODUCTS = [
  opt('aircon', '空调', 'Air conditioner'),
  opt('washer', '洗衣机', 'Washing machine'),
  opt('fridge', '冰箱', 'Refrigerator'),
  opt('heater', '热水器', 'Water heater'),
  opt('hood', '油烟机', 'Range hood'),
];

module.exports = [
  {
    key: 'device_repair',
    name: '设备报修',
    nameEn: 'Device repair',
    description: '家电故障报修：上门检测维修，保外按网点价收费。',
    category: 'aftersale',
    defaultPriority: 'normal',
    keywords: ['报修', '坏了', '维修', '不制冷', '漏水'],
    fieldDefinitions: [
      { key: 'product', label: label('产品', 'Product'), type: 'select', required: true, options: PRODUCTS },
      { key: 'model', label: label('型号', 'Model'), type: 'text', max: 40 },
      {
        key: 'symptoms', label: label('故障现象', 'Symptoms'), type: 'multiselect', required: true,
        options: [opt('no_cooling', '不制冷', 'Not cooling'), opt('noise', '噪音大', 'Noisy'), opt('leak', '漏水', 'Leaking'),
          opt('no_power', '不通电', 'No power'), opt('smell', '有异味', 'Bad smell')],
      },
      {
        key: 'leakLevel', label: label('漏水程度', 'Leak level'), type: 'select', required: true,
        options: [opt('drip', '滴漏', 'Dripping'), opt('flow', '持续流水', 'Flowing')],
        visibleWhen: { field: 'symptoms', in: ['leak'] },
      },
      { key: 'purchaseDate', label: label('购买日期', 'Purchase date'), type: 'date' },
      { key: 'underWarranty', label: label('是否在保', 'Under warranty'), type: 'boolean', default: true },
      { key: 'contactMobile', label: label('联系电话', 'Contact mobile'), type: 'mobile', required: true },
      { key: 'visitAt', label: label('期望上门时间', 'Preferred visit'), type: 'datetime' },
      { key: 'store', label: label('服务网点', 'Service store'), type: 'region' },
      { key: 'feeFen', label: label('预估费用（分）', 'Estimated fee (fen)'), type: 'money', max: 500000 },
    ],
  },
  {
    key: 'complaint',
    name: '客户投诉',
    nameEn: 'Complaint',
    description: '服务、配送、价格等投诉，24 小时内回访。',
    category: 'aftersale',
    defaultPriority: 'high',
    keywords: ['投诉', '差评', '态度'],
    fieldDefinitions: [
      {
        key: 'category', label: label('投诉类型', 'Category'), type: 'select', required: true,
        options: [opt('attitude', '服务态度', 'Staff attitude'), opt('quality', '产品质量', 'Product quality'),
          opt('delivery', '配送延误', 'Late delivery'), opt('price', '价格争议', 'Price dispute'), opt('other', '其他', 'Other')],
      },
      {
        key: 'severity', label: label('严重程度', 'Severity'), type: 'select', default: 'normal',
        options: [opt('normal', '一般', 'Normal'), opt('serious', '严重', 'Serious'), opt('urgent', '紧急', 'Urgent')],
      },
      { key: 'description', label: label('投诉内容', 'Description'), type: 'textarea', required: true, max: 2000 },
      { key: 'orderNumber', label: label('订单号', 'Order number'), type: 'text', pattern: '^[A-Z]{2}\\d{8,}$' },
      { key: 'contactMobile', label: label('联系电话', 'Contact mobile'), type: 'mobile', required: true },
      { key: 'compensationFen', label: label('诉求赔偿（分）', 'Compensation asked (fen)'), type: 'money', max: 500000 },
      { key: 'wantsCallback', label: label('需要回电', 'Wants a call back'), type: 'boolean', default: true },
    ],
  },
  {
    key: 'return_exchange',
    name: '退换货',
    nameEn: 'Return / exchange',
    description: '电商及门店订单的退货退款、换货申请。',
    category: 'sale',
    defaultPriority: 'normal',
    keywords: ['退货', '换货', '退款', '七天无理由'],
    fieldDefinitions: [
      { key: 'orderNumber', label: label('订单号', 'Order number'), type: 'text', required: true, pattern: '^[A-Z]{2}\\d{8,}$' },
      {
        key: 'action', label: label('申请类型', 'Request'), type: 'select', required: true,
        options: [opt('return', '退货退款', 'Return and refund'), opt('exchange', '换货', 'Exchange')],
      },
      {
        key: 'reason', label: label('原因', 'Reason'), type: 'select', required: true,
        options: [opt('defect', '质量问题', 'Defect'), opt('size', '尺寸不合适', 'Wrong size'),
          opt('seven_days', '七天无理由', '7-day no reason'), opt('wrong_item', '发错货', 'Wrong item')],
      },
      { key: 'refundFen', label: label('退款金额（分）', 'Refund (fen)'), type: 'money', required: true, visibleWhen: { field: 'action', equals: 'return' } },
      { key: 'photos', label: label('凭证照片', 'Photos'), type: 'media', multiple: true, max: 9 },
      { key: 'pickupAddress', label: label('取件地址', 'Pick-up address'), type: 'textarea', max: 200 },
      { key: 'contactMobile', label: label('联系电话', 'Contact mobile'), type: 'mobile', required: true },
    ],
  },
  {
    key: 'install_booking',
    name: '安装预约',
    nameEn: 'Installation booking',
    description: '新机到货后预约上门安装，可同时拆除旧机。',
    category: 'presale',
    defaultPriority: 'normal',
    keywords: ['安装', '预约', '上门安装'],
    fieldDefinitions: [
      { key: 'product', label: label('产品', 'Product'), type: 'select', required: true, options: PRODUCTS },
      { key: 'preferredAt', label: label('预约时间', 'Preferred time'), type: 'datetime', required: true },
      { key: 'address', label: label('安装地址', 'Address'), type: 'textarea', required: true, max: 200 },
      { key: 'site', label: label('定位', 'Location'), type: 'location' },
      { key: 'floor', label: label('楼层', 'Floor'), type: 'number', min: -3, max: 120 },
      { key: 'needsRemoval', label: label('需拆旧机', 'Remove old unit'), type: 'boolean', default: false },
      { key: 'contactMobile', label: label('联系电话', 'Contact mobile'), type: 'mobile', required: true },
      { key: 'contactEmail', label: label('邮箱', 'Email'), type: 'email' },
    ],
  },
];
