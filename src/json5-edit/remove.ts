/**
 * Removing entries (for 'delete', or a 'set' that drops keys): one entry at a time, taking its line
 * when it has one of its own, so that the comments around it stay where they were. Comments are
 * never removed, not even one on the entry's own line.
 */
import type { EditOp, JsonObject, JsonValue } from './types.js';
import { applyEditsToValue, getOwn, isJsonObject } from './data.js';
import type { SourceArray, SourceNode, SourceObject } from './tree.js';
import { containerEntries, findCommaAfter, lineStartOf, startsLine } from './style.js';
import type { Splice } from './splice.js';

interface Removal {
  container: SourceObject | SourceArray;
  index: number;
}

/** Indexes of the properties whose key occurs again later in the object; undefined when none does. */
function shadowedProperties(node: SourceObject): Set<number> | undefined {
  let shadowed: Set<number> | undefined;
  const later = new Set<string>();
  for (let index = node.properties.length - 1; index >= 0; index--) {
    const key = (node.properties[index] as { key: string }).key;
    if (later.has(key)) (shadowed ??= new Set()).add(index);
    else later.add(key);
  }
  return shadowed;
}

/**
 * The first property (depth first) that `after` no longer has. Only walks where the diff edits in
 * place: objects within objects, and arrays that do not shrink (a shrinking array is rewritten whole).
 */
