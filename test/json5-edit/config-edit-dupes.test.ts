import fc from 'fast-check';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import { scanStructure } from '../../src/json5-edit/dupes.js';

const findDuplicateKeys = (text: string) => scanStructure(text).duplicates;

describe('findDuplicateKeys', () => {
  it.each([
    ['{a: 1, b: 2}', []],
    ['{a: 1, a: 2}', [{ path: ['a'], indexes: [1, 7] }]],
    ['{"a": 1, \'a\': 2}', [{ path: ['a'], indexes: [1, 9] }]],
    ['{a: 1, "\\u0061": 2}', [{ path: ['a'], indexes: [1, 7] }]],
    ['{\\u0061: 1, a: 2}', [{ path: ['a'], indexes: [1, 12] }]],
    ['{x: {y: [1, {z: 1, z: 2}]}}', [{ path: ['x', 'y', '1', 'z'], indexes: [13, 19] }]],
    ['{a: {b: 1}, c: {b: 1}}', []],
    ['{a: "{a: 1, a: 2}", b: \'//\', /* a: 1, a: 2 */ c: 1 // a: 1\n}', []],
    ['{a: 1, // a\n /* a */ b: [ {a: 1}, {a: 2} ], c: "\\"a\\": 1"}', []],
    ['{a: +Infinity, b: -0x1F, c: .5, d: NaN, a: null}', [{ path: ['a'], indexes: [1, 40] }]],
    // Every occurrence, every duplicated key, inner and outer objects, in text order.
    ['{a: 1, a: 2, a: 3}', [{ path: ['a'], indexes: [1, 7, 13] }]],
    ['{t: {x: 1, x: 2}, b: 1, t: 2, b: 3}', [{ path: ['t', 'x'], indexes: [5, 11] }, { path: ['t'], indexes: [1, 24] }, { path: ['b'], indexes: [18, 30] }]],
  ])('%s', (text, expected) => {
    json5.parse(text); // every case is valid JSON5: the scanner runs after json5
    expect(findDuplicateKeys(text)).toEqual(expected);
  });

  // A generated object as a list of entries whose keys come from a tiny alphabet, so duplicates are
  // frequent; written with random quoting, comments and spacing; compared with the list itself.
  type Entry = { key: string; value: Tree };
  type Tree = number | string | Entry[] | Tree[];
  const key = fc.constantFrom('a', 'b', 'é', 'a b', '$x', 'a:b');
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.integer(), fc.constantFrom('s', "it's", '{a: 1}', '// no'), tie('object'), fc.array(tie('tree'), { maxLength: 3 })),
    object: fc.array(fc.record({ key, value: tie('tree') }), { maxLength: 4 }),
  })) as unknown as { tree: fc.Arbitrary<Tree> };
  const style = fc.record({ quote: fc.constantFrom('"', "'", ''), comment: fc.boolean(), space: fc.constantFrom(' ', '\n  ', '') });

  const isEntries = (t: Tree): t is Entry[] => Array.isArray(t) && t.length > 0 && typeof t[0] === 'object' && t[0] !== null && !Array.isArray(t[0]) && 'key' in (t[0] as object);
  function write(t: Tree, s: { quote: string; comment: boolean; space: string }): string {
    if (typeof t === 'number') return String(t);
    if (typeof t === 'string') return JSON.stringify(t);
    if (isEntries(t)) {
      const parts = t.map((e) => {
        const q = /^[a-z$]+$/.test(e.key) ? s.quote : '"';
        return `${s.comment ? '/* k */ ' : ''}${q}${e.key}${q}:${s.space}${write(e.value, s)}`;
      });
      return `{${s.space}${parts.join(`,${s.space}`)}${s.comment ? ' // end' : ''}\n}`;
    }
    return `[${(t as Tree[]).map((x) => write(x, s)).join(', ')}]`;
  }
  function hasDuplicate(t: Tree): boolean {
    if (!Array.isArray(t)) return false;
    if (isEntries(t)) {
      const keys = t.map((e) => e.key);
      return new Set(keys).size !== keys.length || t.some((e) => hasDuplicate(e.value));
    }
    return (t as Tree[]).some(hasDuplicate);
  }

  it('agrees with the entries it was written from, whatever the quoting, comments and nesting', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key, value: tree }), { maxLength: 5 }), style, (entries, s) => {
        const text = write(entries, s);
        const root = entries.length === 0 ? '{}' : text;
        json5.parse(root);
        expect(findDuplicateKeys(root).length > 0).toBe(hasDuplicate(entries));
      }),
      { numRuns: 2000 },
    );
  });
});
