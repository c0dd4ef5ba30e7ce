import { createTwoFilesPatch } from 'diff';
import { redact } from '../core/mask.js';
import { ConflictError, readIfExists, writeFileSafely } from '../config/safe-write.js';
import { CliError } from '../errors.js';
import type { FileChange } from './config-change.js';

/** Unified diff of every change, with each secret masked (for --dry-run and the preview). */
export function renderDiff(changes: readonly FileChange[], secrets: readonly string[]): string {
  return changes
    .map((c) =>
      createTwoFilesPatch(c.before === null ? '/dev/null' : c.path, c.path, c.before?.toString('utf8') ?? '', c.after, undefined, undefined, { context: 3 })
        .split('\n')
        .filter((line) => !/^=+$/.test(line))
        .join('\n'),
    )
    .map((text) => redact(text, secrets))
    .join('');
}

export interface Written {
  label: string;
  path: string;
  backup: string | undefined;
}

/**
 * Writes each change; when a file changed since we read it, re-reads it and redoes the edit
 * (up to 3 times) rather than overwrite someone else's change.
 */
export async function writeChanges(changes: readonly FileChange[]): Promise<Written[]> {
  const written: Written[] = [];
  for (const first of changes) {
    let change: FileChange | null = first;
    for (let attempt = 1; change !== null; attempt++) {
      try {
        const result = await writeFileSafely(change.path, change.after, change.before);
        written.push({ label: change.label, path: result.path, backup: result.backup });
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || change.redo === undefined || attempt >= 3) {
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