export function findRemoval(node: SourceNode, after: JsonValue | undefined): Removal | null {
  if (node.kind === 'object' && isJsonObject(after)) {
    const shadowed = shadowedProperties(node);
    for (const [index, property] of node.properties.entries()) {
      // A key that occurs again later in the object: json5 reads the later one, and the data says
      // nothing about this copy, which stays as it is (no edit goes on, above or below it).
      if (shadowed?.has(index)) continue;
      const next = getOwn(after, property.key);
      const found = next === undefined ? { container: node, index } : findRemoval(property.value, next);
      if (found !== null) return found;
    }
  }
  if (node.kind === 'array' && Array.isArray(after) && after.length >= node.elements.length) {
    for (const [index, element] of node.elements.entries()) {
      const found = findRemoval(element, after[index]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Index just past the line break ending the line of `from`, when the rest of that line is only spaces and comments; else -1. */
function restOfLineEnd(body: string, from: number): number {
  let at = from;
  for (;;) {
    while (body[at] === ' ' || body[at] === '\t') at++;
    if (body.startsWith('//', at)) at = body.indexOf('\n', at) < 0 ? body.length : body.indexOf('\n', at);
    else if (body.startsWith('/*', at) && body.indexOf('*/', at) >= 0 && !body.slice(at, body.indexOf('*/', at)).includes('\n')) {
      at = body.indexOf('*/', at) + 2;
      continue;
    }
    if (at >= body.length) return body.length;
    if (body[at] === '\n') return at + 1;
    if (body.startsWith('\r\n', at)) return at + 2;
    return -1;
  }
}

function spacesAfter(body: string, index: number): number {
  let at = index;
  while (body[at] === ' ' || body[at] === '\t') at++;
  return at;
}

/** Splices removing one entry with its comma, keeping the container's comma style and other comments. */
export function planRemove(body: string, { container, index }: Removal): Splice[] {
  const entries = containerEntries(container);
  const entry = entries[index] as { start: number; end: number };
  const previous = entries[index - 1];
  const next = entries[index + 1];
  const comma = findCommaAfter(body, entry.end);
  const entryEnd = comma >= 0 ? comma + 1 : entry.end;
  const open = container.start + 1;
  const close = container.end - 1;
  if (entries.length === 1 && (body.slice(open, entry.start) + body.slice(entryEnd, close)).trim() === '') {
    return [{ start: open, end: close, text: '' }]; // nothing else inside: "{}"
  }
  const lineEnd = restOfLineEnd(body, entryEnd);
  if (startsLine(body, entry.start) && lineEnd >= 0) {
    // A comment after the entry on its line stays, on that line: a removal never removes a comment.
    const keepsComment = body.slice(entryEnd, lineEnd).trim() !== '';
    const splices: Splice[] = [
      keepsComment ? { start: entry.start, end: spacesAfter(body, entryEnd), text: '' } : { start: lineStartOf(body, entry.start), end: lineEnd, text: '' },
    ];
    // The new last entry loses its comma when the removed one had none (no trailing-comma style).
    const previousComma = previous === undefined ? -1 : findCommaAfter(body, previous.end);
    if (next === undefined && comma < 0 && previousComma >= 0) splices.unshift({ start: previousComma, end: previousComma + 1, text: '' });
    return splices;
  }
  // Sharing a line: take the entry with the separator after it, or (last entry) the comma before it;
  // comments between the previous comma and the entry stay.
  if (next !== undefined) return [{ start: entry.start, end: spacesAfter(body, entryEnd), text: '' }];
  if (previous === undefined) return [{ start: entry.start, end: entryEnd, text: '' }];
  const previousComma = findCommaAfter(body, previous.end);
  let start = entry.start;
  while (body[start - 1] === ' ' || body[start - 1] === '\t') start--;
  return [{ start: previousComma, end: previousComma + 1, text: '' }, { start, end: entry.end, text: '' }];
}

const isPrune = (op: EditOp): boolean => op.op === 'delete' && op.prune === true;

function valueAt(data: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let at = data;
  for (const key of path) {
    if (Array.isArray(at)) at = /^(?:0|[1-9]\d*)$/.test(key) ? at[Number(key)] : undefined;
    else if (isJsonObject(at)) at = getOwn(at, key);
    else return undefined;
  }
  return at;
}

function nodeAt(root: SourceNode, path: readonly string[]): SourceNode | undefined {
  let at: SourceNode | undefined = root;
  for (const key of path) {
    if (at?.kind === 'object') at = at.properties.findLast((p) => p.key === key)?.value;
    else if (at?.kind === 'array') at = /^(?:0|[1-9]\d*)$/.test(key) ? at.elements[Number(key)] : undefined;
    else return undefined;
  }
  return at;
}

/** Whether an object holds anything between its braces besides its entries and their commas: a comment. */
function holdsMore(body: string, object: SourceObject): boolean {
  let rest = '';
  let at = object.start + 1;
  for (const entry of object.properties) {
    rest += body.slice(at, entry.start);
    const comma = findCommaAfter(body, entry.end);
    at = comma >= 0 ? comma + 1 : entry.end;
  }
  return (rest + body.slice(at, object.end - 1)).trim() !== '';
}

/** `path` widened while its parent object is left empty by `after` and holds no comment (never the root, never an array element). */
function widen(root: SourceObject, body: string, after: JsonObject, path: readonly string[]): readonly string[] {
  let widened = path;
  while (widened.length > 1) {
    const parent = widened.slice(0, -1);
    const node = nodeAt(root, parent);
    const left = valueAt(after, parent);
    if (node?.kind !== 'object' || nodeAt(root, parent.slice(0, -1))?.kind !== 'object') break;
    if (!isJsonObject(left) || Object.keys(left).length > 0 || holdsMore(body, node)) break;
    widened = parent;
  }
  return widened;
}

/**
 * The `prune` deletes made plain (see EditOp): each one widened to the outermost object that the
 * edits empty (never the root, never an array element), as long as that object holds no comment
 * and no other edit puts something back in it. Repeated until nothing widens, so that two keys
 * removed from one object take it along. `tree` is asked for only when a prune has something to remove.
 */
export function resolvePrunes(data: JsonObject, body: string, tree: () => SourceObject, ops: readonly EditOp[]): EditOp[] {
  let current = ops.map((op): EditOp => (isPrune(op) ? { op: 'delete', path: op.path } : op));
  if (!ops.some((op) => isPrune(op) && valueAt(data, op.path) !== undefined)) return current;
  const root = tree();
  for (;;) {
    const after = applyEditsToValue(data, current);
    let widened = false;
    const next = current.map((op, index) => {
      // A prune with nothing to remove empties nothing: an object the user wrote empty stays.
      if (!isPrune(ops[index] as EditOp) || valueAt(data, op.path) === undefined) return op;
      const path = widen(root, body, after, op.path);
      widened ||= path.length < op.path.length;
      return { op: 'delete' as const, path };
    });
    if (!widened) return current;
    current = next;
  }
}
