'use strict';

// `npm run demo`: build (plugin + admin), seed once, start. Always on the embedded SQLite file,
// never on a DATABASE_URL that happens to be set, and without Redis; everything else in the
// environment (HOST, PORT, DATABASE_FILENAME, ...) passes through. Exits with the server's code.
const { spawn, spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.REDIS_URL;

// The npm that started us (npm_execpath), run by this same node: no shell, and no npm.cmd
// (which Node refuses to spawn without a shell on Windows). Plain `npm` when run as `node scripts/demo.js`.
const npm = (...args) =>
  process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath, ...args]] : ['npm', args];
const options = { cwd: root, env, stdio: 'inherit', shell: false };

/** What a shell reports for a child: its exit code, or 128 + the number of the signal that ended it. */
const exitCode = (code, signal) => code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1);

const run = ([command, args]) => {
  const { status, signal, error } = spawnSync(command, args, options);
  if (error) throw error;
  if (status !== 0) process.exit(exitCode(status, signal));
};

run(npm('run', 'build'));
run([process.execPath, [path.join(__dirname, 'seed.js')]]);

// The server gets its own process group, and a signal goes to the whole group: npm runs the start
// script through `sh -c`, and a shell that is sent SIGTERM dies without passing it on, which would
// leave Strapi running. (Windows has no process groups: there the signal goes to npm alone.)
const groups = process.platform !== 'win32';
const [command, args] = npm('run', 'start');
const server = spawn(command, args, { ...options, detached: groups });
const groupAlive = () => {
  try {
    return process.kill(-server.pid, 0);
  } catch {
    return false;
  }
};
const forward = (signal) => {
  try {
    if (groups) process.kill(-server.pid, signal);
    else server.kill(signal);
  } catch {
    // Already gone.
  }
};
// A terminal's Ctrl-C (or hang-up) now reaches this script only, as does a `kill` of it: pass them on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
server.on('exit', async (code, signal) => {
  // npm may exit before the Strapi it started has finished shutting down: wait for the group.
  for (let waited = 0; groups && groupAlive() && waited < 30_000; waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.exit(exitCode(code, signal));
});
