import { readFileSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError, readIfExists, refuseReadOnly, removeFileSafely, resolveTarget, writeFileSafely } from '../../src/config/safe-write.js';
import { CliError } from '../../src/errors.js';
import { makeReadOnly, makeTempDir, type TestHooks } from '../support/temp-home.js';

/** SPEC §5.4 on a real file system: atomic replace, 0600/0700, the `.bak` ring, symlinks, lost updates. */

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const tempDir = (t: TestHooks) => makeTempDir({ prefix: 'venice-onboard-write-', context: t });
/** Every entry of the directory, sorted: proves no temp or lock file is left behind. */
const entries = async (dir: string) => (await readdir(dir)).sort();


describe.concurrent('writeFileSafely', () => {
  it('creates a new file 0600 and the missing directories 0700', async (t) => {
    const root = await tempDir(t);
    const file = join(root, 'a', 'b', 'openclaw.json');
    const result = await writeFileSafely(file, '{ a: 1 }\n', null);
    expect(result).toEqual({ path: file, backup: undefined });
    expect(await readFile(file, 'utf8')).toBe('{ a: 1 }\n');
    expect(await mode(file)).toBe(0o600);
    expect(await mode(join(root, 'a'))).toBe(0o700);
    expect(await mode(join(root, 'a', 'b'))).toBe(0o700);
    expect(await entries(join(root, 'a', 'b'))).toEqual(['openclaw.json']);
  });

  it('replaces an existing 0644 file with a 0600 one, and backs the old bytes up as .bak (0600)', async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'openclaw.json');
    await writeFile(file, 'old\n', { mode: 0o644 });
    await chmod(file, 0o644);
    const result = await writeFileSafely(file, 'new\n', Buffer.from('old\n'));
    expect(result).toEqual({ path: file, backup: `${file}.bak` });
    expect(await readFile(file, 'utf8')).toBe('new\n');
    expect(await mode(file)).toBe(0o600);
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('old\n');
    expect(await mode(`${file}.bak`)).toBe(0o600);
    expect(await entries(dir)).toEqual(['openclaw.json', 'openclaw.json.bak']);
  });

  it('a 0640 file becomes 0600 too (SPEC §5.4; OpenClaw writes its own config 0600 as well)', async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'openclaw.json');
    await writeFile(file, 'old\n');
    await chmod(file, 0o640);
    await writeFileSafely(file, 'new\n', Buffer.from('old\n'));
    expect(await mode(file)).toBe(0o600);
  });

  it('keeps a ring of five backups: .bak (newest) … .bak.4 (oldest), never more', async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'openclaw.json');
    await writeFile(file, 'v0');
    for (let i = 1; i <= 7; i++) {
      await writeFileSafely(file, `v${i}`, Buffer.from(`v${i - 1}`));
    }
    expect(await readFile(file, 'utf8')).toBe('v7');
    const backups = ['.bak', '.bak.1', '.bak.2', '.bak.3', '.bak.4'];
    expect(await Promise.all(backups.map((b) => readFile(`${file}${b}`, 'utf8')))).toEqual(['v6', 'v5', 'v4', 'v3', 'v2']);
    for (const b of backups) expect(await mode(`${file}${b}`)).toBe(0o600);
    expect(await entries(dir)).toEqual(['openclaw.json', ...backups.map((b) => `openclaw.json${b}`)]);
  });

  it('a symlinked file: the target is replaced (and backed up beside it), the link stays a link', async (t) => {
    const dir = await tempDir(t);
    await mkdir(join(dir, 'real'));
    await mkdir(join(dir, 'home'));
    const target = join(dir, 'real', 'openclaw.json');
    const link = join(dir, 'home', 'openclaw.json');
    await writeFile(target, 'old');
    await symlink('../real/openclaw.json', link);

    const result = await writeFileSafely(link, 'new', Buffer.from('old'));
    expect(result).toEqual({ path: target, backup: `${target}.bak` });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('../real/openclaw.json');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('old');
    expect(await entries(join(dir, 'home'))).toEqual(['openclaw.json']);
    expect(await entries(join(dir, 'real'))).toEqual(['openclaw.json', 'openclaw.json.bak']);
  });

  it('a chain of symlinks is followed to the real file', async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, 'real.json'), 'old');
    await symlink('real.json', join(dir, 'mid.json'));
    await symlink(join(dir, 'mid.json'), join(dir, 'openclaw.json'));
    expect(await resolveTarget(join(dir, 'openclaw.json'))).toBe(join(dir, 'real.json'));
    await writeFileSafely(join(dir, 'openclaw.json'), 'new', Buffer.from('old'));
    expect(await readFile(join(dir, 'real.json'), 'utf8')).toBe('new');
    expect((await lstat(join(dir, 'mid.json'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(dir, 'openclaw.json'))).isSymbolicLink()).toBe(true);
  });

  it('a dangling symlink: its target is created (0600, directories 0700), the link kept', async (t) => {
    const dir = await tempDir(t);
    const link = join(dir, 'openclaw.json');
    const target = join(dir, 'dotfiles', 'openclaw', 'openclaw.json');
    await symlink(target, link);
    const result = await writeFileSafely(link, 'new', null);
    expect(result).toEqual({ path: target, backup: undefined });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(link, 'utf8')).toBe('new');
    expect(await mode(target)).toBe(0o600);
    expect(await mode(join(dir, 'dotfiles'))).toBe(0o700);
  });

  it('a symlink loop is a CliError, nothing written', async (t) => {
    const dir = await tempDir(t);
    await symlink('b.json', join(dir, 'a.json'));
    await symlink('a.json', join(dir, 'b.json'));
    const error = await writeFileSafely(join(dir, 'a.json'), 'x', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(`${join(dir, 'a.json')} is a symlink loop.`);
    expect(await entries(dir)).toEqual(['a.json', 'b.json']);
  });

  describe('the caller\'s check, run while the temp file is written', () => {
    it('runs before the rename: the file is replaced only when it passes', async (t) => {
      const dir = await tempDir(t);
      const file = join(dir, 'c.json');
      await writeFile(file, 'old');
      const seen: string[] = [];
      await writeFileSafely(file, 'new', Buffer.from('old'), () => seen.push(readFileSync(file, 'utf8')));
      expect(seen).toEqual(['old']); // still the old file while the check ran
      expect(await readFile(file, 'utf8')).toBe('new');
    });

    it('a failing check: its error, the file untouched, no temp file, no backup', async (t) => {
      const dir = await tempDir(t);
      const file = join(dir, 'c.json');
      await writeFile(file, 'old');
      const failure = new CliError('config-unsafe-edit', 'would not read back');
      const error = await writeFileSafely(file, 'new', Buffer.from('old'), () => {
        throw failure;
      }).catch((e: unknown) => e);
      expect(error).toBe(failure);
      expect(await readFile(file, 'utf8')).toBe('old');
      expect(await entries(dir)).toEqual(['c.json']);
    });
  });

  describe('lost-update guard', () => {
    it('ConflictError when the bytes changed since they were read; the file is untouched, no backup', async (t) => {
      const dir = await tempDir(t);
      const file = join(dir, 'openclaw.json');
      await writeFile(file, 'changed by someone else');
      const error = await writeFileSafely(file, 'ours', Buffer.from('what we read')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).path).toBe(file);
      expect(await readFile(file, 'utf8')).toBe('changed by someone else');
      expect(await entries(dir)).toEqual(['openclaw.json']);
    });

    it('ConflictError when a file appeared where none was read', async (t) => {
      const dir = await tempDir(t);
      const file = join(dir, 'openclaw.json');
      await writeFile(file, 'created meanwhile');
      await expect(writeFileSafely(file, 'ours', null)).rejects.toBeInstanceOf(ConflictError);
      expect(await readFile(file, 'utf8')).toBe('created meanwhile');
      expect(await entries(dir)).toEqual(['openclaw.json']);
    });

    it('ConflictError when the file read was deleted meanwhile; it is not recreated', async (t) => {
      const dir = await tempDir(t);
      const file = join(dir, 'openclaw.json');
      await expect(writeFileSafely(file, 'ours', Buffer.from('was here'))).rejects.toBeInstanceOf(ConflictError);
      expect(await entries(dir)).toEqual([]);
    });

    it('same length, different bytes is still a conflict (bytes are compared, not sizes or times)', async (t) => {
      const dir = await tempDir(t);
      const file = join(dir, 'openclaw.json');
      await writeFile(file, 'abcd');
      await expect(writeFileSafely(file, 'ours', Buffer.from('abce'))).rejects.toBeInstanceOf(ConflictError);
      expect(await readFile(file, 'utf8')).toBe('abcd');
    });

    it('two concurrent writers from the same bytes: exactly one wins, the other gets a ConflictError', async (t) => {
      const dir = await tempDir(t);
      const file = join(dir, 'openclaw.json');
      await writeFile(file, 'base');
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => writeFileSafely(file, `writer ${i}`, Buffer.from('base'))),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      for (const r of lost) expect(r.reason).toBeInstanceOf(ConflictError);
      expect(await readFile(`${file}.bak`, 'utf8')).toBe('base');
      expect(await readFile(file, 'utf8')).toMatch(/^writer \d$/);
      expect(await entries(dir)).toEqual(['openclaw.json', 'openclaw.json.bak']);
    });
  });

  describe('failures', () => {
    it('the target is a directory: a CliError naming it, no temp file left', async (t) => {
      const dir = await tempDir(t);
      const target = join(dir, 'openclaw.json');
      await mkdir(target);
      const error = await writeFileSafely(target, 'x', Buffer.from('y')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(new RegExp(`^Cannot (read|write) ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it is a directory\\.$`));
      expect((error as CliError).hint).toBe('Point --config at a file, e.g. ~/.openclaw/openclaw.json.');
      expect(await entries(dir)).toEqual(['openclaw.json']);
      expect(await entries(target)).toEqual([]);
    });

    it('a parent that is a file: a CliError, nothing created', async (t) => {
      const dir = await tempDir(t);
      await writeFile(join(dir, 'not-a-dir'), 'x');
      const error = await writeFileSafely(join(dir, 'not-a-dir', 'openclaw.json'), 'x', null).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toContain(join(dir, 'not-a-dir'));
      expect(await entries(dir)).toEqual(['not-a-dir']);
    });

    it('an unwritable directory: a CliError, the file and its directory untouched', async (t) => {
      const dir = await tempDir(t);
      const file = join(dir, 'openclaw.json');
      await writeFile(file, 'old');
      if (!(await makeReadOnly(dir, t))) return t.skip('cannot make a directory read-only here (root without chattr)');
      const error = await writeFileSafely(file, 'new', Buffer.from('old')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(/^Cannot write .*openclaw\.json: (permission denied|operation not permitted)\.$/);
      expect(await readFile(file, 'utf8')).toBe('old');
      expect(await entries(dir)).toEqual(['openclaw.json']);
    });
  });
});

