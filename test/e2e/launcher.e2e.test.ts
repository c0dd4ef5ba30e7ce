import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/json5-edit/index.js';
import { ROOT_DIR, runCli } from '../support/run-cli.js';
import { makeTempHome } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY } from '../support/venice-server.js';

describe('what the build precomputes', () => {
  it('dist/template.json is the editor\'s own parse of templates/openclaw.json5 (data and source tree)', () => {
    const template = readFileSync(join(ROOT_DIR, 'templates', 'openclaw.json5'), 'utf8');
    const built = JSON.parse(readFileSync(join(ROOT_DIR, 'dist', 'template.json'), 'utf8')) as unknown;
    expect(built).toEqual(JSON.parse(JSON.stringify(parseDocument(template))));
  });
});


/**
 * What each bench command loads beyond a bare start (SPEC §7): a guard that needs no timing. A
 * module that slips onto these paths (node:fs/promises through a static import, node:crypto, the
 * vendored undici or prompts) shows here by name, long before it shows in `npm run bench`.
 */
describe('what a start loads', () => {
  const PRELOAD = join(ROOT_DIR, 'test', 'support', 'record-modules.cjs');
  async function loaded(args: string[], o: { stdin?: string } = {}): Promise<{ builtins: string[]; files: string[] }> {
    const h = await makeTempHome();
    const out = join(h.home, 'modules.json');
    const r = await runCli(args, { home: h.home, env: { NODE_OPTIONS: `--require ${PRELOAD}`, RECORD_MODULES_TO: out }, ...o });
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(readFileSync(out, 'utf8')) as { builtins: string[]; files: string[] };
    return { builtins: got.builtins, files: got.files.map((f) => relative(ROOT_DIR, f)) };
  }
  const NEVER = ['fs/promises', 'crypto', 'tls', 'https', 'readline', 'zlib', 'child_process', 'worker_threads', 'tty'];

  it('--help: the launcher alone', async () => {
    const { files } = await loaded(['--help']);
    expect(files).toEqual(['bin/venice-onboard.cjs']);
  });

  it('models list --offline --json: the bundle, no HTTP client, none of the heavy ones', async () => {
    const { builtins, files } = await loaded(['models', 'list', '--offline', '--json']);
    expect(files).toEqual(['bin/venice-onboard.cjs', 'dist/cli.cjs']);
    // node:net is there only because stdout is a pipe here (Node makes it a socket).
    expect(builtins.filter((m) => [...NEVER, 'http'].includes(m))).toEqual([]);
  });

  it('onboard --non-interactive against the local server: node:http, and none of the heavy ones', async (t) => {
    const server = await startVeniceServer();
    t.onTestFinished(() => server.close());
    const { builtins, files } = await loaded(['--non-interactive', '--venice-api-key-stdin', '--base-url', server.baseUrl], { stdin: `${TEST_API_KEY}\n` });
    expect(files).toEqual(['bin/venice-onboard.cjs', 'dist/cli.cjs']);
    expect(builtins).toContain('http');
    expect(builtins.filter((m) => NEVER.includes(m))).toEqual([]);
  });
});
