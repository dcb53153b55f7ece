const quietHours = (value: string) => {
  if (value === 'off') return null;
  const [start, end] = value.split('-');
  return { start, end };
};

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
      // Customer mobile and address are encrypted with these (docs/operations.md, "Customer data
      // encryption"). Production refuses to start without them; elsewhere a public development
      // key stands in, with a warning.
      pii: { keys: env('SCRM_PII_KEYS'), hashKey: env('SCRM_PII_HASH_KEY') },
      // Requests per customer, member and IP (docs/operations.md, "Request limits"); REQUEST_LIMITS=false turns them off.
      requestLimits: { enabled: env.bool('REQUEST_LIMITS', true) },
      // The WeCom app's callback (企业微信 → 应用 → 接收消息): off until its token and key are set.
      intake: {
        wecom:
          env('WECOM_CORP_ID') && env('WECOM_CALLBACK_TOKEN')
            ? {
                corpId: env('WECOM_CORP_ID'),
                token: env('WECOM_CALLBACK_TOKEN'),
                encodingAesKey: env('WECOM_ENCODING_AES_KEY'),
                templateKey: env('WECOM_INTAKE_TEMPLATE', 'device_repair'),
                kfTemplateKey: env('WECOM_KF_TEMPLATE'),
              }
            : null,
      },
      // Channels are off until configured; docs/notifications.md lists every setting.
      notifications: {
        publicUrl: env('PUBLIC_URL', 'http://localhost:1337'),
        leaseMs: env.int('NOTIFY_LEASE_MS', 60_000),
        pollMs: env.int('NOTIFY_POLL_MS', 1000),
        // Non-urgent messages written inside this window wait for its end: `HH:mm-HH:mm` in
        // Asia/Shanghai, or `off` (a load test or a fault drill must not depend on the hour).
        quietHours: quietHours(env('NOTIFY_QUIET_HOURS', '21:00-08:00')),
        // The app's messages need its secret; a corp with the callback alone (WECOM_CORP_ID and the
        // callback token) takes tickets in but sends nothing through WeCom.
        wecom: env('WECOM_CORP_ID') && env('WECOM_APP_SECRET')
          ? {
              baseUrl: env('WECOM_API_BASE', 'https://qyapi.weixin.qq.com'),
              corpId: env('WECOM_CORP_ID'),
              secret: env('WECOM_APP_SECRET'),
              agentId: env.int('WECOM_AGENT_ID'),
            }
          : null,
        sms: env('TENCENT_SMS_SECRET_ID')
          ? {
              provider: 'tencent',
              secretId: env('TENCENT_SMS_SECRET_ID'),
              secretKey: env('TENCENT_SMS_SECRET_KEY'),
              region: env('TENCENT_SMS_REGION', 'ap-guangzhou'),
              endpoint: env('TENCENT_SMS_ENDPOINT', 'sms.tencentcloudapi.com'),
              protocol: env('TENCENT_SMS_PROTOCOL', 'https://'),
              sdkAppId: env('TENCENT_SMS_APP_ID'),
              signName: env('TENCENT_SMS_SIGN'),
              defaultTemplate: { templateId: env('TENCENT_SMS_TEMPLATE_ID'), params: ['ticket.number', 'ticket.statusLabel'] },
              // The H5 sign-in code: a 验证码 template with {1} the code and {2} its minutes.
              templates: env('TENCENT_SMS_LOGIN_TEMPLATE_ID') ? { login_code: { templateId: env('TENCENT_SMS_LOGIN_TEMPLATE_ID'), params: ['code', 'minutes'] } } : {},
            }
          : null,
        email: env('NOTIFY_SMTP_HOST')
          ? {
              providerOptions: { host: env('NOTIFY_SMTP_HOST'), port: env.int('NOTIFY_SMTP_PORT', 25), secure: env.bool('NOTIFY_SMTP_SECURE', false) },
              settings: { defaultFrom: env('EMAIL_FROM', 'tickets@scrm.local') },
            }
          : null,
      },
    },
  },
  // What customers and staff attach to tickets — photos, short videos, voice notes, PDFs, office
  // files — checked by their content (not their name) and size; SVG, HTML and programs never.
  upload: {
    config: {
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 20 * 1024 * 1024),
      security: {
        allowedTypes: [
          'image/jpeg',
          'image/png',
          'image/gif',
          'image/webp',
          'image/heic',
          'image/heif',
          'video/mp4',
          'video/quicktime',
          'audio/mpeg',
          'audio/mp4',
          'audio/amr',
          'application/pdf',
          'application/msword',
          'application/vnd.ms-excel',
          'application/vnd.openxmlformats-officedocument.*',
          'text/plain',
          'text/csv',
        ],
        deniedTypes: ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'application/javascript', 'application/x-msdownload', 'application/x-dosexec', 'application/x-sh', 'application/x-executable'],
      },
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