describe.concurrent('a file the user made read-only (no write bit for its owner; tests may run as root, who could write it)', () => {
  const refusal = (file: string, mode: string) => ({
    code: 'file-read-only',
    exitCode: 1,
    message: `Cannot write ${file}: it is read-only (mode ${mode}).`,
    hint: `To let venice-onboard change it: chmod u+w ${file}, then run again. Nothing was changed.`,
  });

  it.for(['0444', '0400', '0555'])('mode %s: refused; the file byte-identical, its mode kept, no temp file, no backup', async (octal, t) => {
    const fileMode = Number.parseInt(octal, 8);
    const dir = await tempDir(t);
    const file = join(dir, 'openclaw.json');
    await writeFile(file, 'old\n');
    await chmod(file, fileMode);
    const error = await writeFileSafely(file, 'new\n', Buffer.from('old\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject(refusal(file, octal));
    expect(await readFile(file, 'utf8')).toBe('old\n');
    expect(await mode(file)).toBe(fileMode);
    expect(await entries(dir)).toEqual(['openclaw.json']);
  });

  it('removing one is refused the same way', async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'auth-profiles.json');
    await writeFile(file, '{}\n');
    await chmod(file, 0o444);
    await expect(removeFileSafely(file, Buffer.from('{}\n'))).rejects.toMatchObject(refusal(file, '0444'));
    expect(await entries(dir)).toEqual(['auth-profiles.json']);
  });

  it('judged by the target of a symlink; the hint names the path given, quoted for the shell when needed', async (t) => {
    const dir = await tempDir(t);
    const real = join(dir, 'real config.json');
    await writeFile(real, 'old');
    await chmod(real, 0o400);
    await symlink(real, join(dir, 'link.json'));
    expect(() => refuseReadOnly(join(dir, 'link.json'))).toThrow(`Cannot write ${join(dir, 'link.json')}: it is read-only (mode 0400).`);
    expect(() => refuseReadOnly(real)).toThrow(expect.objectContaining({ hint: `To let venice-onboard change it: chmod u+w '${real}', then run again. Nothing was changed.` }));
  });

  it('writable modes, a missing file and a directory pass (the write reports what is wrong with a directory)', async (t) => {
    const dir = await tempDir(t);
    for (const fileMode of [0o600, 0o644, 0o200]) {
      await writeFile(join(dir, `m${fileMode}`), 'x');
      await chmod(join(dir, `m${fileMode}`), fileMode);
      expect(() => refuseReadOnly(join(dir, `m${fileMode}`))).not.toThrow();
    }
    expect(() => refuseReadOnly(join(dir, 'missing.json'))).not.toThrow();
    expect(() => refuseReadOnly(dir)).not.toThrow();
  });
});

describe.concurrent('readIfExists', () => {
  it('null for a missing file, the bytes otherwise', async (t) => {
    const dir = await tempDir(t);
    expect(await readIfExists(join(dir, 'missing.json'))).toBeNull();
    await writeFile(join(dir, 'x.json'), '\uFEFF{}\r\n');
    expect((await readIfExists(join(dir, 'x.json')))?.equals(Buffer.from('\uFEFF{}\r\n'))).toBe(true);
  });

  it('a directory: a CliError, not null', async (t) => {
    const dir = await tempDir(t);
    await expect(readIfExists(dir)).rejects.toThrow(`Cannot read ${dir}: it is a directory.`);
  });
});
