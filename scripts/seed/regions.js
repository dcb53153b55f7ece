'use strict';

// 华东 → 上海 / 杭州 → stores: the tree settlement and routing use later. Coefficients are strings.
module.exports = {
  code: 'EC', name: '华东', level: 'area', priceCoefficient: '1',
  children: [
    {
      code: 'SH', name: '上海', level: 'city', cityTier: 1, priceCoefficient: '1.2', geo: { lat: 31.2304, lng: 121.4737 },
      children: [
        { code: 'SH-XH', name: '上海徐汇店', level: 'store', geo: { lat: 31.1885, lng: 121.4365 } },
        { code: 'SH-PD', name: '上海浦东店', level: 'store', geo: { lat: 31.2215, lng: 121.544 } },
        { code: 'SH-JA', name: '上海静安店', level: 'store', geo: { lat: 31.229, lng: 121.447 } },
      ],
    },
    {
      code: 'HZ', name: '杭州', level: 'city', cityTier: 2, priceCoefficient: '1.1', geo: { lat: 30.2741, lng: 120.1551 },
      children: [
        { code: 'HZ-XH', name: '杭州西湖店', level: 'store', geo: { lat: 30.2592, lng: 120.13 } },
        { code: 'HZ-BJ', name: '杭州滨江店', level: 'store', geo: { lat: 30.2084, lng: 120.2119 } },
        { code: 'HZ-XS', name: '杭州萧山店', level: 'store', geo: { lat: 30.184, lng: 120.2645 } },
      ],
    },
  ],
};
