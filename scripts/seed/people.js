'use strict';

// Names, tags and a small catalogue for believable customers, orders and ticket texts.
module.exports = {
  surnames: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'],
  givenNames: ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '晓东', '佳怡'],
  tags: ['老客户', '高价值', '易投诉', '新客', '企业客户', '会员', '小区团购'],
  catalogue: [
    { sku: 'AC-35GW', name: '变频空调 1.5匹', priceFen: 329900 },
    { sku: 'WM-10KG', name: '滚筒洗衣机 10公斤', priceFen: 259900 },
    { sku: 'RF-520', name: '十字对开门冰箱 520升', priceFen: 459900 },
    { sku: 'WH-60L', name: '电热水器 60升', priceFen: 149900 },
    { sku: 'HD-T9', name: '侧吸式油烟机', priceFen: 219900 },
    { sku: 'FL-01', name: '滤芯套装', priceFen: 19900 },
  ],
  titles: {
    device_repair: ['空调不制冷', '洗衣机脱水噪音大', '冰箱冷藏室漏水', '热水器不通电', '油烟机有异味'],
    complaint: ['师傅上门迟到两小时', '送货延误一周', '安装后墙面损坏', '客服态度差', '价格与宣传不符'],
    return_exchange: ['七天无理由退货', '发错型号申请换货', '外壳有划痕要求退货', '尺寸不合适换货'],
    install_booking: ['新房空调安装预约', '热水器安装', '油烟机上门安装', '冰箱到货安装'],
  },
};
