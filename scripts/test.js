'use strict';

// `npm test`: builds the plugin, then runs the unit and API suites on the database of the
// environment (Postgres with DATABASE_URL, else the embedded SQLite). On SQLite it also builds the
// admin panel and runs the browser tests (headless Debian Chromium against `strapi start`) and the
// served tests (`strapi start` in its own process: an app whose own Postgres is stopped and
// started, an app and worker whose Redis, worker and SMTP server fail under load, uploads): the admin is one build, so it is tested once, on the embedded default. Extra
// arguments go to jest.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const browser = !process.env.DATABASE_URL;
run(npm, ['run', 'build:plugin']);
// The CLI's own file (the package's exports do not name it).
if (browser) run(process.execPath, [path.join(__dirname, '..', 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build']);
// The served tests start apps of their own (one on its own Postgres): once, with the browser tests.
const projects = browser ? ['unit', 'api', 'browser', 'served'] : ['unit', 'api'];
// --forceExit: every project exits on its own, but run together in one process (--runInBand) the
// four kept jest waiting after the last test (an open handle no project holds alone); the results
// are in by then, and CI must not hang on it.
run(process.execPath, [require.resolve('jest/bin/jest'), '--runInBand', '--forceExit', '--selectProjects', ...projects, ...process.argv.slice(2)]);
