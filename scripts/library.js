'use strict';

// `npm run library -- <command>`: project libraries from the command line, through the same
// service as the admin (one transaction, the same checks, events and caches).
//   validate <file>            every problem of a .json/.yaml file, with its JSON pointer
//   import <file> [--dry-run] [--overwrite]
//                              what it adds / changes / leaves alone / finds edited here since the
//                              last import; without --dry-run, applies it (--overwrite: conflicts too)
//   export --key K --name N --industry I --version V [--templates a,b|all] [--out file]
const fs = require('node:fs');
const path = require('node:path');
const cliProgress = require('cli-progress');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

function args(argv) {
  const [command, ...rest] = argv;
  const options = { _: [] };
  for (let i = 0; i < rest.length; i += 1) {
    if (rest[i].startsWith('--')) {
      const name = rest[i].slice(2);
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) options[name] = true;
      else options[name] = rest[(i += 1)];
    } else options._.push(rest[i]);
  }
  return { command, options };
}

function printErrors(error) {
  const list = error?.details?.errors;
  if (!Array.isArray(list)) throw error;
  console.error(`${list.length} problem(s):`);
  for (const e of list) console.error(`  ${e.pointer || e.path.join('.')}  ${e.message}`);
  process.exitCode = 1;
}

async function run(strapi, command, options) {
  const libraries = strapi.plugin('scrm-tickets').service('libraries');
  const read = () => {
    const file = options._[0];
    if (!file) throw new Error('name the library file (.json or .yaml)');
    return fs.readFileSync(path.resolve(file), 'utf8');
  };
  if (command === 'validate') {
    const library = await libraries.check(read());
    console.log(`${library.key} ${library.version}: valid`);
  } else if (command === 'import') {
    const text = read();
    if (options['dry-run']) {
      const { library, items } = await libraries.plan(text);
      console.log(`${library.key} ${library.version} (dry run: nothing written)`);
      for (const i of items) {
        const fields = i.changes.map((c) => (c.conflict ? `${c.field} (edited here since the last import)` : c.field));
        console.log(`  ${i.action.padEnd(8)} ${i.section} ${i.key}${fields.length ? `: ${fields.join(', ')}` : ''}`);
      }
      return;
    }
    const bar = new cliProgress.SingleBar({ format: 'importing [{bar}] {value}/{total} {item}', hideCursor: true }, cliProgress.Presets.shades_classic);
    let started = false;
    const result = await libraries.apply(
      text,
      (done, total, item) => {
        if (!started) bar.start(total, 0, { item: '' });
        started = true;
        bar.update(done, { item: `${item.section} ${item.key}` });
      },
      { overwrite: options.overwrite === true }
    );
    if (started) bar.stop();
    const conflicts = !result.conflicts ? '' : options.overwrite ? `, ${result.conflicts} in conflict (overwritten)` : `, ${result.conflicts} in conflict (kept as edited here; --overwrite takes the file's)`;
    console.log(`${result.key} ${result.version}: ${result.added} added, ${result.changed} changed, ${result.same} unchanged${conflicts}`);
  } else if (command === 'export') {
    const list = (v) => (v === 'all' || v === true ? true : v ? String(v).split(',') : undefined);
    const selection = {};
    for (const section of ['templates', 'slaPolicies', 'routingRules', 'approvalPolicies', 'settlementTiers', 'priceLists']) {
      if (options[section] !== undefined) selection[section] = list(options[section]);
    }
    const meta = { key: options.key, name: { 'zh-Hans': options.name ?? options.key }, industry: options.industry ?? 'other', version: options.version ?? '1.0.0' };
    const library = await libraries.export(meta, selection);
    await libraries.check(library);
    const text = `${JSON.stringify(library, null, 2)}\n`;
    if (options.out) fs.writeFileSync(options.out, text);
    else process.stdout.write(text);
  } else {
    console.error('usage: npm run library -- validate <file> | import <file> [--dry-run] | export --key K [--templates a,b|all] [--out file]');
    process.exitCode = 2;
  }
}

async function main() {
  const { command, options } = args(process.argv.slice(2));
  const strapi = createStrapi(await compileStrapi());
  strapi.log.level = 'warn';
  await strapi.load();
  try {
    await run(strapi, command, options).catch(printErrors);
    // Strapi's after-commit listeners (webhooks, the plugin's SLA recomputation) still want a
    // connection for a moment; closing the pool under them aborts the process.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await strapi.plugin('scrm-tickets').service('sla').whenIdle();
  } finally {
    await strapi.destroy();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}

module.exports = { args };
