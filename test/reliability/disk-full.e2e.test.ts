import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { makeTempHome } from '../support/temp-home.js';

/**
 * A full disk (SPEC §5.4, issue "files and paths"): the write fails, the message says so, the
 * original file is byte-identical and no temp file is left. The disk is a real 64 KiB tmpfs, so
 * this needs root (CI runs as root); elsewhere the test fails with that explanation.
 */
const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) execFileSync('umount', [dir]);
});

describe('a full disk', () => {
  it('onboard: exit 1 "the disk is full", the config untouched, no temp or lock file', async (t) => {
    const h = await makeTempHome({ context: t });
    const disk = join(h.home, 'small-disk');
    await mkdir(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`this test mounts a 64 KiB tmpfs and needs root (CI runs as root): ${(error as Error).message}`);
    }
    mounts.push(disk);
    const config = join(disk, 'openclaw.json');
    const original = '// mine\n{\n  gateway: { port: 18789 },\n}\n';
    await writeFile(config, original);
    // Fill the rest of the disk so that no edited copy fits.
    await writeFile(join(disk, 'filler'), Buffer.alloc(64 * 1024 - 8 * 1024)).catch(() => {});
    for (let i = 0; ; i++) {
      try {
        await writeFile(join(disk, `fill-${i}`), Buffer.alloc(1024));
      } catch {
        break;
      }
    }
    const before = await readdir(disk);

    const r = await runCli(['--non-interactive', '--venice-api-key-stdin', '--offline', '--config', config], { home: h.home, stdin: 'vapi_FAKEfake0123456789abcdef\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot write ${config}: the disk is full.`);
    expect(r.stderr).toContain('Free some space and run again; nothing was changed.');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(await readFile(config, 'utf8')).toBe(original);
    expect((await readdir(disk)).sort()).toEqual(before.sort());
  });
});
