export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS', ['scrmDevKeyA', 'scrmDevKeyB']),
  },
  // Behind a load balancer or reverse proxy (TRUST_PROXY=true) the client's address is read from
  // X-Forwarded-For — the per-IP limits (SMS codes, public routes) count clients, not the proxy.
  // Only the last TRUST_PROXY_HOPS addresses are believed (those the proxies added): a client
  // cannot pick its own address by sending the header itself.
  proxy: { koa: env.bool('TRUST_PROXY', false), maxIpsCount: env.int('TRUST_PROXY_HOPS', 1) },
});
