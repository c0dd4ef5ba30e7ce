/** Writes new JSON5 values in a document's style (only new text: existing text is never re-rendered). */
import type { JsonValue } from './types.js';
import { isJsonObject } from './data.js';
import { isSafeIdentifier } from './style.js';
import type { DocStyle, Quote } from './style.js';

/** Arrays of short scalars read best on one line, as people write them: input: ['text', 'image']. */
const MAX_INLINE_ARRAY = 60;

const ESCAPES: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

function escapeUnit(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Nothing to escape: no quote of either kind, backslash, control character, line separator or surrogate. */
const PLAIN = /^[^"'\\\u0000-\u001f\u007f\u2028\u2029\ud800-\udfff]*$/;

/** A string literal any JSON5 reader decodes back to `value`; line separators and lone surrogates are escaped. */
function quoteString(value: string, quote: Quote): string {
  if (PLAIN.test(value)) return quote + value + quote; // the usual case, without the loop below
  let out = quote;
  for (let index = 0; index < value.length; index++) {
    const char = value[index] as string;
    const code = value.charCodeAt(index);
    if (char === quote) out += `\\${quote}`;
    else if (ESCAPES[char] !== undefined) out += ESCAPES[char];
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += escapeUnit(code);
    else if (code >= 0xd800 && code <= 0xdbff && /[\uDC00-\uDFFF]/.test(value[index + 1] ?? '')) {
      out += char + value[++index];
    } else if (code >= 0xd800 && code <= 0xdfff) out += escapeUnit(code);
    else out += char;
  }
  return out + quote;
}

function renderKey(key: string, style: DocStyle): string {
  return style.unquotedKeys && isSafeIdentifier(key) ? key : quoteString(key, style.keyQuote);
}

function renderNumber(value: number): string {
  if (Object.is(value, -0)) return '-0';
  return String(value); // NaN, Infinity and -Infinity are JSON5 literals too
}

function isScalar(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return !isJsonObject(value) || Object.keys(value).length === 0;
}

/** Whether these array elements should be written on one line even in a multi-line document. */
export function prefersInline(elements: readonly JsonValue[], style: DocStyle): boolean {
  if (!elements.every(isScalar)) return false;
  return renderArrayInline(elements, style).length <= MAX_INLINE_ARRAY;
}

function renderArrayInline(elements: readonly JsonValue[], style: DocStyle): string {
  return `[${elements.map((element) => renderValue(element, style, '', false)).join(', ')}]`;
}

/**
 * Puts entries on their own lines at `indent`, each followed by a comma except (unless `trailingComma`)
 * the last, and separated by blank lines if asked. The result starts with the first entry's indentation
 * and has no final line break.
 */
export function renderLines(entries: readonly string[], indent: string, trailingComma: boolean, style: DocStyle, blankLines = false): string {
  return entries
    .map((entry, index) => `${indent}${entry}${index < entries.length - 1 || trailingComma ? ',' : ''}`)
    .join(blankLines ? style.eol + style.eol : style.eol);
}

function renderBlock(open: string, close: string, entries: string[], indent: string, style: DocStyle): string {
  const inner = renderLines(entries, indent + style.indentUnit, style.trailingComma, style);
  return `${open}${style.eol}${inner}${style.eol}${indent}${close}`;
}

/**
 * Renders a value whose first line continues a line indented by `indent`. `multiline` says whether the
 * surrounding container is laid out one entry per line; new containers follow it.
 */
export function renderValue(value: JsonValue, style: DocStyle, indent: string, multiline: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return renderNumber(value);
  if (typeof value === 'string') return quoteString(value, style.stringQuote);
  const inner = indent + style.indentUnit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (!multiline || prefersInline(value, style)) return renderArrayInline(value, style);
    return renderBlock('[', ']', value.map((element) => renderValue(element, style, inner, true)), indent, style);
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const entries = keys.map((key) => renderEntry(key, value[key] as JsonValue, style, multiline ? inner : indent, multiline));
  const pad = style.bracePadding;
  return multiline ? renderBlock('{', '}', entries, indent, style) : `{${pad}${entries.join(', ')}${pad}}`;
}

/** `key: value` for a property starting on a line indented by `indent`. */
export function renderEntry(key: string, value: JsonValue, style: DocStyle, indent: string, multiline: boolean): string {
  return `${renderKey(key, style)}:${style.colonSpace}${renderValue(value, style, indent, multiline)}`;
}
