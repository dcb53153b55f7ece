'use strict';

// Names, CRM tags and mobile numbers for believable customers.
const mobile = (random) => `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999999999)).padStart(9, '0')}`;

module.exports = {
  surnames: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'],
  givenNames: ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '晓东', '佳怡'],
  tags: ['老客户', '高价值', '易投诉', '新客', '企业客户', '会员', '小区团购'],
  // Most customers are ordinary members; a few are VIPs.
  vipWeights: { 0: 9, 1: 7, 2: 6, 3: 4, 4: 2, 5: 2 },
  mobile,
};
