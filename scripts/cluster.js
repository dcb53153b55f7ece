'use strict';

// `npm run cluster -- --instances 2 --workers 2`: several Strapi instances and queue workers of
// this app on one Postgres and one Redis, as production runs them (docs/operations.md) — on this
// machine, for load tests and benchmarks (bench/scale.js). Needs a built app (`npm run build`),
// DATABASE_URL and REDIS_URL. The first instance starts alone (it migrates the database), the rest
// after it; every instance is ready when /api/scrm-tickets/ready answers 200.
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.join(__dirname, '..');
const STRAPI = path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const WORKER = path.join(__dirname, 'worker.js');
const { NODE_FLAGS } = require('./node-flags');

function spawnLogged(args, env, label, verbose) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (verbose) console.log(`[${label}] ${line}`);
    });
  }
  return { child, lines, label };
}

async function waitReady(url, proc, ms = 180_000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.label} exited with ${proc.child.exitCode}:\n${proc.lines.slice(-30).join('\n')}`);
    try {
      if ((await fetch(`${url}/api/scrm-tickets/ready`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
  }
  throw new Error(`${proc.label} not ready within ${ms / 1000} s:\n${proc.lines.slice(-30).join('\n')}`);
}

async function waitLine(proc, pattern, ms = 180_000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.label} exited with ${proc.child.exitCode}:\n${proc.lines.slice(-30).join('\n')}`);
    if (proc.lines.some((l) => pattern.test(l))) return;
  }
  throw new Error(`${proc.label} did not start within ${ms / 1000} s:\n${proc.lines.slice(-30).join('\n')}`);
}

/** SIGTERM (Strapi's own shutdown: jobs in flight finish), SIGKILL after `graceMs` if it hangs. */
function stopProcess(proc, graceMs = 20_000) {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve();
    const force = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
    proc.child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    proc.child.kill('SIGTERM');
  });
}

/**
 * Starts `instances` HTTP instances from `port` up and `workers` queue workers. With workers, the
 * instances leave the queues to them (SCRM_QUEUE_WORKERS=off); alone, an instance works them too.
 * Answers the instances' URLs and `stop()`, which ends every process with SIGTERM (Strapi's own
 * shutdown: jobs in flight finish; SIGKILL for one that hangs).
 */
async function startCluster({ instances = 1, workers = 0, port = 1400, env = {}, verbose = false } = {}) {
  const base = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', ...env };
  if (!base.DATABASE_URL || !base.REDIS_URL) throw new Error('a cluster needs DATABASE_URL and REDIS_URL');
  // It runs as production, which refuses to start without the customer PII keys.
  if (!base.SCRM_PII_KEYS || !base.SCRM_PII_HASH_KEY) throw new Error('a cluster runs as production: it needs SCRM_PII_KEYS and SCRM_PII_HASH_KEY (docs/operations.md, "Customer data encryption")');
  const procs = [];
  const urls = [];
  const stop = () => Promise.all(procs.map((p) => stopProcess(p)));
  try {
    for (let i = 0; i < instances; i += 1) {
      const url = `http://127.0.0.1:${port + i}`;
      const proc = spawnLogged([...NODE_FLAGS, STRAPI, 'start'], { ...base, PORT: String(port + i), SCRM_QUEUE_WORKERS: workers > 0 ? 'off' : 'on' }, `instance ${i + 1}`, verbose);
      procs.push(proc);
      urls.push(url);
      // The first one alone: it creates or migrates the schema.
      if (i === 0) await waitReady(url, proc);
    }
    await Promise.all(urls.slice(1).map((url, i) => waitReady(url, procs[i + 1])));
    for (let i = 0; i < workers; i += 1) {
      const proc = spawnLogged([WORKER], base, `worker ${i + 1}`, verbose);
      procs.push(proc);
      await waitLine(proc, /is working the queues/);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop, processes: procs };
}

// The pieces too: tests/helpers/app-processes.ts starts and kills instances and workers one by one.
module.exports = { startCluster, stopProcess, spawnLogged, waitReady, waitLine, STRAPI, WORKER };

if (require.main === module) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  startCluster({ instances: arg('instances', 2), workers: arg('workers', 2), port: arg('port', 1337), verbose: true })
    .then(({ urls, stop }) => {
      console.log(`cluster up: ${urls.join(', ')} (Ctrl-C stops it)`);
      const end = () => stop().then(() => process.exit(0));
      process.once('SIGINT', end);
      process.once('SIGTERM', end);
    })
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
