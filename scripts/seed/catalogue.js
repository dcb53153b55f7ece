'use strict';

// What the demo chain sells. `product` is the value of the templates' product select, so a
// repair or an installation names the appliance the customer actually ordered.
module.exports = [
  { sku: 'AC-35GW', name: '变频空调 1.5匹 挂机', product: 'aircon', model: 'KFR-35GW/BP3DN8Y', priceFen: 329900 },
  { sku: 'AC-72LW', name: '变频空调 3匹 柜机', product: 'aircon', model: 'KFR-72LW/BP2DN1Y', priceFen: 799900 },
  { sku: 'WM-10KG', name: '滚筒洗衣机 10公斤', product: 'washer', model: 'XQG100-BD14', priceFen: 259900 },
  { sku: 'RF-520', name: '十字对开门冰箱 520升', product: 'fridge', model: 'BCD-520WKPZM', priceFen: 459900 },
  { sku: 'WH-60L', name: '电热水器 60升', product: 'heater', model: 'EC6002-MC5', priceFen: 149900 },
  { sku: 'HD-T9', name: '侧吸式油烟机', product: 'hood', model: 'CXW-260-E900C6', priceFen: 219900 },
];
