'use strict';

// What customers report, per template: a title with the field values that go with it, so a
// ticket titled 冰箱冷藏室漏水 is a fridge with a leak, not a random product and symptom.

// device_repair, by the product the customer bought.
const repairs = {
  aircon: [
    { title: '空调不制冷', symptoms: ['no_cooling'] },
    { title: '空调外机噪音大还滴水', symptoms: ['noise', 'leak'] },
  ],
  washer: [
    { title: '洗衣机脱水时噪音大', symptoms: ['noise'] },
    { title: '洗衣机底部漏水', symptoms: ['leak'] },
  ],
  fridge: [
    { title: '冰箱冷藏室不冷', symptoms: ['no_cooling'] },
    { title: '冰箱冷藏室漏水', symptoms: ['leak'] },
  ],
  heater: [
    { title: '热水器不通电', symptoms: ['no_power'] },
    { title: '热水器接口漏水', symptoms: ['leak'] },
  ],
  hood: [
    { title: '油烟机有异味', symptoms: ['smell'] },
    { title: '油烟机噪音大', symptoms: ['noise', 'smell'] },
  ],
};

const complaints = [
  { title: '师傅上门迟到两小时', category: 'attitude', description: '约好上午十点上门，十二点才到，也没有提前打电话通知。' },
  { title: '送货延误一周', category: 'delivery', description: '下单时承诺三天送达，一周了还没到，客服只说在路上。' },
  { title: '安装时把墙面打裂了', category: 'other', description: '安装空调打孔时把墙面瓷砖打裂了，师傅说不归他管，要求赔偿修复费用。' },
  { title: '客服态度差', category: 'attitude', description: '电话咨询退款进度，客服很不耐烦，没说两句就挂了电话。' },
  { title: '价格与宣传不符', category: 'price', description: '直播间说到手价比付款时便宜三百元，要求退还差价。' },
  { title: '新机器用一周就坏了', category: 'quality', description: '刚买一周就出故障，怀疑是翻新机，要求直接换新。' },
];

const returns = [
  { title: '七天无理由退货', action: 'return', reason: 'seven_days' },
  { title: '发错型号申请换货', action: 'exchange', reason: 'wrong_item' },
  { title: '外壳有划痕要求退货', action: 'return', reason: 'defect' },
  { title: '尺寸不合适申请换货', action: 'exchange', reason: 'size' },
  { title: '开箱不通电要求换新', action: 'exchange', reason: 'defect' },
];

// Where each kind of ticket comes in: together they cover every source the ticket schema knows.
const sources = {
  device_repair: ['wecom', 'wecom_kf', 'phone', 'h5', 'wecom_menu', 'workbench', 'mini_program'],
  complaint: ['phone', 'wecom_kf', 'email', 'h5', 'admin', 'official_account', 'wecom_sidebar'],
  return_exchange: ['ecommerce', 'webhook:jd_shop', 'wecom_kf', 'h5', 'api'],
  install_booking: ['ecommerce', 'workbench', 'wecom', 'wecom_menu', 'admin', 'import'],
};

module.exports = { repairs, complaints, returns, sources };
