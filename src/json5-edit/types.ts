/** Types and the error class shared by the config-edit modules (pure). */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * Paths name object keys; they may also step into an existing array element by index ("0", "1", ...).
 * - set: sets the value at path, creating missing intermediate objects (a no-op when the value is equal);
 * - append: appends to the array at path, creating it (and intermediate objects) when missing;
 * - delete: removes the property (or array element) at path; a no-op when it is missing. With `prune`,
 *   each enclosing object (never the root) that this removal leaves empty goes too, unless it holds a
 *   comment: an object the user wrote empty was not emptied by us and is never touched, and their
 *   comments are never removed. The text editor decides (it sees the comments); on plain data
 *   (applyEditsToValue) `prune` removes the entry only.
 */
export type EditOp =
  | { op: 'set'; path: readonly string[]; value: JsonValue }
  | { op: 'append'; path: readonly string[]; values: JsonValue[] }
  | { op: 'delete'; path: readonly string[]; prune?: boolean };

type ConfigEditErrorCode = 'parse' | 'not-object' | 'too-deep' | 'wrong-type' | 'duplicate-key' | 'include' | 'mismatch';

interface ConfigEditErrorDetails {
  line?: number;
  column?: number;
  path?: string;
}

/** Every refusal of the editor: the caller writes nothing when one is thrown. */
export class ConfigEditError extends Error {
  readonly code: ConfigEditErrorCode;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;

  constructor(code: ConfigEditErrorCode, message: string, details: ConfigEditErrorDetails = {}) {
    super(message);
    this.name = 'ConfigEditError';
    this.code = code;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
    if (details.path !== undefined) this.path = details.path;
  }
}

/** Dotted form used in messages: ["models", "providers"] -> "models.providers". */
export function formatPath(path: readonly string[]): string {
  return path.join('.');
}
