// A Redis of the test's own (the machine's redis-server binary, a free port, a temporary directory,
// no persistence), so a fault test can stop and restart it without touching the shared Redis other
// suites use. It runs as this process's child (not daemonized): afterAll can always kill it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export interface PrivateRedis {
  port: number;
  url: string;
  /** `redis-cli shutdown nosave`: what was in it is gone, as after a crash of a Redis without persistence. */
  stop(): Promise<void>;
  /** Again on the same port, empty. */
  start(): Promise<void>;
  /** A redis-cli command's answer. */
  cli(...args: string[]): string;
  destroy(): Promise<void>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'scrm-redis-'));
  let child: ChildProcess | null = null;
  const redis: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    cli: (...args) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim(),
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
      const started = spawn('redis-server', args, { stdio: 'ignore' });
      child = started;
      for (const end = Date.now() + 10_000; redis.cli('ping') !== 'PONG'; await pause(50)) {
        if (started.exitCode !== null) throw new Error(`redis-server on ${port} exited with ${started.exitCode}`);
        if (Date.now() > end) {
          started.kill('SIGKILL');
          throw new Error(`redis-server on ${port} did not answer within 10 s`);
        }
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((r) => running.once('exit', r));
      const force = setTimeout(() => running.kill('SIGKILL'), 5000);
      redis.cli('shutdown', 'nosave');
      await exited;
      clearTimeout(force);
    },
    async destroy() {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
