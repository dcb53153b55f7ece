'use strict';

// `npm run demo`: build (plugin + admin), seed once, start — always on the embedded SQLite file,
// never on a DATABASE_URL that happens to be set, and without Redis. HOST and PORT pass through.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.REDIS_URL;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const run = (command, args) => {
  const { status } = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
};

run(npm, ['run', 'build']);
run(process.execPath, [path.join(__dirname, 'seed.js')]);

const server = spawn(npm, ['run', 'start'], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
