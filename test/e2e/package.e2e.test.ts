import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-home.js';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// npm must not reach the network: the package has no runtime dependency to fetch.
const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };

describe('the packed tarball', () => {
  it('holds only bin/, dist/, templates/, README, licence and package.json, installs offline in a clean dir and runs', async () => {
    const dir = await makeTempDir({ prefix: 'pack-' });
    // --ignore-scripts: `prepare` would rebuild dist/ under the other tests; npm test built it already.
    const { stdout } = await exec(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT_DIR, env });
    const [info] = JSON.parse(stdout) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
    const paths = info!.files.map((f) => f.path);
    const outside = paths.filter((p) => !/^(bin|dist|templates)\//.test(p) && !['README.md', 'LICENSE', 'package.json'].includes(p));
    expect(outside).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['bin/venice-onboard.cjs', 'dist/cli.cjs', 'templates/openclaw.json5', 'README.md', 'LICENSE', 'package.json']));
    // Nothing built for one V8 ships (Node's own compile cache is per user and version).
    expect(paths.filter((p) => /v8cache|load-bundle/.test(p))).toEqual([]);
    expect(info!.size).toBeLessThanOrEqual(250 * 1024);

    const pkg = JSON.parse(await readFile(join(ROOT_DIR, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({}); // one small tarball: everything is bundled into dist/

    const app = join(dir, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), '{"name":"clean-app","private":true}\n');
    await exec(npm, ['install', '--no-save', join(dir, info!.filename)], { cwd: app, env });
    const bin = join(app, 'node_modules', '.bin', 'venice-onboard');
    const home = join(dir, 'home');
    const runEnv = { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), NO_COLOR: '1' };

    const list = await exec(bin, ['models', 'list', '--offline', '--json'], { cwd: app, env: runEnv });
    const doc = JSON.parse(list.stdout) as { source: string; count: number; models: Array<{ privacy: string }> };
    expect(doc.source).toBe('static');
    expect(doc.count).toBe(25);
    expect(doc.models.filter((m) => m.privacy === 'private')).toHaveLength(15);

    const help = await exec(bin, ['--help'], { cwd: app, env: runEnv });
    expect(help.stdout).toContain('Usage: venice-onboard');
    expect(help.stdout).toContain('models list');
    // The full CLI (not the prebuilt help) works from the installed copy too.
    const verHelp = await exec(bin, ['models', 'set', '--help'], { cwd: app, env: runEnv });
    expect(verHelp.stdout).toContain('venice-onboard models set');
  }, 120_000);
});
