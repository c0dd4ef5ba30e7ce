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
function planValue(ctx: EditContext, container: SourceObject | SourceArray, node: SourceNode, before: JsonValue, after: JsonValue): Splice[] {
  if (node.kind === 'object' && isJsonObject(before) && isJsonObject(after) && onlyAddsKeys(before, after)) {
    return planObject(ctx, node, before, after);
  }
  if (node.kind === 'array' && Array.isArray(before) && Array.isArray(after) && after.length >= before.length) {
    const splices: Splice[] = [];
    node.elements.forEach((element, index) => {
      if (!deepEqualJson(before[index], after[index])) {
        splices.push(...planValue(ctx, node, element, before[index] as JsonValue, after[index] as JsonValue));
      }
    });
    const added = after.slice(before.length).map((value) => ({ value }));
    if (added.length > 0) splices.push(...planInsert(ctx, node, added));
    return splices;
  }
  return [planReplace(ctx, container, node, after)];
}

/** Splices that make `object` (whose data is `before`) hold `after`, which has at least the keys of `before`. */
export function planObject(ctx: EditContext, object: SourceObject, before: JsonObject, after: JsonObject): Splice[] {
  const splices: Splice[] = [];
  const added: NewEntry[] = [];
  for (const key of Object.keys(after)) {
    const next = after[key] as JsonValue;
    const previous = getOwn(before, key);
    if (previous === undefined) {
      added.push({ key, value: next });
      continue;
    }
    if (deepEqualJson(previous, next)) continue;
    const property = object.properties.find((candidate) => candidate.key === key);
    if (property === undefined) {
      throw new ConfigEditError('mismatch', `Internal check failed (the two parsers disagree about key "${key}"); nothing was written`);
    }
    splices.push(...planValue(ctx, object, property.value, previous, next));
  }
  if (added.length > 0) splices.push(...planInsert(ctx, object, added));
  return splices;
}
