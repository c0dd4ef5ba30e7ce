/**
 * Turns "the data before" and "the data after" into the smallest set of text splices: untouched values
 * keep their bytes, new keys and array elements are inserted, and only values that really changed
 * (and cannot be reached by inserting) are rewritten. Working from the net result, rather than op by
 * op, means a sequence of ops that changes nothing in total leaves the text alone.
 */
import type { JsonObject, JsonValue } from './types.js';
import { ConfigEditError } from './types.js';
import { deepEqualJson, getOwn, isJsonObject } from './data.js';
import type { SourceArray, SourceNode, SourceObject } from './tree.js';
import { planInsert, planReplace } from './splice.js';
import type { EditContext, NewEntry, Splice } from './splice.js';

/** True when `after` only adds keys to `before` (possibly changing values): it can be reached by editing in place. */
function onlyAddsKeys(before: JsonObject, after: JsonObject): boolean {
  return Object.keys(before).every((key) => Object.hasOwn(after, key));
}

/**
 * Splices that make `node` (inside `container`, holding `before`) hold `after`: objects that only gain
 * keys and arrays that only grow are edited inside, element by element; anything else is rewritten.
 */
/** Appends to `splices` (one list for the whole edit: no spreading of lists as long as the input into calls). */
function planValue(ctx: EditContext, container: SourceObject | SourceArray, node: SourceNode, before: JsonValue, after: JsonValue, splices: Splice[]): void {
  if (node.kind === 'object' && isJsonObject(before) && isJsonObject(after) && onlyAddsKeys(before, after)) {
    planObject(ctx, node, before, after, splices);
    return;
  }
  if (node.kind === 'array' && Array.isArray(before) && Array.isArray(after) && after.length >= before.length) {
    node.elements.forEach((element, index) => {
      if (!deepEqualJson(before[index], after[index])) planValue(ctx, node, element, before[index] as JsonValue, after[index] as JsonValue, splices);
    });
    const added = after.slice(before.length).map((value) => ({ value }));
    if (added.length > 0) for (const splice of planInsert(ctx, node, added)) splices.push(splice);
    return;
  }
  splices.push(planReplace(ctx, container, node, after));
}

/** Splices that make `object` (whose data is `before`) hold `after`, which has at least the keys of `before`. */
export function planObject(ctx: EditContext, object: SourceObject, before: JsonObject, after: JsonObject, splices: Splice[] = []): Splice[] {
  const added: NewEntry[] = [];
  for (const key of Object.keys(after)) {
    const next = after[key] as JsonValue;
    const previous = getOwn(before, key);
    if (previous === undefined) {
      added.push({ key, value: next });
      continue;
    }
    if (deepEqualJson(previous, next)) continue;
    // The last one with this key: the one json5 (and OpenClaw) read, should the key appear twice.
    const property = object.properties.findLast((candidate) => candidate.key === key);
    if (property === undefined) {
      throw new ConfigEditError('mismatch', `Internal check failed (the two parsers disagree about key "${key}"); nothing was written`);
    }
    planValue(ctx, object, property.value, previous, next, splices);
  }
  if (added.length > 0) for (const splice of planInsert(ctx, object, added)) splices.push(splice);
  return splices;
}
