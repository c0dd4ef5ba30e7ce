'use strict';
// Build step: runs typical commands (offline, in a throw-away home) through the bundle in this one
// process, then saves V8's compiled code as dist/cli.cjs.v8cache for bin/ to start from. The code
// cache holds every function compiled so far, so it covers what these runs went through.
const { mkdtempSync, rmSync, unlinkSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { loadBundle } = require('../bin/load-bundle.cjs');

const bundle = join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = `${bundle}.v8cache`;
rmSync(cacheFile, { force: true });

const home = mkdtempSync(join(tmpdir(), 'venice-onboard-train-'));
for (const name of Object.keys(process.env)) if (!['PATH', 'TMPDIR'].includes(name)) delete process.env[name];
Object.assign(process.env, { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), NO_COLOR: '1', CI: '1' });
const config = join(home, 'openclaw.json');
const key = 'vapi_train0123456789abcdefghijklmn';
const runs = [
  ['models', 'list', '--offline', '--json'],
  ['models', 'list', '--offline'],
  ['--non-interactive', '--offline', '--venice-api-key', key, '--config', config],
  ['onboard', '--non-interactive', '--offline', '--venice-api-key', key, '--model', 'qwen3-4b', '--config', config, '--dry-run'],
  ['models', 'set', 'venice-uncensored', '--offline', '--config', config],
  ['verify', '--offline', '--config', config],
];

(async () => {
  const { exports: cli, script } = loadBundle(bundle, join(home, 'none'));
  try {
    for (const argv of runs) {
      await cli.main(['node', 'venice-onboard', ...argv]);
      // verify --offline cannot pass every check; everything else must succeed.
      if (process.exitCode !== 0 && argv[0] !== 'verify') throw new Error(`training run failed (exit ${process.exitCode}): ${argv.join(' ')}`);
      process.exitCode = 0;
    }
    writeFileSync(cacheFile, script.createCachedData());
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
})().catch((error) => {
  try {
    unlinkSync(cacheFile);
  } catch {}
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
