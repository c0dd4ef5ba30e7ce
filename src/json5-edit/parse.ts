/**
 * Parsing for the editor: json5 gives the data (it is what OpenClaw reads; read through parseJson5),
 * @croct/json5-parser gives the source tree with positions. Both must agree, so duplicate keys
 * (where they may not) are refused.
 */
import { ConfigEditError } from './types.js';
import type { JsonObject, JsonValue } from './types.js';
import { describeJson, isJsonObject } from './data.js';
import { parseSourceTree } from './tree.js';
import type { SourceObject } from './tree.js';
import { findDuplicateKey } from './dupes.js';
import { parseJson5 } from './json5-read.js';

export const BOM = '\uFEFF';

export interface ParsedDocument {
  /** The text without its BOM: every position in `root` indexes into it (UTF-16 units). */
  body: string;
  bom: boolean;
  data: JsonObject;
  root: SourceObject;
}

/** 1-based line and column of a UTF-16 index. */
function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: index - lineStart + 1 };
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

function checkDuplicates(body: string): void {
  const duplicate = findDuplicateKey(body);
  if (duplicate === null) return;
  const { line, column } = positionOf(body, duplicate.index);
  const dotted = duplicate.path.join('.');
  throw new ConfigEditError(
    'duplicate-key',
    `Duplicate key "${dotted}" at line ${line}: the same key appears twice in one object, so it is unclear which value counts`,
    { line, column, path: dotted },
  );
}

export interface ParsedData {
  body: string;
  bom: boolean;
  data: JsonObject;
}

/**
 * Data only (json5, plus the duplicate check): what reading and verifying need, without a source tree.
 * `duplicates: false` skips the duplicate scan, for text whose every key is known to be unique (the
 * editor's own output: see applyEdits).
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
  if (duplicates) checkDuplicates(body);
  return { body, bom, data };
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
