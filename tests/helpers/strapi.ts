import fs from 'node:fs';
import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';

let instance: Core.Strapi | null = null;

/**
 * Boots the app once: on Postgres when DATABASE_URL is set (CI creates a fresh database), else on
 * a fresh SQLite file under .tmp/. What Strapi's monorepo createStrapiInstance does, for our app.
 */
export async function bootStrapi() {
  if (!process.env.DATABASE_URL) {
    const file = path.join(process.cwd(), '.tmp', 'test.db');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(file, { force: true });
    process.env.DATABASE_FILENAME = '.tmp/test.db';
  }
  process.env.NODE_ENV = 'test';
  // The specs drive SLA timers by hand (sla-timers.tick) with their own clock.
  process.env.SCRM_SLA_POLLER = 'off';
  process.env.SCRM_NOTIFY_POLLER = 'off';
  // The suite's Strapi is the embedded kind; the queue specs build their own bull queues.
  delete process.env.REDIS_URL;
  // Policy changes would recompute every open ticket of the suite in the background.
  process.env.SCRM_SLA_RECOMPUTE = 'off';
  // The report specs rebuild the rollups by hand (report-rollups.refresh).
  process.env.SCRM_REPORTS_POLLER = 'off';
  const appContext = await compileStrapi();
  instance = await createStrapi(appContext).load();
  instance.log.level = 'error';
  await instance.server.mount();
  (global as any).strapi = instance;
}

export async function stopStrapi() {
  if (!instance) return;
  await instance.destroy();
  instance = null;
}

export const strapi = (): Core.Strapi => {
  if (!instance) throw new Error('Strapi is not booted');
  return instance;
};
