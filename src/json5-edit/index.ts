/**
 * Edits the text of an OpenClaw JSON5 config in place (pure: no fs, no console). Only the bytes an edit
 * needs are touched: comments, key order, quoting, indentation, trailing commas, line endings and a BOM
 * all survive. Every result is checked against the same edits applied to plain data before it is returned.
 */
import { ConfigEditError, formatPath } from './types.js';
import type { EditOp } from './types.js';
import { applyEditsToValue, deepEqualJson } from './data.js';
import { BOM, isParseOf, parseData, parseDocument, withTree } from './parse.js';
import type { DuplicateKey, ParsedData, ParsedDocument } from './parse.js';
import { detectStyle } from './style.js';
import { applySplices } from './splice.js';
import type { EditContext } from './splice.js';
import { planObject } from './diff.js';
import { findRemoval, planRemove, resolvePrunes } from './remove.js';

export { ConfigEditError } from './types.js';
export type { EditOp, JsonValue } from './types.js';
export { applyEditsToValue } from './data.js';
export { isParseOf, parseConfigText, parseData } from './parse.js';
export { parseDocument } from './parse.js';
export type { DuplicateKey, ParsedData, ParsedDocument } from './parse.js';

/** "lines 2 and 4", "lines 2, 4 and 9", "line 3" (both on one line). */
export function listLines(lines: readonly number[]): string {
  const distinct = [...new Set(lines)];
  if (distinct.length === 1) return `line ${distinct[0]}`;
  return `lines ${distinct.slice(0, -1).join(', ')} and ${distinct[distinct.length - 1]}`;
}

/** "twice", "3 times". */
export function countTimes(lines: readonly number[]): string {
  return lines.length === 2 ? 'twice' : `${lines.length} times`;
}

const isPrefix = (prefix: readonly string[], path: readonly string[]) => prefix.length <= path.length && prefix.every((key, index) => path[index] === key);

/**
 * Refuses an edit on, above or below a duplicate key (its path a prefix of an edited one, or the
 * other way round): which copy the edit should go to is unclear. Elsewhere both copies are left as
 * they are (json5 and OpenClaw read the last one; the diff never touches either).
 */
function refuseDuplicatesOnPaths(duplicates: readonly DuplicateKey[], ops: readonly EditOp[]): void {
  for (const duplicate of duplicates) {
    if (!ops.some((op) => isPrefix(duplicate.path, op.path) || isPrefix(op.path, duplicate.path))) continue;
    const dotted = formatPath(duplicate.path);
    throw new ConfigEditError(
      'duplicate-key',
      `the key ${dotted} appears ${countTimes(duplicate.lines)} (${listLines(duplicate.lines)}), on a path this edit changes: OpenClaw reads only the last one, so it is unclear which one to change`,
      { line: duplicate.lines[duplicate.lines.length - 1], path: dotted },
    );
  }
}

function mismatch(detail: string): ConfigEditError {
  return new ConfigEditError('mismatch', `Internal check failed (${detail}); nothing was written`);
}

function contextOf(doc: ParsedDocument): EditContext {
  const rootText = doc.body.slice(doc.root.start, doc.root.end);
  return {
    body: doc.body,
    style: detectStyle(doc.body, doc.root),
    multilineDocument: rootText.includes('\n') || doc.root.properties.length === 0,
  };
}

function reparse(body: string, tree = true): ParsedDocument | ReturnType<typeof parseData> {
  try {
    // The tree is built only to splice again; the final check needs data. That final parse skips
    // the duplicate scan: planInsert refuses to add a key its object already has, so the edited
    // text holds no duplicate the original did not (and those are off every edited path).
    return tree ? parseDocument(body) : parseData(body, { duplicates: false });
  } catch (error) {
    throw mismatch(`the edited text does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Applies ops to the text and returns the new text (the identical string when nothing changes).
 * Throws ConfigEditError: parse errors as parseConfigText, 'duplicate-key' (on, above or below an
 * edited path), 'wrong-type', 'include', or 'mismatch'.
 * `parsed`: the text's parseData (or parseDocument), when the caller already has it (a large config
 * is not read twice).
 */
export function applyEdits(text: string, ops: readonly EditOp[], parsed?: ParsedData | ParsedDocument): string {
  const edit = planEdits(text, ops, parsed);
  edit.check();
  return edit.text;
}

/** An edited text and the final check it must pass before anyone shows or writes it. */
interface PendingEdit {
  text: string;
  /** Re-parses the text as json5 does (parseJson5) and compares it with the intended data; throws 'mismatch'. */
  check(): void;
}

/**
 * applyEdits in two steps: the splices now, the final check (the costly part: the whole new text is
 * read again as JSON5) when the caller runs it, e.g. while the file is being written and fsynced.
 */
export function planEdits(text: string, ops: readonly EditOp[], parsed: ParsedData | ParsedDocument = parseData(text)): PendingEdit {
  if (!isParseOf(parsed, text)) {
    throw new Error('applyEdits: the parsed document given is not this text');
  }
  refuseDuplicatesOnPaths(parsed.duplicates, ops);
  let tree: ParsedDocument | undefined = 'root' in parsed ? parsed : undefined;
  const withSource = () => (tree ??= withTree(parsed));
  // The data version is the reference; it also validates every op ('wrong-type', 'include') up front.
  const expected = applyEditsToValue(parsed.data, resolvePrunes(parsed.data, parsed.body, () => withSource().root, ops));
  if (deepEqualJson(parsed.data, expected)) return { text, check: () => {} };
  const original = withSource();
  // First take out what goes away, one entry at a time; then add and change in one pass.
  let doc = original;
  for (let removal = findRemoval(doc.root, expected); removal !== null; removal = findRemoval(doc.root, expected)) {
    const body = applySplices(doc.body, planRemove(doc.body, removal));
    if (body.length >= doc.body.length) throw mismatch('an entry could not be removed');
    doc = reparse(body) as ParsedDocument;
  }
  const body = applySplices(doc.body, planObject(contextOf(doc), doc.root, doc.data, expected));
  return {
    text: (original.bom ? BOM : '') + body,
    check: () => {
      const written = reparse(body, false).data;
      if (!deepEqualJson(written, expected)) throw mismatch('the edited text does not hold the intended values');
    },
  };
}
