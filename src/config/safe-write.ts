import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  fsync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { CliError } from '../errors.js';

/**
 * Writing a file the user cares about (SPEC §5.4): temp file in the same directory, fsync,
 * rename; 0600; an OpenClaw-compatible `.bak` ring; the target of a symlink, not the link;
 * and a guard against overwriting a change made by someone else since we read the file.
 *
 * The file system calls are synchronous on purpose: this CLI has nothing else to do while it
 * writes, and each asynchronous call costs a round trip through libuv's thread pool (start-up
 * time is a product bar, SPEC §7). Two things yield: the temp file's fsync, which runs alongside
 * the caller's final check of the content, and waiting for another run's lock.
 */

export class ConflictError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while we were editing it`);
  }
}

const BACKUPS = 5; // .bak, .bak.1 … .bak.4

/** Follows symlinks (also dangling ones, whose target we create). */
export function resolveTarget(path: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let info;
    try {
      info = lstatSync(current);
    } catch {
      return current; // missing (created later) or unreachable (reported by the write itself)
    }
    if (!info.isSymbolicLink()) return current;
    const link = readlinkSync(current);
    current = isAbsolute(link) ? link : resolve(dirname(current), link);
  }
  throw new CliError('symlink-loop', `${path} is a symlink loop.`, { hint: 'Point --config at a real file.' });
}

/** A path as one shell word, for a hint the user may paste. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./~-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/**
 * Refuses to replace or remove a file its owner may not write: the user made it read-only, and an
 * editor would not save over it either. The mode bits decide, not access(W_OK): root may write any
 * file, and still should not undo a chmod a-w. A symlink is judged by its target; a missing file
 * (created later) passes, and one that cannot be examined is left to the write to report.
 */
export function refuseReadOnly(path: string): void {
  let info;
  try {
    info = statSync(path);
  } catch {
    return;
  }
  if (!info.isFile() || (info.mode & 0o200) !== 0) return;
  const mode = (info.mode & 0o7777).toString(8).padStart(4, '0');
  throw new CliError('file-read-only', `Cannot write ${path}: it is read-only (mode ${mode}).`, {
    hint: `To let venice-onboard change it: chmod u+w ${shellWord(path)}, then run again. Nothing was changed.`,
  });
}

/** The file's bytes, or null when it does not exist. */
export async function readIfExists(path: string): Promise<Buffer | null> {
  return readIfExistsSync(path);
}

function readIfExistsSync(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fileError(error, path, 'read');
  }
}

function fileError(error: unknown, path: string, action: 'read' | 'write'): CliError {
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

/** Removes a file; one that is not there is fine. */
function removeIfExists(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function rotateBackups(target: string): string {
  const name = (i: number) => (i === 0 ? `${target}.bak` : `${target}.bak.${i}`);
  removeIfExists(name(BACKUPS - 1));
  for (let i = BACKUPS - 2; i >= 0; i--) {
    try {
      renameSync(name(i), name(i + 1));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  copyFileSync(target, name(0), constants.COPYFILE_EXCL);
  chmodSync(name(0), 0o600);
  return name(0);
}

/** A lock file shared by concurrent runs of this tool, so that check-and-rename is one step. */
async function withLock<T>(target: string, fn: () => T): Promise<T> {
  const lock = `${target}.venice-onboard.lock`;
  const deadline = Date.now() + 10000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = statSync(lock, { throwIfNoEntry: false });
      if (info !== undefined && Date.now() - info.mtimeMs > 30000) removeIfExists(lock); // left by a killed run
      if (Date.now() > deadline) throw new ConflictError(target);
      await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
    }
  }
  try {
    return fn();
  } finally {
    removeIfExists(lock);
  }
}

interface WriteResult {
  path: string;
  backup: string | undefined;
}

/**
 * Replaces `path` with `content` iff its bytes are still `expected` (null: must not exist).
 * Throws ConflictError otherwise, CliError on file errors; never leaves a temp file behind.
 */
export async function writeFileSafely(path: string, content: string, expected: Buffer | null, check?: () => void): Promise<WriteResult> {
  const target = resolveTarget(path);
  const dir = dirname(target);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fileError(error, dir, 'write');
  }
  // Unique enough: 'wx' refuses an existing name, and the lock orders the renames.
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      const bytes = Buffer.from(content, 'utf8');
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      // The fsync (waiting on the disk) runs on libuv's thread pool while `check` (CPU-bound)
      // runs here; only when both are done does the rename make the temp file the file.
      const synced = new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
      try {
        check?.();
      } finally {
        await synced.catch(() => undefined); // its own error is thrown below, after the check's
      }
      await synced;
    } finally {
      closeSync(fd);
    }
    return await withLock(target, () => {
      const now = readIfExistsSync(target);
      const same = now === null || expected === null ? now === expected : now.equals(expected);
      if (!same) throw new ConflictError(path);
      if (now !== null) refuseReadOnly(target); // made read-only since it was read
      const backup = now === null ? undefined : rotateBackups(target);
      renameSync(tmp, target);
      syncDir(dir);
      return { path: target, backup };
    });
  } catch (error) {
    try {
      removeIfExists(tmp);
    } catch {
      // the original error says more
    }
    if (error instanceof ConflictError || error instanceof CliError) throw error;
    throw fileError(error, target, 'write');
  }
}

/**
 * Removes `path` iff its bytes are still `expected`, its last bytes kept as `<file>.bak` (the same
 * ring as a replacement). Throws ConflictError when the file changed, CliError on file errors.
 */
export async function removeFileSafely(path: string, expected: Buffer): Promise<WriteResult> {
  const target = resolveTarget(path);
  try {
    return await withLock(target, () => {
      const now = readIfExistsSync(target);
      if (now === null || !now.equals(expected)) throw new ConflictError(path);
      refuseReadOnly(target);
      const backup = rotateBackups(target);
      unlinkSync(target);
      syncDir(dirname(target));
      return { path: target, backup };
    });
  } catch (error) {
    if (error instanceof ConflictError || error instanceof CliError) throw error;
    throw fileError(error, target, 'write');
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every file system lets a directory be fsynced; the rename is still atomic.
  }
}
