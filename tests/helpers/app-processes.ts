// The built app in processes of its own, as production runs it: `strapi start` instances and
// `scripts/worker.js` queue workers (scripts/cluster.js starts them), on one fresh Postgres database
// of the machine's server. Every process is remembered as soon as it is spawned, so `stopAll` in
// afterAll ends each one (SIGTERM, then SIGKILL) even when a test failed half-way through a start.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const cluster = require('../../scripts/cluster');

export interface AppProcess {
  label: string;
  child: ChildProcess;
  /** The last 200 lines it printed. */
  lines: string[];
}

const psql = (sql: string) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc', sql], { stdio: 'pipe' });

/** A new database on 127.0.0.1:5432 named `<prefix>_<random>`; `drop()` removes it, connections and all. */
export function freshDatabase(prefix: string) {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  psql(`CREATE DATABASE ${name}`);
  return { name, url: `postgres://postgres@127.0.0.1:5432/${name}`, drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Starts instances and workers with `env` over the production defaults; `stopAll` ends them. */
export function appProcesses(env: Record<string, string>) {
  const started: AppProcess[] = [];
  // Production needs the customer PII keys: fresh ones for this fresh database.
  const pii = { SCRM_PII_KEYS: `faults:${randomBytes(32).toString('base64')}`, SCRM_PII_HASH_KEY: randomBytes(32).toString('base64') };
  const base = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', ...pii, ...env };
  return {
    /** `strapi start` on `port`, ready when /api/scrm-tickets/ready answers 200. */
    async instance(port: number, extra: Record<string, string> = {}, label = `instance :${port}`) {
      const proc: AppProcess = cluster.spawnLogged([cluster.STRAPI, 'start'], { ...base, PORT: String(port), ...extra }, label, false);
      started.push(proc);
      const url = `http://127.0.0.1:${port}`;
      await cluster.waitReady(url, proc);
      return { url, proc };
    },
    /** A queue worker, ready when it says it works the queues. */
    async worker(label: string, extra: Record<string, string> = {}) {
      const proc: AppProcess = cluster.spawnLogged([cluster.WORKER], { ...base, ...extra }, label, false);
      started.push(proc);
      await cluster.waitLine(proc, /is working the queues/);
      return proc;
    },
    stopAll: (graceMs = 10_000) => Promise.all(started.map((p) => cluster.stopProcess(p, graceMs))),
  };
}

/** SIGKILL, and resolves once the process is gone. */
export function killHard(proc: AppProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve();
    proc.child.once('exit', () => resolve());
    proc.child.kill('SIGKILL');
  });
}
