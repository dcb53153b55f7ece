// Development defaults let `npm run demo` start on a fresh clone; production sets every secret.
export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'scrm-dev-admin-jwt-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'scrm-dev-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'scrm-dev-transfer-token-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'scrm-dev-encryption-key-32-chars!') },
  flags: { nps: false, promoteEE: false },
});
