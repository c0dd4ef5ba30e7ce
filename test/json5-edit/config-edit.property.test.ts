import { JsonArrayNode, JsonObjectNode, JsonParser, type JsonValueNode } from '@croct/json5-parser';
import { parseDocument } from '../../src/json5-edit/parse.js';
import { parseSourceTree, type SourceNode } from '../../src/json5-edit/tree.js';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import json5 from 'json5';
import { isDeepStrictEqual } from 'node:util';
import { ConfigEditError, applyEdits, applyEditsToValue, parseConfigText } from '../../src/json5-edit/index.js';
import type { EditOp, JsonValue } from '../../src/json5-edit/index.js';

// A random JSON5 document is generated as a tree, then written as text by an independent writer
// (not the engine's renderer) with random comments, quoting, indentation, line endings and commas.
type Slot = 0 | 1 | 2; // no comment, block comment, line comment
interface Leaf { t: 'leaf'; text: string }
interface Entry { key: string; quote: string; value: Node; c: Slot[] }
interface Obj { t: 'obj'; entries: Entry[]; inline: boolean; c: Slot[] }
interface Arr { t: 'arr'; items: { value: Node; c: Slot[] }[]; inline: boolean; c: Slot[] }
type Node = Leaf | Obj | Arr;
interface Format { unit: string; eol: string; trailingComma: boolean; colon: string; bom: boolean; blankLines: boolean }

const PATH_KEYS = ['models', 'providers', 'venice', 'models', 'agents', 'defaults', 'model', 'primary', 'env', 'mode', 'api', 'fallbacks'];
const ODD_KEYS = ['venice:default', 'venice/llama-3.3-70b', 'a b', '', 'é', 'ключ', '😀', 'q"uote', "it's", 'back\\slash', 'new\nline',
  'default', 'null', 'true', 'NaN', 'Infinity', '__proto__', 'constructor', '$include'];
const IDENT = /^[A-Za-z$_][\w$]*$|^(é|ключ)$/;

const slot = fc.integer({ min: 0, max: 6 }).map((n): Slot => (n === 5 ? 1 : n === 6 ? 2 : 0));
const slots = (n: number) => fc.array(slot, { minLength: n, maxLength: n });

/** Independent string-literal writer with several escaping habits (\x, \u, identity escapes, raw tabs). */
function writeString(value: string, quote: string, mode: number): string {
  let out = quote;
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    const hex = (width: number) => code.toString(16).padStart(width, '0');
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t' && mode === 3) out += '\t';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${hex(4)}`;
    else if (mode === 1 && code < 0x100) out += `\\x${hex(2)}`;
    else if (mode === 2 && code > 0x7f && code <= 0xffff) out += `\\u${hex(4)}`;
    else if (mode === 3 && /[ghjklm]/.test(char)) out += `\\${char}`;
    else out += char;
  }
  return out + quote;
}

const quoteArb = fc.constantFrom('"', "'");
const stringLeaf = fc.tuple(fc.string({ unit: 'binary', maxLength: 8 }), quoteArb, fc.nat(3)).map(([s, q, m]) => writeString(s, q, m));
const numberLeaf = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '+1', '.5', '5.', '0x1F', '-0x10', '1e3', '-0'),
);
const leaf = fc.oneof(stringLeaf, numberLeaf, fc.constantFrom('null', 'true', 'false')).map((text): Leaf => ({ t: 'leaf', text }));
const keyArb = fc.oneof(fc.constantFrom(...PATH_KEYS), fc.constantFrom(...ODD_KEYS), fc.string({ unit: 'binary', maxLength: 5 }));

