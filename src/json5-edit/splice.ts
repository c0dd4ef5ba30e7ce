/** Text-level edits: where new entries go in an existing object or array, and what the inserted text is. */
import type { JsonValue } from './types.js';
import type { SourceArray, SourceNode, SourceObject, SourceProperty } from './tree.js';
import { containerEntries, findCommaAfter, lineIndentOf, lineStartOf } from './style.js';
import type { DocStyle } from './style.js';
import { prefersInline, renderEntry, renderLines, renderValue } from './render.js';
import { isJsonObject } from './data.js';
import { ConfigEditError } from './types.js';

/** Replace body[start, end) by text. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

export interface EditContext {
  body: string;
  style: DocStyle;
  /** False only for a one-line document such as {"a": 1}: new values then stay on one line too. */
  multilineDocument: boolean;
}

/** A new property (with key) or array element (without) to add to a container. */
export interface NewEntry {
  key?: string;
  value: JsonValue;
}

function renderNew(ctx: EditContext, entry: NewEntry, indent: string, multiline: boolean): string {
  return entry.key === undefined
    ? renderValue(entry.value, ctx.style, indent, multiline)
    : renderEntry(entry.key, entry.value, ctx.style, indent, multiline);
}

/**
 * Applies splices given in document order; several may start at one index (they apply in list order).
 * Splices never overlap. One pass over the text, whatever the number of splices.
 */
export function applySplices(body: string, splices: readonly Splice[]): string {
  const ordered = splices.map((splice, order) => ({ splice, order }));
  ordered.sort((a, b) => a.splice.start - b.splice.start || a.order - b.order);
  const parts: string[] = [];
  let at = 0;
  for (const { splice } of ordered) {
    parts.push(body.slice(at, splice.start), splice.text);
    at = Math.max(at, splice.end);
  }
  parts.push(body.slice(at));
  return parts.join('');
}

function isMultiline(ctx: EditContext, container: SourceNode): boolean {
  return ctx.body.slice(container.start, container.end).includes('\n');
}

/** Start of the run of spaces/tabs that ends at `index`. */
function spacesBefore(body: string, index: number, floor: number): number {
  let at = index;
  while (at > floor && (body[at - 1] === ' ' || body[at - 1] === '\t')) at--;
  return at;
}

/**
 * Inserts a block of whole lines just before the closing bracket: on the line of its own when the bracket
 * has one (so comments above it stay above the new entries), otherwise by breaking the line before it.
 */
function insertBeforeClose(ctx: EditContext, container: SourceObject | SourceArray, block: string): Splice {
  const { body, style } = ctx;
  const close = container.end - 1;
  const lineStart = lineStartOf(body, close);
  if (lineStart > container.start && /^[ \t]*$/.test(body.slice(lineStart, close))) {
    return { start: lineStart, end: lineStart, text: block + style.eol };
  }
  const start = spacesBefore(body, close, container.start + 1);
  return { start, end: close, text: `${style.eol}${block}${style.eol}${lineIndentOf(body, container.start)}` };
}

/** Text between entries of a one-line container: ", " unless the container is written tightly ("[1,2]"). */
function inlineSeparator(body: string, entries: readonly { start: number; end: number }[]): string {
  const [first, second] = entries;
  return first !== undefined && second !== undefined && body.slice(first.end, second.start) === ',' ? ',' : ', ';
}

function planInsertIntoEmpty(ctx: EditContext, container: SourceObject | SourceArray, added: readonly NewEntry[]): Splice[] {
  const { body, style } = ctx;
  const open = container.start;
  const close = container.end - 1;
  const interior = body.slice(open + 1, close);
  const hasComments = interior.trim() !== '';
  const baseIndent = lineIndentOf(body, open);
  // Short lists of scalars stay on one line even in a multi-line document: input: ['text'].
  const inlineList = container.kind === 'array' && prefersInline(added.map((entry) => entry.value), style);
  if (interior.includes('\n') || (ctx.multilineDocument && !inlineList)) {
    const indent = baseIndent + style.indentUnit;
    const block = renderLines(added.map((entry) => renderNew(ctx, entry, indent, true)), indent, style.trailingComma, style);
    if (hasComments) return [insertBeforeClose(ctx, container, block)];
    return [{ start: open + 1, end: close, text: `${style.eol}${block}${style.eol}${baseIndent}` }];
  }
  const entries = added.map((entry) => renderNew(ctx, entry, baseIndent, false)).join(', ');
  const pad = container.kind === 'object' ? style.bracePadding : '';
  if (!hasComments) return [{ start: open + 1, end: close, text: `${pad}${entries}${pad}` }];
  // After the comments, keeping whatever space there was before the bracket: "[ /* none */ 'text' ]".
  const at = spacesBefore(body, close, open + 1);
  return [{ start: at, end: at, text: ` ${entries}` }];
}

/** Longest line a new entry may make when it is kept on one line to match its siblings. */
const MAX_LINE = 100;

