import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, open, readFile, readlink, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { CliError } from '../errors.js';

/**
 * Writing a file the user cares about (SPEC §5.4): temp file in the same directory, fsync,
 * rename; 0600; an OpenClaw-compatible `.bak` ring; the target of a symlink, not the link;
 * and a guard against overwriting a change made by someone else since we read the file.
 */

export class ConflictError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while we were editing it`);
  }
}

const BACKUPS = 5; // .bak, .bak.1 … .bak.4

/** Follows symlinks (also dangling ones, whose target we create). */
export async function resolveTarget(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let info;
    try {
      info = await lstat(current);
    } catch {
      return current;
    }
    if (!info.isSymbolicLink()) return current;
    const link = await readlink(current);
    current = isAbsolute(link) ? link : resolve(dirname(current), link);
  }
  throw new CliError('symlink-loop', `${path} is a symlink loop.`, { hint: 'Point --config at a real file.' });
}

/** The file's bytes, or null when it does not exist. */
export async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fileError(error, path, 'read');
  }
}

export function fileError(error: unknown, path: string, action: 'read' | 'write'): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const reasons: Record<string, [string, string]> = {
    EACCES: ['permission denied', `Check the permissions of ${path} and its directory.`],
    EPERM: ['operation not permitted', `Check the permissions of ${path} and its directory.`],
    EROFS: ['the file system is read-only', 'Use --config to point at a writable location.'],
    EISDIR: ['it is a directory', 'Point --config at a file, e.g. ~/.openclaw/openclaw.json.'],
    ENOTDIR: ['a parent of it is not a directory', 'Check the path given to --config.'],
    ENOSPC: ['the disk is full', 'Free some space and run again; nothing was changed.'],
    EDQUOT: ['the disk quota is exceeded', 'Free some space and run again; nothing was changed.'],
    ELOOP: ['too many symlinks', 'Point --config at a real file.'],
  };
  const [why, hint] = reasons[code] ?? [code, 'Check the path and try again; nothing was changed.'];
  return new CliError(`file-${action}`, `Cannot ${action} ${path}: ${why}.`, { hint, cause: error });
}

async function rotateBackups(target: string): Promise<string> {
  const name = (i: number) => (i === 0 ? `${target}.bak` : `${target}.bak.${i}`);
  await rm(name(BACKUPS - 1), { force: true });
  for (let i = BACKUPS - 2; i >= 0; i--) {
    try {
      await rename(name(i), name(i + 1));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  await copyFile(target, name(0), constants.COPYFILE_EXCL);
  await chmod(name(0), 0o600);
  return name(0);
}

/** A lock file shared by concurrent runs of this tool, so that check-and-rename is one step. */
async function withLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${target}.venice-onboard.lock`;
  const deadline = Date.now() + 10000;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 30000) await rm(lock, { force: true }); // left by a killed run
      if (Date.now() > deadline) throw new ConflictError(target);
      await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}

export interface WriteResult {
  path: string;
  backup: string | undefined;
}

/**
 * Replaces `path` with `content` iff its bytes are still `expected` (null: must not exist).
 * Throws ConflictError otherwise, CliError on file errors; never leaves a temp file behind.
 */
export async function writeFileSafely(path: string, content: string, expected: Buffer | null): Promise<WriteResult> {
  const target = await resolveTarget(path);
  const dir = dirname(target);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fileError(error, dir, 'write');
  }
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return await withLock(target, async () => {
      const now = await readIfExists(target);
      const same = now === null || expected === null ? now === expected : now.equals(expected);
      if (!same) throw new ConflictError(path);
      const backup = now === null ? undefined : await rotateBackups(target);
      await rename(tmp, target);
      await syncDir(dir);
      return { path: target, backup };
    });
  } catch (error) {
    await rm(tmp, { force: true });
    if (error instanceof ConflictError || error instanceof CliError) throw error;
    throw fileError(error, target, 'write');
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every file system lets a directory be fsynced; the rename is still atomic.
  }
}
