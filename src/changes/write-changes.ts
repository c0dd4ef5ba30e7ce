import { createTwoFilesPatch } from 'diff';
import { redact } from '../core/mask.js';
import { ConflictError, readIfExists, removeFileSafely, writeFileSafely } from '../config/safe-write.js';
import { CliError } from '../errors.js';
import type { FileChange } from './config-change.js';

/**
 * Collapses every run of more than `limit` added (or removed) lines to its first and last lines
 * and a count: a first setup adds ~1,600 lines of model entries, which would bury the question
 * (and the key's place, at the end of a new file).
 */
export function collapseRuns(diff: string, limit: number): string {
  const lines = diff.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const sign = lines[i]?.[0];
    let j = i;
    if (sign === '+' || sign === '-') while (j < lines.length && lines[j]?.[0] === sign && !/^(\+\+\+|---) /.test(lines[j] ?? '')) j++;
    if (j - i > limit) {
      const keep = Math.floor(limit / 2);
      out.push(
        ...lines.slice(i, i + keep),
        `${sign} … ${j - i - 2 * keep} more ${sign === '+' ? 'added' : 'removed'} lines (venice-onboard --dry-run shows them all)`,
        ...lines.slice(j - keep, j),
      );
      i = j;
    } else {
      out.push(lines[i] ?? '');
      i++;
    }
  }
  return out.join('\n');
}

/** Runs a change's pending check once (see FileChange.check). */
function check(change: FileChange): void {
  change.check?.();
  delete change.check;
}

/** Unified diff of every change, with each secret masked (for --dry-run and the preview). */
export function renderDiff(changes: readonly FileChange[], secrets: readonly string[]): string {
  for (const change of changes) check(change); // never show text that would not be written
  return changes
    .map((c) =>
      createTwoFilesPatch(c.before === null ? '/dev/null' : c.path, c.after === null ? '/dev/null' : c.path, c.before?.toString('utf8') ?? '', c.after ?? '', undefined, undefined, {
        context: 3,
      })
        .split('\n')
        .filter((line, i) => !/^=+$/.test(line) && !(i === 0 && line.startsWith('Index: ')))
        .join('\n'),
    )
    .map((text) => redact(text, secrets))
    .join('');
}

interface Written {
  label: string;
  path: string;
  backup: string | undefined;
  /** The file was removed (its bytes are in `backup`). */
  removed?: true;
}

/** Enough for a handful of runs of this tool on one file at once; an editor saving in a loop still ends it. */
const MAX_REDO = 8;

/**
 * Writes each change; when a file changed since we read it, re-reads it and redoes the edit
 * (up to MAX_REDO times) rather than overwrite someone else's change.
 */
export async function writeChanges(changes: readonly FileChange[]): Promise<Written[]> {
  // Every check passes before the first file is replaced; the first change's own check runs
  // while its temp file is fsynced (writeFileSafely's `check`), before the rename.
  for (const change of changes.slice(1)) check(change);
  const written: Written[] = [];
  for (const first of changes) {
    let change: FileChange | null = first;
    for (let attempt = 1; change !== null; attempt++) {
      try {
        const pending = change;
        if (change.after === null) {
          if (change.before !== null) written.push({ label: change.label, ...(await removeFileSafely(change.path, change.before)), removed: true });
          break;
        }
        const result = await writeFileSafely(change.path, change.after, change.before, () => check(pending));
        written.push({ label: change.label, path: result.path, backup: result.backup });
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || change.redo === undefined || attempt >= MAX_REDO) {
          if (error instanceof ConflictError) {
            throw new CliError('conflict', `${change.path} kept changing while we tried to write it.`, {
              hint: 'Another program is editing it; run again when it is done. Your file was not overwritten.',
            });
          }
          throw error;
        }
        change = await change.redo(await readIfExists(change.path));
      }
    }
  }
  return written;
}
