// The host app adds nothing to the lifecycle: all ticket behaviour lives in the scrm-tickets plugin.
export default {
  register() {},
  bootstrap() {},
};
