import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { applyEditsToValue, type EditOp, type JsonValue } from '../json5-edit/index.js';
import { parseJson5 } from '../json5-edit/json5-read.js';

/**
 * What to paste by hand when we refuse to edit (SPEC §5.3): for each file, exactly what goes there.
 *
 * OpenClaw's `$include` (docs/gateway/config-secrets-env.md of 2026.9.6): `{ $include: "./x.json5" }`
 * is replaced by that file's content, relative to the including file; an array of files is
 * deep-merged in order, the later winning; sibling keys of `$include` are merged after, and win;
 * included files may include others (10 levels). So an edit under an included object belongs in the
 * included file, at the path below that object, unless a sibling key in the including file holds it.
 */

type Json = JsonValue | undefined;
type JsonObj = { [key: string]: JsonValue };
const INCLUDE = '$include';
const MAX_DEPTH = 10;
/** OpenClaw reads no included file over 2 MB. */
const MAX_BYTES = 2 * 1024 * 1024;

const isObj = (v: Json): v is JsonObj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Included files, read once each; undefined when unreadable or not JSON5. */
class Includes {
  private readonly cache = new Map<string, Promise<Json>>();

  read(file: string): Promise<Json> {
    let pending = this.cache.get(file);
    if (pending === undefined) {
      // Synchronous reads, as everywhere on the onboarding path: node:fs/promises costs every
      // start of onboarding a module load (start-up time, SPEC §7) for a file read only here.
      pending = Promise.resolve(file).then(readFileSync).then(
        (bytes) => (bytes.length > MAX_BYTES ? undefined : (parseJson5(bytes.toString('utf8').replace(/^\uFEFF/, '')) as JsonValue)),
        () => undefined,
      );
      pending = pending.catch(() => undefined);
      this.cache.set(file, pending);
    }
    return pending;
  }
}

/** The files an object's `$include` names, resolved against the including file; [] when it names none. */
function includedFiles(object: JsonObj, from: string): string[] {
  const value = object[INCLUDE];
  const names = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : [];
  return names.map((name) => resolve(dirname(from), name));
}

function deepMerge(base: Json, over: Json): Json {
  if (!isObj(base) || !isObj(over)) return over;
  const out: JsonObj = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(out[k], v) as JsonValue;
  return out;
}

/** The config as OpenClaw reads it, includes resolved (an unreadable one is left as written). */
async function resolveIncludes(value: Json, from: string, includes: Includes, depth = 0): Promise<Json> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => resolveIncludes(item, from, includes, depth))) as Promise<JsonValue[]>;
  if (!isObj(value)) return value;
  const siblings: JsonObj = {};
  for (const [k, v] of Object.entries(value)) if (k !== INCLUDE) siblings[k] = (await resolveIncludes(v, from, includes, depth)) as JsonValue;
  const files = Object.hasOwn(value, INCLUDE) ? includedFiles(value, from) : [];
  if (files.length === 0 || depth >= MAX_DEPTH) return Object.hasOwn(value, INCLUDE) ? { ...siblings, [INCLUDE]: value[INCLUDE]! } : siblings;
  const contents = await Promise.all(files.map((f) => includes.read(f)));
  if (contents.some((c) => c === undefined)) return { ...siblings, [INCLUDE]: value[INCLUDE]! };
  let merged: Json = undefined;
  for (const [i, content] of contents.entries()) merged = deepMerge(merged, await resolveIncludes(content, files[i]!, includes, depth + 1));
  return Object.keys(siblings).length === 0 ? merged : deepMerge(merged, siblings);
}

interface Part {
  file: string;
  /** Where the file's content sits in the config: undefined for the main file, [] for the root. */
  at?: string[];
  /** Of several files included there: this one is the last, whose values win. */
  ofMany?: boolean;
  ops: EditOp[];
}

/** The file that holds `path`, and the op's path inside it. */
async function ownerOf(path: readonly string[], main: { file: string; data: JsonObj }, includes: Includes): Promise<Omit<Part, 'ops'> & { rest: string[] }> {
  let owner: Omit<Part, 'ops'> = { file: main.file };
  let node: Json = main.data;
  let base = 0;
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth]!;
    // Enter includes until the key is the file's own (a sibling of `$include` wins over the included value).
    for (let hops = 0; isObj(node) && Object.hasOwn(node, INCLUDE) && !Object.hasOwn(node, key) && hops < MAX_DEPTH; hops++) {
      const files = includedFiles(node, owner.file);
      if (files.length === 0) break;
      owner = { file: files.at(-1)!, at: path.slice(0, depth), ofMany: files.length > 1 };
      base = depth;
      node = await includes.read(owner.file);
    }
    node = isObj(node) ? node[key] : Array.isArray(node) && /^\d+$/.test(key) ? node[Number(key)] : undefined;
    if (node === undefined) break;
  }
  return { ...owner, rest: path.slice(base) };
}

/** The ops that change something: set ops always go out, and the editor skips those already true. */
function withoutNoOps(config: JsonObj, planOps: (config: JsonObj) => EditOp[]): EditOp[] {
  let state = config;
  return planOps(config).filter((op) => {
    try {
      const next = applyEditsToValue(state, [op]);
      if (JSON.stringify(next) === JSON.stringify(state)) return false;
      state = next;
    } catch {
      // through an include we could not read, or a wrong type: kept, for the user to judge
    }
    return true;
  });
}

/** The ops of `planOps`, planned on the config as OpenClaw reads it, grouped by the file that holds each. */
export async function splitByFile(
  main: { file: string; data: JsonObj },
  planOps: (config: JsonObj) => EditOp[],
): Promise<Part[]> {
  const includes = new Includes();
  const resolved = await resolveIncludes(main.data, main.file, includes);
  const parts: Part[] = [];
  for (const op of withoutNoOps(isObj(resolved) ? resolved : main.data, planOps)) {
    const { rest, ...owner } = await ownerOf(op.path, main, includes);
    let part = parts.find((p) => p.file === owner.file && p.at?.join('.') === owner.at?.join('.'));
    if (part === undefined) parts.push((part = { ...owner, ops: [] }));
    part.ops.push({ ...op, path: rest });
  }
  // The main file first, then the included ones in the order of the edits.
  return parts.sort((a, b) => Number(a.at !== undefined) - Number(b.at !== undefined));
}

/** The text printed after the refusal: a heading per file, then what to merge there (the key itself never shown). */
export function renderParts(parts: readonly Part[]): string {
  const hideKey = (key: string, value: unknown) => (key === 'VENICE_API_KEY' && typeof value === 'string' ? '<your Venice API key>' : value);
  const lines = ['  Edit by hand instead: merge each block into the top-level object of its file (list items go at the end of the list).'];
  for (const part of parts) {
    const at = part.at?.length === 0 ? 'at the root' : `as the value of ${part.at?.join('.')}`;
    const where = part.at === undefined ? '' : ` (${part.ofMany ? 'the last of the files ' : ''}included ${at})`;
    lines.push(`  ${part.file}${where}:`);
    const changes = part.ops.filter((op) => op.op !== 'delete');
    if (changes.length > 0) {
      lines.push(...JSON.stringify(applyEditsToValue({}, changes), hideKey, 2).split('\n').map((line) => `    ${line}`));
    }
    const removed = part.ops.filter((op) => op.op === 'delete').map((op) => op.path.join('.'));
    if (removed.length > 0) lines.push(`    and remove ${removed.join(', ')}`);
  }
  return lines.join('\n');
}
