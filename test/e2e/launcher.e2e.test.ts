import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/core/config-edit.js';
import { isolatedEnv, ROOT_DIR } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-home.js';

const require = createRequire(import.meta.url);
const { loadBundle } = require('../../bin/load-bundle.cjs') as {
  loadBundle(file: string, cacheFile?: string): { exports: Record<string, unknown>; cacheAccepted: boolean };
};

/** A copy of the package's runtime files (bin/, dist/, templates/), to damage without touching the real build. */
async function copyOfPackage(): Promise<string> {
  const dir = await makeTempDir({ prefix: 'launcher-' });
  for (const part of ['bin', 'dist', 'templates']) await cp(join(ROOT_DIR, part), join(dir, part), { recursive: true });
  return dir;
}

/** `models list --offline --json` through the launcher in `dir`, synchronously (no server involved). */
function listOffline(dir: string, home: string) {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'venice-onboard.cjs'), 'models', 'list', '--offline', '--json'], {
    env: isolatedEnv(home),
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('what the build precomputes', () => {
  it('dist/template.json is the editor\'s own parse of templates/openclaw.json5 (data and source tree)', () => {
    const template = readFileSync(join(ROOT_DIR, 'templates', 'openclaw.json5'), 'utf8');
    const built = JSON.parse(readFileSync(join(ROOT_DIR, 'dist', 'template.json'), 'utf8')) as unknown;
    expect(built).toEqual(JSON.parse(JSON.stringify(parseDocument(template))));
  });
});

describe('the launcher and its code cache', () => {
  it('the build ships a code cache that this Node accepts', () => {
    // Run in a child: this test process runs under vitest, whose V8 flags may differ from a plain `node`.
    const probe = `const { loadBundle } = require(${JSON.stringify(join(ROOT_DIR, 'bin', 'load-bundle.cjs'))});
      const b = loadBundle(${JSON.stringify(join(ROOT_DIR, 'dist', 'cli.cjs'))});
      process.stdout.write(JSON.stringify({ accepted: b.cacheAccepted, main: typeof b.exports.main }));`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ accepted: true, main: 'function' });
  });

  it('a damaged or missing cache is ignored: the bundle compiles as usual and runs the same', async () => {
    const home = await makeTempDir();
    const reference = listOffline(ROOT_DIR, home);
    expect(reference.code).toBe(0);
    expect(JSON.parse(reference.stdout)).toMatchObject({ source: 'static', count: 25 });

    const dir = await copyOfPackage();
    const cacheFile = join(dir, 'dist', 'cli.cjs.v8cache');
    await writeFile(cacheFile, Buffer.from('not a V8 code cache, just bytes'.repeat(64)));
    expect(loadBundle(join(dir, 'dist', 'cli.cjs')).cacheAccepted).toBe(false);
    expect(listOffline(dir, home)).toEqual(reference);

    await rm(cacheFile);
    expect(loadBundle(join(dir, 'dist', 'cli.cjs')).cacheAccepted).toBe(false);
    expect(listOffline(dir, home)).toEqual(reference);
  });

  it('a cache made for other source is rejected, not run', async () => {
    const dir = await copyOfPackage();
    const bundle = join(dir, 'dist', 'cli.cjs');
    // Same cache, bundle one byte longer: V8 checks the source it was made for.
    await writeFile(bundle, `${readFileSync(bundle, 'utf8')}\n`);
    const probe = `const { loadBundle } = require(${JSON.stringify(join(dir, 'bin', 'load-bundle.cjs'))});
      process.stdout.write(String(loadBundle(${JSON.stringify(bundle)}).cacheAccepted));`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(r.stdout).toBe('false');
  });
});
