export default ({ env }) => ({
  // Only for bench/intake.js: Strapi's stock create of a plain type, the baseline tickets are measured against.
  ...(env('BENCH_BASELINE') === '1'
    ? { 'bench-baseline': { enabled: true, resolve: './bench/baseline-plugin' } }
    : {}),
  'scrm-tickets': {
    enabled: true,
    resolve: './src/plugins/scrm-tickets',
    config: {
      customerUid: 'api::customer.customer',
      orderUid: 'api::order.order',
      opportunityUid: 'api::opportunity.opportunity',
      numberPrefix: env('TICKET_NUMBER_PREFIX', 'GD'),
      timezone: 'Asia/Shanghai',
    },
  },
  'users-permissions': {
    enabled: true,
    config: { jwtSecret: env('JWT_SECRET', 'scrm-dev-users-permissions-jwt-secret') },
  },
  graphql: {
    enabled: true,
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      defaultLimit: 25,
      maxLimit: 100,
      depthLimit: 10,
      landingPage: env('NODE_ENV') !== 'production',
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 2525),
        secure: false,
        ignoreTLS: true,
      },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'tickets@scrm.local'),
        defaultReplyTo: env('EMAIL_REPLY_TO', 'tickets@scrm.local'),
      },
    },
  },
});
