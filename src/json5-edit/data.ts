/** Edit semantics on plain data: the reference the text editor is checked against. */
import { ConfigEditError, formatPath } from './types.js';
import type { EditOp, JsonObject, JsonValue } from './types.js';

/** An object carrying this key takes its value from the files it names (its other keys win over them). */
const INCLUDE_KEY = '$include';

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: keys such as "constructor" or "__proto__" are ordinary config keys here. */
export function getOwn(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** defineProperty, not assignment, so that a "__proto__" key stays data instead of changing the prototype. */
function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

function cloneJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = cloneJson(value[key] as JsonValue);
    // Assignment is the fast path; only "__proto__" would change the prototype instead.
    if (key === '__proto__') setOwn(copy, key, item);
    else copy[key] = item;
  }
  return copy;
}

/** JSON data equality: key order is irrelevant, NaN equals NaN (JSON5 allows NaN). */
export function deepEqualJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!deepEqualJson(a[index], b[index])) return false;
    return true;
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!Object.hasOwn(b, key) || !deepEqualJson(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** "an array", "a string", ... for messages such as "models.providers is an array, expected an object". */
export function describeJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function wrongType(path: readonly string[], found: JsonValue, expected: string): ConfigEditError {
  const dotted = formatPath(path);
  return new ConfigEditError('wrong-type', `${dotted} is ${describeJson(found)}, expected ${expected}`, { path: dotted });
}

function checkInclude(object: JsonObject, path: readonly string[]): void {
  if (!Object.hasOwn(object, INCLUDE_KEY)) return;
  const dotted = formatPath(path);
  const where = path.length === 0 ? 'the config root' : dotted;
  throw new ConfigEditError(
    'include',
    `Cannot edit ${where}: it uses ${INCLUDE_KEY} (OpenClaw reads its value from other files), so edit it by hand`,
    { path: dotted },
  );
}

interface ResolvedPath {
  /** The deepest existing object or array on the path, and how many path keys lead to it. */
  container: JsonObject | JsonValue[];
  depth: number;
  /** The current value at the full path, when the whole path exists. */
  current: JsonValue | undefined;
}

/** "0", "1", ...: the index of an existing element (paths may step into arrays, e.g. models.3). */
function isIndexOf(key: string, array: readonly JsonValue[]): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < array.length;
}

function childOf(container: JsonObject | JsonValue[], key: string): JsonValue | undefined {
  if (!Array.isArray(container)) return getOwn(container, key);
  return isIndexOf(key, container) ? container[Number(key)] : undefined;
}

/** Walks op.path through `root`, throwing 'wrong-type' / 'include' exactly as the text editor must. */
function resolveEditPath(root: JsonObject, op: EditOp): ResolvedPath {
  const { path } = op;
  if (path.length === 0) {
    throw new ConfigEditError('wrong-type', `An edit path must name at least one key`, { path: '' });
  }
  let container: JsonObject | JsonValue[] = root;
  checkInclude(root, []);
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth] as string;
    // Arrays are entered by index only; any other key needs an object there.
    if (Array.isArray(container) && !isIndexOf(key, container)) throw wrongType(path.slice(0, depth), container, 'an object');
    const next = childOf(container, key);
    if (depth === path.length - 1 || next === undefined) {
      if (next !== undefined && op.op === 'append' && !Array.isArray(next)) throw wrongType(path, next, 'an array');
      return { container, depth, current: depth === path.length - 1 ? next : undefined };
    }
    const here = path.slice(0, depth + 1);
    if (isJsonObject(next)) checkInclude(next, here);
    else if (!Array.isArray(next)) throw wrongType(here, next, 'an object');
    container = next;
  }
  throw new Error('unreachable');
}

/** True when the op would not change the data. */
function isNoOp(op: EditOp, resolved: ResolvedPath): boolean {
  if (op.op === 'delete') return resolved.current === undefined;
  if (op.op === 'set') return resolved.current !== undefined && deepEqualJson(resolved.current, op.value);
  return resolved.current !== undefined && op.values.length === 0;
}

/** The value to write at path[depth] when the rest of the path is missing: nested objects around the leaf. */
function buildMissingValue(op: Exclude<EditOp, { op: 'delete' }>, depth: number): JsonValue {
  let value: JsonValue = op.op === 'set' ? cloneJson(op.value) : op.values.map(cloneJson);
  for (let index = op.path.length - 1; index > depth; index--) {
    const wrapper: JsonObject = {};
    setOwn(wrapper, op.path[index] as string, value);
    value = wrapper;
  }
  return value;
}

/** Pure data version of applyEdits: a deep copy of `value` with the ops applied. */
export function applyEditsToValue(value: Record<string, JsonValue>, ops: readonly EditOp[]): Record<string, JsonValue> {
  const root = cloneJson(value) as JsonObject;
  for (const op of ops) {
    const resolved = resolveEditPath(root, op);
    if (isNoOp(op, resolved)) continue;
    const key = op.path[resolved.depth] as string;
    const { container, current } = resolved;
    if (op.op === 'delete') {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
      continue;
    }
    const value = buildMissingValue(op, resolved.depth);
    if (op.op === 'append' && Array.isArray(current)) for (const item of op.values) current.push(cloneJson(item));
    else if (Array.isArray(container)) container[Number(key)] = value;
    else setOwn(container, key, value);
  }
  return root;
}
