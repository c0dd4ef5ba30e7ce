/**
 * Parsing for the editor: json5 gives the data (it is what OpenClaw reads; read through parseJson5),
 * tree.ts gives the source tree with positions, from the same text json5 accepted. Duplicate keys
 * are found here and refused where an edit goes (planEdits).
 */
import { ConfigEditError } from './types.js';
import type { JsonObject, JsonValue } from './types.js';
import { describeJson, isJsonObject } from './data.js';
import { parseSourceTree } from './tree.js';
import type { SourceObject } from './tree.js';
import { scanStructure } from './dupes.js';
import type { RepeatedKey } from './dupes.js';
import { parseJson5 } from './json5-read.js';

export const BOM = '\uFEFF';

export interface ParsedDocument extends ParsedData {
  /** Every position in `root` indexes into `body`, the text without its BOM (UTF-16 units). */
  root: SourceObject;
}

/** Rewords json5's "JSON5: invalid character '}' at 3:7" as a one-line message with our own prefix. */
function toParseError(error: unknown, body: string): ConfigEditError {
  const raw = error instanceof Error ? error.message : String(error);
  let line = (error as { lineNumber?: number }).lineNumber ?? 1;
  let column = (error as { columnNumber?: number }).columnNumber ?? 1;
  if (column < 1) {
    // json5 reports a raw line break inside a string at "next line, column 0": point at the end of the line instead.
    line = Math.max(1, line - 1);
    column = (body.split('\n')[line - 1] ?? '').replace(/\r$/, '').length + 1;
  }
  const detail = raw
    .replace(/^JSON5: /, '')
    .replace(/ at \d+:\d+$/, '')
    .replace(/^invalid end of input$/, 'unexpected end of input')
    .replace(/^invalid character '\\[nr]'$/, 'unexpected line break')
    .replace(/^invalid character '(.*)'$/, 'unexpected "$1"');
  return new ConfigEditError('parse', `Invalid JSON5 at line ${line}, column ${column}: ${detail}`, { line, column });
}

/** A key that occurs more than once in one object: json5 and OpenClaw use the last one. */
export interface DuplicateKey {
  /** Its path, array elements by index: ["agents", "list", "0", "tools"]. */
  path: string[];
  /** The 1-based line of each occurrence, in text order. */
  lines: number[];
}

/** The 1-based line of each UTF-16 index, counted in one pass over the text (a config may have many lines). */
function linesOf(body: string, indexes: readonly number[]): Map<number, number> {
  const lineAt = new Map<number, number>();
  let line = 1;
  let from = 0;
  for (const index of [...new Set(indexes)].sort((a, b) => a - b)) {
    for (let at = body.indexOf('\n', from); at !== -1 && at < index; at = body.indexOf('\n', at + 1)) {
      line++;
      from = at + 1;
    }
    lineAt.set(index, line);
  }
  return lineAt;
}

function withLines(body: string, found: readonly RepeatedKey[]): DuplicateKey[] {
  if (found.length === 0) return [];
  const lineAt = linesOf(body, found.flatMap((duplicate) => duplicate.indexes));
  return found.map((duplicate) => ({ path: duplicate.path, lines: duplicate.indexes.map((index) => lineAt.get(index) ?? 1) }));
}

/**
 * How deep objects and arrays may nest. Width is unlimited (every pass over a document is a loop);
 * depth is not: copying, comparing and editing the data recurse once per level, and JavaScript's
 * stack holds a few thousand levels. Real configs nest a dozen levels; this leaves a wide margin
 * both ways, and a deeper file is refused with its position rather than a stack overflow.
 */
export const MAX_DEPTH = 1000;

function checkDepth(body: string, depth: number, at: number): void {
  if (depth <= MAX_DEPTH) return;
  const line = linesOf(body, [at]).get(at) ?? 1;
  throw new ConfigEditError(
    'too-deep',
    `Nested ${depth} levels deep at line ${line}: the editor supports up to ${MAX_DEPTH} levels of objects and arrays`,
    { line },
  );
}

export interface ParsedData {
  body: string;
  bom: boolean;
  data: JsonObject;
  /** Keys that occur more than once in their object (an edit on, above or below one is refused). */
  duplicates: DuplicateKey[];
}

/**
 * Data only (json5, plus the scan for duplicate keys and depth): what reading and verifying need,
 * without a source tree. `duplicates: false` skips the scan, for text already scanned before the
 * editor changed it (its own output: see planEdits).
 */
export function parseData(text: string, { duplicates = true }: { duplicates?: boolean } = {}): ParsedData {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  let data: JsonValue;
  try {
    data = parseJson5<JsonValue>(body);
  } catch (error) {
    throw toParseError(error, body);
  }
  if (!isJsonObject(data)) {
    throw new ConfigEditError('not-object', `The config must be a JSON5 object at the top level, found ${describeJson(data)}`);
  }
  if (!duplicates) return { body, bom, data, duplicates: [] };
  const structure = scanStructure(body);
  checkDepth(body, structure.depth, structure.deepestAt);
  return { body, bom, data, duplicates: withLines(body, structure.duplicates) };
}

/** Whether `parsed` is the parse of exactly `text` (its BOM included). */
export function isParseOf(parsed: ParsedData, text: string): boolean {
  return text.length === parsed.body.length + (parsed.bom ? 1 : 0) && text.endsWith(parsed.body) && (!parsed.bom || text.startsWith(BOM));
}

/** Adds the source tree (positions for splicing) to parsed data. */
export function withTree(parsed: ParsedData): ParsedDocument {
  return { ...parsed, root: parseSourceTree(parsed.body) };
}

/** Parses text (BOM allowed) into data and source tree, refusing anything the two parsers might read differently. */
export function parseDocument(text: string): ParsedDocument {
  return withTree(parseData(text));
}

/** Parses JSON5 text (BOM allowed) into a plain object; see ConfigEditError for what is refused. */
export function parseConfigText(text: string): Record<string, JsonValue> {
  return parseData(text).data;
}
