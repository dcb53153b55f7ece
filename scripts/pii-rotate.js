'use strict';

// `npm run pii:rotate [-- --rehash] [-- --batch 500]`: puts every stored customer mobile and
// address under the current key (the first of SCRM_PII_KEYS) — legacy plaintext sealed, values
// of older keys re-sealed, lookup hashes rewritten with --rehash (after SCRM_PII_HASH_KEY
// changed) — and the outbox's customer recipients and old H5 user names likewise. Idempotent and
// safe beside running instances: run it again after an interruption. Exits 2 while some rows are
// under a key SCRM_PII_KEYS lacks (docs/operations.md, "Customer data encryption").
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main() {
  const rehash = process.argv.includes('--rehash');
  const batchSize = Number(arg('batch') ?? 500);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('--batch must be a whole number from 1 to 10000');
  // A maintenance process: no queue processors, pollers or HTTP server.
  Object.assign(process.env, { SCRM_QUEUE_WORKERS: 'off', SCRM_NOTIFY_POLLER: 'off', SCRM_SLA_POLLER: 'off', SCRM_REPORTS_POLLER: 'off', SCRM_SLA_RECOMPUTE: 'off' });
  const strapi = createStrapi(await compileStrapi());
  await strapi.load();
  let unreadable = 0;
  try {
    const pii = strapi.plugin('scrm-tickets').service('pii');
    const started = Date.now();
    console.log(`Sealing customer PII under key "${pii.keyring().current}"${rehash ? ', rewriting every lookup hash' : ''} ...`);
    const report = await strapi.plugin('scrm-tickets').service('pii-rotation').rotate({ batchSize, rehash });
    for (const [what, c] of Object.entries({ customers: report.customers, 'outbox recipients': report.notifications })) {
      console.log(
        `${what}: ${c.scanned} looked at, ${c.sealed} plaintext sealed, ${c.rotated} moved to the current key, ${c.rehashed} hashes written, ` +
          `${c.changedMeanwhile} changed meanwhile, ${c.unreadable} unreadable${c.unknownKeys.length ? ` (keys ${c.unknownKeys.join(', ')})` : ''}`,
      );
      unreadable += c.unreadable;
    }
    console.log(`H5 sign-in users renamed from their mobile: ${report.h5Users}`);
    console.log(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s.${unreadable ? ' Some rows are under keys SCRM_PII_KEYS lacks: add them back, run again.' : ' Older keys may now be removed from SCRM_PII_KEYS.'}`,
    );
  } finally {
    await strapi.destroy();
  }
  process.exit(unreadable ? 2 : 0);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
