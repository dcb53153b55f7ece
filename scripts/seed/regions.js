'use strict';

// 华东 → 上海 / 杭州 → stores: the tree settlement and routing use later. Coefficients are
// strings (decimal, never floats); coordinates are the stores' real districts.
const tree = {
  code: 'EC', name: '华东', level: 'area', priceCoefficient: '1',
  children: [
    {
      code: 'SH', name: '上海', level: 'city', cityTier: 1, priceCoefficient: '1.2', geo: { lat: 31.2304, lng: 121.4737 },
      children: [
        { code: 'SH-XH', name: '上海徐汇店', level: 'store', priceCoefficient: '1.2', geo: { lat: 31.1885, lng: 121.4365 } },
        { code: 'SH-PD', name: '上海浦东店', level: 'store', priceCoefficient: '1.15', geo: { lat: 31.2215, lng: 121.544 } },
        { code: 'SH-JA', name: '上海静安店', level: 'store', priceCoefficient: '1.2', geo: { lat: 31.229, lng: 121.447 } },
      ],
    },
    {
      code: 'HZ', name: '杭州', level: 'city', cityTier: 2, priceCoefficient: '1.1', geo: { lat: 30.2741, lng: 120.1551 },
      children: [
        { code: 'HZ-XH', name: '杭州西湖店', level: 'store', priceCoefficient: '1.1', geo: { lat: 30.2592, lng: 120.13 } },
        { code: 'HZ-BJ', name: '杭州滨江店', level: 'store', priceCoefficient: '1.1', geo: { lat: 30.2084, lng: 120.2119 } },
        { code: 'HZ-XS', name: '杭州萧山店', level: 'store', priceCoefficient: '1.05', geo: { lat: 30.184, lng: 120.2645 } },
      ],
    },
  ],
};

// Streets around each store, for addresses that match the store a ticket is routed to.
const streets = {
  'SH-XH': ['上海市徐汇区漕溪北路', '上海市徐汇区宜山路', '上海市徐汇区田林路'],
  'SH-PD': ['上海市浦东新区张杨路', '上海市浦东新区世纪大道', '上海市浦东新区锦绣路'],
  'SH-JA': ['上海市静安区南京西路', '上海市静安区延安中路', '上海市静安区共和新路'],
  'HZ-XH': ['杭州市西湖区文三路', '杭州市西湖区天目山路', '杭州市西湖区古墩路'],
  'HZ-BJ': ['杭州市滨江区江南大道', '杭州市滨江区长河路', '杭州市滨江区网商路'],
  'HZ-XS': ['杭州市萧山区市心中路', '杭州市萧山区金城路', '杭州市萧山区建设一路'],
};

module.exports = { tree, streets };
