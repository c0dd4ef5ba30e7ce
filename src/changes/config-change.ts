import { ConfigEditError, countTimes, listLines, parseData, planEdits, type DuplicateKey, type EditOp, type JsonValue, type ParsedData, type ParsedDocument } from '../json5-edit/index.js';
import { CliError } from '../errors.js';
import { builtTemplateDocument, readConfigTemplate } from '../config/template.js';
import { readIfExists, refuseReadOnly } from '../config/safe-write.js';
import { decodeUtf8File } from '../config/read-text.js';
import { renderParts, splitByFile } from './manual-snippet.js';

/** A file we intend to replace: its bytes as read (null: new file) and the new text (null: the file goes). */
export interface FileChange {
  label: string;
  path: string;
  before: Buffer | null;
  after: string | null;
  /**
   * The editor's final check of `after`, not run yet (see planEdits): whoever shows or writes
   * `after` runs it first (renderDiff, writeChanges). Throws a CliError.
   */
  check?: () => void;
  /** Recomputes `after` from fresh bytes when the file changed under us (lost-update guard). */
  redo?: (fresh: Buffer | null) => Promise<FileChange | null>;
}

interface LoadedConfig {
  path: string;
  bytes: Buffer | null;
  /** The text we edit: the file's, or the template's for a new file. */
  text: string;
  config: Record<string, JsonValue>;
  /** The parse behind `config`, handed to the editor so that the text is not parsed twice. */
  parsed: ParsedData | ParsedDocument;
  /**
   * One line per duplicate key, for stderr once the change is prepared: prepareConfigChange refuses
   * a duplicate on, above or below a path it edits, so those printed are all elsewhere.
   */
  warnings: string[];
}

function describeDuplicate(path: string, duplicate: DuplicateKey): string {
  const all = duplicate.lines.length === 2 ? 'both are' : 'all are';
  return `${path} has the key ${duplicate.path.join('.')} ${countTimes(duplicate.lines)} (${listLines(duplicate.lines)}): OpenClaw uses the last one; ${all} left as they are.`;
}

/** Reads and parses the config; any problem is a CliError naming line and column, nothing written. */
export async function loadConfig(path: string, bytes?: Buffer | null): Promise<LoadedConfig> {
  const raw = bytes === undefined ? await readIfExists(path) : bytes;
  const text = raw === null ? await readConfigTemplate() : decodeUtf8File(path, raw);
  try {
    const parsed = (raw === null ? builtTemplateDocument(text) : undefined) ?? parseData(text);
    return { path, bytes: raw, text, config: parsed.data, parsed, warnings: parsed.duplicates.map((d) => describeDuplicate(path, d)) };
  } catch (error) {
    throw toCliError(error, path, []);
  }
}

/** The config change for `planOps`, or null when the file already says all of it (idempotence). */
export async function prepareConfigChange(
  loaded: LoadedConfig,
  planOps: (config: Record<string, JsonValue>) => EditOp[],
): Promise<FileChange | null> {
  const ops = planOps(loaded.config);
  let edit;
  try {
    edit = planEdits(loaded.text, ops, loaded.parsed);
  } catch (error) {
    // What to paste goes where OpenClaw reads it: the included files are read for that.
    if (error instanceof ConfigEditError && error.code === 'include') throw includeError(error, loaded.path, await splitByFile({ file: loaded.path, data: loaded.config }, planOps));
    throw toCliError(error, loaded.path, ops);
  }
  if (loaded.bytes !== null && edit.text === loaded.text) return null;
  // Before anything is shown or asked: a file the user made read-only is refused (a dry run too,
  // since it shows what a run would do). A run with nothing to change leaves it alone, and passes.
  if (loaded.bytes !== null) refuseReadOnly(loaded.path);
  const pending = edit.check;
  return {
    label: 'config',
    path: loaded.path,
    before: loaded.bytes,
    after: edit.text,
    check: () => {
      try {
        pending();
      } catch (error) {
        throw toCliError(error, loaded.path, ops);
      }
    },
    redo: async (fresh) => prepareConfigChange(await loadConfig(loaded.path, fresh), planOps),
  };
}

function includeError(error: ConfigEditError, path: string, parts: Parameters<typeof renderParts>[0]): CliError {
  return new CliError('config-include', `${path}: ${error.message}`, {
    hint: 'Paste each block above into its file yourself. Nothing was changed.',
    detail: renderParts(parts),
  });
}

function toCliError(error: unknown, path: string, ops: readonly EditOp[]): unknown {
  if (!(error instanceof ConfigEditError)) return error;
  const untouched = 'Nothing was changed.';
  switch (error.code) {
    case 'parse':
    case 'not-object':
    case 'too-deep':
      return new CliError('config-invalid', `${path}: ${error.message}`, {
        hint: `Fix the file by hand (or restore ${path}.bak if a run of this tool wrote it), then run again. ${untouched}`,
      });
    case 'duplicate-key':
      return new CliError('config-duplicate-key', `${path}: ${error.message}.`, {
        hint: `Merge them into one by hand, then run again. ${untouched}`,
      });
    case 'wrong-type':
      return new CliError('config-wrong-type', `${path}: ${error.message}`, {
        hint: `OpenClaw expects an object there; fix it by hand, then run again. ${untouched}`,
      });
    default:
      return new CliError('config-unsafe-edit', `${path}: the edited file would not read back as intended, so it was not written.`, {
        hint: `Paste the snippet above by hand, and please report this file's shape as a bug. ${untouched}`,
        detail: renderParts([{ file: path, ops: [...ops] }]),
      });
  }
}