const { obj: objArb } = fc.letrec<{ node: Node; obj: Obj; arr: Arr }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('obj'), tie('arr')),
  obj: fc.record({
    t: fc.constant('obj' as const),
    entries: fc.uniqueArray(
      fc.record({ key: keyArb, quote: fc.constantFrom('', '"', "'"), value: tie('node'), c: slots(5) }),
      { selector: (entry) => entry.key, maxLength: 5 },
    ),
    inline: fc.boolean(),
    c: slots(2),
  }),
  arr: fc.record({
    t: fc.constant('arr' as const),
    items: fc.array(fc.record({ value: tie('node'), c: slots(2) }), { maxLength: 4 }),
    inline: fc.boolean(),
    c: slots(2),
  }),
}));
const formatArb = fc.record({
  unit: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  trailingComma: fc.boolean(),
  colon: fc.constantFrom(' ', ''),
  bom: fc.boolean(),
  blankLines: fc.boolean(),
});

/** Each comment with the container it is in and, for comments around an entry, that entry's path. */
interface Written { text: string; comments: { text: string; path: string[]; entry?: string[] }[]; topLevel: { key: string; text: string }[] }

function writeDocument(root: Obj, format: Format): Written {
  const written: Written = { text: '', comments: [], topLevel: [] };
  let count = 0;
  const pad = (depth: number) => format.unit.repeat(depth);
  /** Writes the comment for a slot, followed by what must come after it: a line break for line comments. */
  const comment = (kind: Slot, path: string[], inline: boolean, depth: number, entry?: string[]): string => {
    if (kind === 0) return '';
    const body = `c${count++} é😀`;
    const text = kind === 2 && !inline ? `// ${body}` : `/* ${body} */`;
    written.comments.push({ text, path, entry });
    return text + (kind === 2 && !inline ? format.eol + pad(depth) : ' ');
  };
  const writeNode = (node: Node, depth: number, path: string[]): string => {
    if (node.t === 'leaf') return node.text;
    const [open, close] = node.t === 'obj' ? ['{', '}'] : ['[', ']'];
    const { inline } = node;
    const lead = inline ? ' ' : format.eol + pad(depth + 1);
    const parts = node.t === 'obj'
      ? node.entries.map((entry) => {
        const quote = entry.quote === '' && !IDENT.test(entry.key) ? '"' : entry.quote;
        const key = quote === '' ? entry.key : writeString(entry.key, quote, 0);
        const inner = depth + 1;
        const owner = [...path, entry.key];
        const text = `${key}${entry.c[1] ? ' ' : ''}${comment(entry.c[1] as Slot, path, inline, inner, owner)}:${format.colon}` +
          `${comment(entry.c[2] as Slot, path, inline, inner, owner)}${writeNode(entry.value, inner, owner)}`;
        if (path.length === 0) written.topLevel.push({ key: entry.key, text });
        const before = comment(entry.c[0] as Slot, path, inline, inner, owner);
        return { before, text, after: entry.c[3] as Slot, tail: entry.c[4] as Slot, owner };
      })
      : node.items.map((item, index) => ({
        before: comment(item.c[0] as Slot, path, inline, depth + 1, [...path, String(index)]),
        text: writeNode(item.value, depth + 1, [...path, String(index)]),
        after: item.c[1] as Slot,
        tail: 0 as Slot,
        owner: [...path, String(index)],
      }));
    if (parts.length === 0) {
      const inside = comment(node.c[0] as Slot, path, inline, depth + 1);
      return inside === '' ? `${open}${close}` : `${open}${lead}${inside}${inline ? '' : format.eol + pad(depth)}${close}`;
    }
    let out = open;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const comma = !last || (format.trailingComma && !inline) ? ',' : '';
      const after = part.after ? ` ${comment(part.after, path, inline, depth + 1, part.owner)}` : '';
      const tail = part.tail && comma ? ` ${comment(part.tail, path, inline, depth + 1, part.owner)}` : '';
      const blank = format.blankLines && index > 0 && !inline ? format.eol : '';
      out += `${index === 0 || !inline ? blank + lead : ' '}${part.before}${part.text}${after}${comma}${tail}`;
    });
    const end = comment(node.c[1] as Slot, path, inline, depth + 1);
    return `${out}${end ? lead + end : ''}${inline ? ' ' : format.eol + pad(depth)}${close}`;
  };
  const before = comment(2, [], false, 0);
  const body = writeNode(root, 0, []);
  written.text = `${format.bom ? '\uFEFF' : ''}${before}${body}${format.eol}${comment(1, [], false, 0)}${format.eol}`;
  // Comments are numbered in writing order, which is not always text order.
  written.comments.sort((a, b) => written.text.indexOf(a.text) - written.text.indexOf(b.text));
  return written;
}

