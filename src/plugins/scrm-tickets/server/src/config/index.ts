export interface PluginConfig {
  customerUid: string;
  orderUid: string;
  opportunityUid: string;
  numberPrefix: string;
  timezone: string;
}

export default {
  default: {
    customerUid: 'api::customer.customer',
    orderUid: 'api::order.order',
    opportunityUid: 'api::opportunity.opportunity',
    numberPrefix: 'GD',
    timezone: 'Asia/Shanghai',
  } satisfies PluginConfig,
  validator(config: PluginConfig) {
    if (!/^[A-Z]{1,6}$/.test(config.numberPrefix)) {
      throw new Error('scrm-tickets: numberPrefix must be 1-6 capital letters');
    }
  },
};
