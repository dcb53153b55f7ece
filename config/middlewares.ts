export default [
  'strapi::logger',
  'strapi::errors',
  // A request that failed because the database is away is a 503 with Retry-After, not a 500.
  'plugin::scrm-tickets.unavailable',
  // The WeCom sidebar page (public/h5/sidebar.html) loads WeCom's JS-SDK from its CDN.
  {
    name: 'strapi::security',
    config: { contentSecurityPolicy: { directives: { 'script-src': ["'self'", 'https://res.wx.qq.com', 'https://open.work.weixin.qq.com'] } } },
  },
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // Bounded bodies: a huge JSON payload is a 413, never a crash. The raw body is kept beside the
  // parsed one: webhook signatures are over the bytes that were sent.
  // Uploads stop at the upload plugin's size limit (config/plugins.ts) already while being read.
  { name: 'strapi::body', config: { jsonLimit: '1mb', formLimit: '1mb', textLimit: '1mb', includeUnparsed: true, formidable: { maxFileSize: Number(process.env.UPLOAD_SIZE_LIMIT) || 20 * 1024 * 1024 } } },
  // Text holding U+0000 is a 400 with its path (Postgres cannot store it): after the body parser.
  'plugin::scrm-tickets.nul-text',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
