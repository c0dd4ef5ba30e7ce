/** Learns a document's formatting habits, so that new text looks like the user wrote it. */
import type { SourceArray, SourceNode, SourceObject, SourceProperty } from './tree.js';

export type Quote = '"' | "'";

export interface DocStyle {
  eol: '\n' | '\r\n';
  indentUnit: string;
  /** Write identifier-like keys without quotes. */
  unquotedKeys: boolean;
  keyQuote: Quote;
  stringQuote: Quote;
  /** Multi-line objects/arrays end with a comma after their last entry. */
  trailingComma: boolean;
  /** What follows the colon of a property: ' ' or ''. */
  colonSpace: string;
  /** Space inside the braces of one-line objects: '{ a: 1 }' or '{a: 1}'. */
  bracePadding: string;
}

export function lineStartOf(body: string, index: number): number {
  return index <= 0 ? 0 : body.lastIndexOf('\n', index - 1) + 1;
}

/** The leading spaces/tabs of the line containing `index`. */
export function lineIndentOf(body: string, index: number): string {
  return /^[ \t]*/.exec(body.slice(lineStartOf(body, index), index))?.[0] ?? '';
}

/** True when only whitespace precedes `index` on its line. */
export function startsLine(body: string, index: number): boolean {
  return /^[ \t]*$/.test(body.slice(lineStartOf(body, index), index));
}

/** Index of the first character after `index` that is not whitespace, a line break or a comment. */
function skipTrivia(body: string, index: number): number {
  let at = index;
  for (;;) {
    const rest = body.slice(at, at + 2);
    if (/^\s/.test(rest)) at++;
    else if (rest === '//') at = body.slice(at).search(/[\n\r\u2028\u2029]|$/) + at;
    else if (rest === '/*') at = body.includes('*/', at + 2) ? body.indexOf('*/', at + 2) + 2 : body.length;
    else return at;
  }
}

/** Index of the comma following a container entry that ends at `end`, or -1 when it has none. */
export function findCommaAfter(body: string, end: number): number {
  const at = skipTrivia(body, end);
  return body[at] === ',' ? at : -1;
}

export function containerEntries(node: SourceNode): { start: number; end: number }[] {
  if (node.kind === 'object') return node.properties;
  if (node.kind === 'array') return node.elements;
  return [];
}

/** Every object and array, outermost first (an explicit stack: no generator per value of a long list). */
function listContainers(root: SourceNode): (SourceObject | SourceArray)[] {
  const found: (SourceObject | SourceArray)[] = [];
  const pending: SourceNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind === 'primitive') continue;
    found.push(node);
    if (node.kind === 'object') for (let i = node.properties.length - 1; i >= 0; i--) pending.push((node.properties[i] as SourceProperty).value);
    else for (let i = node.elements.length - 1; i >= 0; i--) pending.push(node.elements[i] as SourceNode);
  }
  return found;
}

/** The key of the largest count; the first one seen wins ties. */
function mostCommon<T>(counts: Map<T, number>): T | undefined {
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

function bump<T>(counts: Map<T, number>, value: T): void {
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

/** Fallback indentation when no nested entry shows it: the shallowest indented line (e.g. comment lines). */
function guessIndentUnit(body: string): string {
  const indents = [...body.matchAll(/^([ \t]+)\S/gm)].map((match) => match[1] as string);
  const shallowest = indents.sort((a, b) => a.length - b.length)[0];
  if (shallowest === undefined) return '  ';
  if (shallowest.includes('\t')) return '\t';
  return shallowest.length <= 8 ? shallowest : '  ';
}

export function isSafeIdentifier(key: string): boolean {
  // ASCII only and no keywords: every JSON5 reader accepts these unquoted (and the JSON.parse shortcut reads them).
  return /^[A-Za-z_$][\w$]*$/.test(key) && !RESERVED_WORDS.has(key);
}

const RESERVED_WORDS = new Set(
  ('await break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with yield ' +
    'implements interface package private protected public let static NaN Infinity undefined').split(' '),
);

export function detectStyle(body: string, root: SourceObject): DocStyle {
  const units = new Map<string, number>();
  const keyQuotes = new Map<Quote, number>();
  const stringQuotes = new Map<Quote, number>();
  const trailing = new Map<boolean, number>();
  const colon = new Map<string, number>();
  const padding = new Map<string, number>();
  let unquoted = 0;
  let quotedIdentifiers = 0;
  const containers = listContainers(root);
  for (const container of containers) {
    const entries = containerEntries(container);
    const last = entries[entries.length - 1];
    if (last === undefined || !body.slice(container.start, container.end).includes('\n')) continue;
    bump(trailing, findCommaAfter(body, last.end) >= 0);
    const base = lineIndentOf(body, container.start);
    for (const entry of entries) {
      const indent = lineIndentOf(body, entry.start);
      if (startsLine(body, entry.start) && indent.length > base.length && indent.startsWith(base)) {
        bump(units, indent.slice(base.length));
      }
    }
  }
  for (const container of containers) {
    if (container.kind === 'array') {
      for (const element of container.elements) {
        const first = body[element.start];
        if (element.kind === 'primitive' && (first === '"' || first === "'")) bump(stringQuotes, first);
      }
      continue;
    }
    if (container.properties.length > 0 && !body.slice(container.start, container.end).includes('\n')) {
      bump(padding, /^\{\s/.test(body.slice(container.start)) ? ' ' : '');
    }
    for (const property of container.properties) {
      const first = body[property.start];
      if (first === '"' || first === "'") {
        bump(keyQuotes, first);
        if (isSafeIdentifier(property.key)) quotedIdentifiers++;
      } else {
        unquoted++;
      }
      const valueFirst = body[property.value.start];
      if (property.value.kind === 'primitive' && (valueFirst === '"' || valueFirst === "'")) bump(stringQuotes, valueFirst);
      bump(colon, /:\s/.test(body.slice(property.keyEnd, property.value.start)) ? ' ' : '');
    }
  }
  const firstBreak = body.indexOf('\n');
  return {
    eol: firstBreak > 0 && body[firstBreak - 1] === '\r' ? '\r\n' : '\n',
    indentUnit: mostCommon(units) ?? guessIndentUnit(body),
    unquotedKeys: unquoted > quotedIdentifiers,
    keyQuote: mostCommon(keyQuotes) ?? mostCommon(stringQuotes) ?? '"',
    stringQuote: mostCommon(stringQuotes) ?? mostCommon(keyQuotes) ?? '"',
    trailingComma: (trailing.get(true) ?? 0) > (trailing.get(false) ?? 0),
    colonSpace: (colon.get('') ?? 0) > (colon.get(' ') ?? 0) ? '' : ' ',
    bracePadding: (padding.get('') ?? 0) > (padding.get(' ') ?? 0) ? '' : ' ',
  };
}
