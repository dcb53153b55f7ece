'use strict';

// The V8 flags every Strapi instance runs with: `npm start` (package.json, which a test keeps equal
// to this list), scripts/cluster.js and the benchmarks' servers. Young generation semi-spaces of
// 128 MB instead of Node's 16: a 1,000-ticket batch intake allocates ~100 MB that dies with its
// request, and with the default it was copied by a dozen scavenges and promoted to the old
// generation first — a third of the batch's throughput (docs/benchmarks.md). The batch benchmark's
// peak resident memory was lower with it, not higher (docs/operations.md).
module.exports = { NODE_FLAGS: ['--max-semi-space-size=128'] };
