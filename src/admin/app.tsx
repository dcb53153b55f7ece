// The admin panel speaks Chinese first: zh-Hans beside the default English (each admin picks
// theirs under Profile; the plugin's own texts are in both).
export default {
  config: {
    locales: ['zh-Hans'],
  },
  bootstrap() {},
};