const VENICE_MODEL = { id: 'llama-3.3-70b', name: 'Llama 3.3 70B', input: ['text'], cost: { input: 0, output: 0 } };
const valueArb: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }) as fc.Arbitrary<JsonValue>,
  fc.constantFrom<JsonValue>('venice/llama-3.3-70b', '${VENICE_API_KEY}', VENICE_MODEL, { primary: 'venice/llama-3.3-70b' }),
);
const poolPath = fc.array(fc.constantFrom(...PATH_KEYS, 'venice/llama-3.3-70b'), { minLength: 1, maxLength: 4 });

/** Paths to every value reached through objects and arrays: ops then hit existing (commented) text. */
function pathsOf(node: Node, prefix: string[] = []): string[][] {
  const children: [string, Node][] = node.t === 'obj'
    ? node.entries.map((entry) => [entry.key, entry.value])
    : node.t === 'arr' ? node.items.map((item, index) => [String(index), item.value]) : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function opsFor(root: Obj): fc.Arbitrary<EditOp[]> {
  const existing = pathsOf(root);
  const path = existing.length === 0
    ? poolPath
    : fc.oneof(poolPath, fc.constantFrom(...existing), fc.tuple(fc.constantFrom(...existing), poolPath).map(([a, b]) => [...a, ...b]));
  const op: fc.Arbitrary<EditOp> = fc.oneof(
    fc.record({ op: fc.constant('set' as const), path, value: valueArb }),
    fc.record({ op: fc.constant('append' as const), path, values: fc.array(valueArb, { maxLength: 3 }) }),
    fc.record({ op: fc.constant('delete' as const), path }),
    fc.constantFrom<EditOp>(
      { op: 'set', path: ['models', 'providers', 'venice', 'baseUrl'], value: 'https://api.venice.ai/api/v1' },
      { op: 'append', path: ['models', 'providers', 'venice', 'models'], values: [VENICE_MODEL] },
    ),
  );
  return fc.array(op, { minLength: 1, maxLength: 5 });
}

/** Each needle occurs in the haystack after the previous one. */
function expectInOrder(haystack: string, needles: readonly string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    expect(at, `missing or out of order: ${JSON.stringify(needle)}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

function checkEdit(written: Written, ops: EditOp[]): void {
  const input = written.text;
  let expected: JsonValue;
  try {
    expected = applyEditsToValue(json5.parse(input), ops);
  } catch (error) {
    // Refusals ('wrong-type', 'include') come from the data rules; the text editor must refuse the same way.
    expect(error).toBeInstanceOf(ConfigEditError);
    expect(() => applyEdits(input, ops)).toThrow(expect.objectContaining({ code: (error as ConfigEditError).code }));
    return;
  }
  const output = applyEdits(input, ops);
  expect(isDeepStrictEqual(json5.parse(output), expected)).toBe(true);
  // The final check reads data only; the next run must still get a source tree of what we wrote.
  expect(() => parseDocument(output)).not.toThrow();
  expect(output.startsWith('\uFEFF')).toBe(input.startsWith('\uFEFF'));
  if (input.includes('\r\n')) expect(output).not.toMatch(/[^\r]\n/);
  else expect(output).not.toContain('\r');
  // Comments may go with what an op replaces (a set's old value, a shrinking array) or deletes (an entry).
  const data = json5.parse(input);
  const replaced = ops.flatMap((op) => {
    if (op.op === 'set') return [op.path];
    return op.op === 'delete' && Array.isArray(valueAt(data, op.path.slice(0, -1))) ? [op.path.slice(0, -1)] : [];
  });
  const deleted = ops.flatMap((op) => (op.op === 'delete' ? [op.path] : []));
  const kept = written.comments.filter(
    (c) => !replaced.some((p) => isPrefix(p, c.path)) && !deleted.some((p) => isPrefix(p, c.path) || (c.entry && isPrefix(p, c.entry))),
  );
  expectInOrder(output, kept.map((comment) => comment.text));
  const edited = new Set(ops.map((op) => op.path[0]));
  expectInOrder(output, written.topLevel.filter((entry) => !edited.has(entry.key)).map((entry) => entry.text));
  // Re-running the sets and deletes must not touch the text whenever, as data, they change nothing.
  const sets = ops.filter((op) => op.op !== 'append');
  if (setsChangeNothing(json5.parse(output), sets)) expect(applyEdits(output, sets)).toBe(output);
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), data);
}

function setsChangeNothing(data: Record<string, JsonValue>, sets: EditOp[]): boolean {
  try {
    return isDeepStrictEqual(applyEditsToValue(data, sets), data);
  } catch {
    return false; // a later set runs through a value an earlier one replaced
  }
}

// FC_RUNS=20000 for a long bug hunt.
const RUNS = Number(process.env.FC_RUNS ?? 2000);
const TIMEOUT = 20_000 + RUNS * 20;

describe('applyEdits on random JSON5 documents', () => {
  it('keeps data, comments and untouched keys; set ops are idempotent', () => {
    const caseArb = fc.tuple(objArb, formatArb).chain(([root, format]) => fc.tuple(fc.constant(writeDocument(root, format)), opsFor(root)));
    fc.assert(fc.property(caseArb, ([written, ops]) => checkEdit(written, ops)), { numRuns: RUNS });
  }, TIMEOUT);

  it('parses every generated document like json5 does', () => {
    fc.assert(
      fc.property(fc.tuple(objArb, formatArb), ([root, format]) => {
        const { text } = writeDocument(root, format);
        expect(isDeepStrictEqual(parseConfigText(text), json5.parse(text))).toBe(true);
        expect(applyEdits(text, [])).toBe(text);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, TIMEOUT);
});

/**
 * The source tree as @croct/json5-parser (a full JSON5 concrete-syntax parser, which the editor
 * used before its own one-pass tree) builds it, positions converted from code points to UTF-16
 * units; undefined for the documents croct refuses (reserved words as keys, \x escapes, raw tabs).
 */
function croctTree(body: string): SourceNode | undefined {
  let root: JsonObjectNode;
  try {
    root = JsonParser.parse(body, JsonObjectNode);
  } catch {
    return undefined;
  }
  const units: number[] = [];
  let unit = 0;
  for (const char of body) {
    units.push(unit);
    unit += char.length;
  }
  units.push(unit);
  const at = (index: number) => units[index] ?? unit;
  const convert = (node: JsonValueNode): SourceNode => {
    const range = { start: at(node.location.start.index), end: at(node.location.end.index) };
    if (node instanceof JsonObjectNode) {
      return {
        kind: 'object',
        ...range,
        properties: node.properties.map((property) => {
          const keyText = body.slice(at(property.key.location.start.index), at(property.key.location.end.index));
          return {
            key: keyText.startsWith('"') || keyText.startsWith("'") ? json5.parse<string>(keyText) : keyText,
            keyEnd: at(property.key.location.end.index),
            start: at(property.location.start.index),
            end: at(property.location.end.index),
            value: convert(property.value),
          };
        }),
      };
    }
    if (node instanceof JsonArrayNode) return { kind: 'array', ...range, elements: node.elements.map(convert) };
    return { kind: 'primitive', ...range };
  };
  return convert(root);
}

describe('the source tree', () => {
  it('is the one @croct/json5-parser builds, on every generated document croct reads', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.tuple(objArb, formatArb), ([root, format]) => {
        const body = writeDocument(root, format).text.replace(/^\uFEFF/, '');
        const reference = croctTree(body);
        if (reference === undefined) return;
        compared++;
        expect(parseSourceTree(body)).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS / 4);
  }, TIMEOUT);
});