/** The largest fn(item), 0 for none. A loop: spreading a 200,000-entry array into Math.max overflows the stack. */
function maxOf<T>(items: readonly T[], fn: (item: T) => number): number {
  let max = 0;
  for (const item of items) max = Math.max(max, fn(item));
  return max;
}

/** Nesting depth of containers: 0 for scalars, 1 for {a: 1}, 2 for {a: {b: 1}}. */
function jsonDepth(value: JsonValue): number {
  const children = Array.isArray(value) ? value : isJsonObject(value) ? Object.values(value) : null;
  return children === null ? 0 : 1 + maxOf(children, jsonDepth);
}

function sourceDepth(node: SourceNode): number {
  if (node.kind === 'primitive') return 0;
  return 1 + (node.kind === 'object' ? maxOf(node.properties, (property) => sourceDepth(property.value)) : maxOf(node.elements, sourceDepth));
}

/**
 * New entries one per line, each laid out over several lines; except in a container of one-line rows
 * (`{ id: 'a', name: 'A' },` or `'x/y': { alias: 'Y' },`), where a new entry no deeper than the rows
 * that fits on a line is written as one more row.
 */
function renderLikeSiblings(ctx: EditContext, container: SourceObject | SourceArray, added: readonly NewEntry[], indent: string): string[] {
  const siblings = container.kind === 'object' ? container.properties.map((property) => property.value) : container.elements;
  const rows = siblings.every((node) => node.kind !== 'primitive' && containerEntries(node).length > 0 && !isMultiline(ctx, node));
  const rowDepth = maxOf(siblings, sourceDepth);
  return added.map((entry) => {
    const multiline = renderNew(ctx, entry, indent, true);
    if (!rows || jsonDepth(entry.value) > rowDepth) return multiline;
    const inline = renderNew(ctx, entry, indent, false);
    return indent.length + inline.length + 1 <= MAX_LINE ? inline : multiline;
  });
}

/**
 * Adds entries at the end of a container, following its layout: one per line like the last entry (and
 * with a trailing comma if it has one), or on the same line for one-line containers.
 */
export function planInsert(ctx: EditContext, container: SourceObject | SourceArray, added: readonly NewEntry[]): Splice[] {
  const { body, style } = ctx;
  if (container.kind === 'object') {
    // What keeps the edited text free of duplicate keys (the final check does not scan for them).
    const present = new Set(container.properties.map((property) => property.key));
    const clash = added.find((entry) => entry.key === undefined || present.has(entry.key));
    if (clash !== undefined) {
      throw new ConfigEditError('mismatch', `Internal check failed (key "${clash.key ?? ''}" would be written twice); nothing was written`);
    }
  }
  const entries: readonly (SourceProperty | SourceNode)[] = container.kind === 'object' ? container.properties : container.elements;
  const last = entries[entries.length - 1];
  if (last === undefined) return planInsertIntoEmpty(ctx, container, added);
  const comma = findCommaAfter(body, last.end);
  if (!isMultiline(ctx, container)) {
    const separator = inlineSeparator(body, entries);
    const rendered = added.map((entry) => renderNew(ctx, entry, lineIndentOf(body, container.start), false)).join(separator);
    if (comma >= 0) return [{ start: comma + 1, end: comma + 1, text: `${separator.slice(1)}${rendered},` }];
    return [{ start: last.end, end: last.end, text: separator + rendered }];
  }
  // Indent like the last entry when it sits on a line of its own; else one level deeper than the opening line.
  const indent = body.slice(container.start, last.start).includes('\n')
    ? lineIndentOf(body, last.start)
    : lineIndentOf(body, container.start) + style.indentUnit;
  // Sections separated by blank lines (as in the template) get one before each new section too.
  const previous = entries[entries.length - 2];
  const blankLines = previous !== undefined && /\n[ \t]*\r?\n/.test(body.slice(previous.end, last.start));
  const lines = renderLines(renderLikeSiblings(ctx, container, added, indent), indent, comma >= 0, style, blankLines);
  const block = blankLines ? style.eol + lines : lines;
  const splices: Splice[] = [];
  if (comma < 0) splices.push({ start: last.end, end: last.end, text: ',' });
  splices.push(insertBeforeClose(ctx, container, block));
  return splices;
}

/**
 * Replaces an existing value (of a property or an array element), laid out for the line it is on: on one
 * line when the old value was a one-line object or array no shallower than the new one and the line fits.
 */
export function planReplace(ctx: EditContext, container: SourceObject | SourceArray, old: SourceNode, value: JsonValue): Splice {
  const { body, style } = ctx;
  const multiline = renderValue(value, style, lineIndentOf(body, old.start), isMultiline(ctx, container));
  const inline = renderValue(value, style, '', false);
  const oneLineBefore = old.kind !== 'primitive' && containerEntries(old).length > 0 && !isMultiline(ctx, old);
  const fits = old.start - lineStartOf(body, old.start) + inline.length + 1 <= MAX_LINE;
  const text = oneLineBefore && jsonDepth(value) <= sourceDepth(old) && fits ? inline : multiline;
  return { start: old.start, end: old.end, text };
}
