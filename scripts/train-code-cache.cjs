'use strict';
// Build step: runs typical commands (in a throw-away home, against a small Venice-like server on
// 127.0.0.1 in this process, and offline) through the bundle in this one process, then saves V8's
// compiled code as dist/cli.cjs.v8cache for bin/ to start from. The code cache holds every
// function compiled so far, so it covers what these runs went through.
const { createServer } = require('node:http');
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

// Two rows shaped like Venice's, enough to go through the live path (request, mapping, limits).
const spec = (name, reasoning) => ({
  name,
  privacy: 'private',
  availableContextTokens: 131072,
  maxCompletionTokens: 8192,
  pricing: { input: { usd: 0.7 }, output: { usd: 2.8 } },
  traits: [],
  capabilities: { supportsFunctionCalling: true, supportsReasoning: reasoning, supportsVision: false, optimizedForCode: false },
});
const ANSWERS = {
  '/api/v1/models': { object: 'list', data: [{ id: 'llama-3.3-70b', type: 'text', model_spec: spec('Llama 3.3 70B', false) }, { id: 'qwen3-4b', type: 'text', model_spec: spec('Qwen3 4B', true) }] },
  '/api/v1/models/compatibility_mapping': { data: { 'old-llama': 'llama-3.3-70b' } },
  '/api/v1/models/traits': { data: { default: 'llama-3.3-70b' } },
  '/api/v1/api_keys/rate_limits': { data: { accessPermitted: true, apiTier: { id: 'paid' }, balances: { USD: 1, DIEM: 1 }, rateLimits: [] } },
};
const server = createServer((req, res) => {
  const body = ANSWERS[new URL(req.url, 'http://x').pathname];
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body ?? { error: 'not found' }));
});
const live = () => `http://127.0.0.1:${server.address().port}/api/v1`;
const liveConfig = join(home, 'live', 'openclaw.json');

const runs = [
  () => ['--non-interactive', '--venice-api-key', key, '--base-url', live(), '--config', liveConfig],
  () => ['models', 'list', '--base-url', live(), '--json'],
  ['models', 'list', '--offline', '--json'],
  ['models', 'list', '--offline'],
  ['--non-interactive', '--offline', '--venice-api-key', key, '--config', config],
  ['onboard', '--non-interactive', '--offline', '--venice-api-key', key, '--model', 'qwen3-4b', '--config', config, '--dry-run'],
  ['models', 'set', 'venice-uncensored', '--offline', '--config', config],
  ['verify', '--offline', '--config', config],
];

(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { exports: cli, script } = loadBundle(bundle, join(home, 'none'));
  try {
    for (const run of runs) {
      const argv = typeof run === 'function' ? run() : run;
      await cli.main(['node', 'venice-onboard', ...argv]);
      // verify --offline cannot pass every check; everything else must succeed.
      if (process.exitCode !== 0 && argv[0] !== 'verify') throw new Error(`training run failed (exit ${process.exitCode}): ${argv.join(' ')}`);
      process.exitCode = 0;
    }
    writeFileSync(cacheFile, script.createCachedData());
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
})().catch((error) => {
  try {
    unlinkSync(cacheFile);
  } catch {}
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
