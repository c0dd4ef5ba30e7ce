// The bundle's json5 carries build-time fast paths (scripts/json5-fast-paths.mjs). They must not
// change a single answer: the same value, the same error (message, line and column), the same
// warning as json5 itself, on the project's files and on generated and damaged documents.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import json5 from 'json5';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { json5FastPaths, patchJson5Source } from '../../scripts/json5-fast-paths.mjs';
import { ROOT_DIR } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-home.js';

type Parse = (text: string) => unknown;
let patched: Parse;

beforeAll(async () => {
  const dir = await makeTempDir({ prefix: 'json5-fast-' });
  const outfile = join(dir, 'json5.cjs');
  await build({
    stdin: { contents: "module.exports = require('json5');", resolveDir: ROOT_DIR },
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
    plugins: [json5FastPaths],
  });
  patched = (createRequire(import.meta.url)(outfile) as { parse: Parse }).parse;
});

/** What a parse answers: its value, or its error's text; and what it warned. */
function outcome(parse: Parse, text: string) {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return { value: parse(text), warnings: warn.mock.calls };
  } catch (error) {
    return { error: String(error), warnings: warn.mock.calls };
  } finally {
    warn.mockRestore();
  }
}

function expectSameAnswer(text: string): void {
  const expected = outcome(json5.parse, text);
  const actual = outcome(patched, text);
  // toStrictEqual: NaN, -0 and a "__proto__" own key count too.
  expect(actual, JSON.stringify(text)).toStrictEqual(expected);
}

const HAND_PICKED = [
  '',
  '   ',
  '{}',
  '{\t \t"a":\t \t1 ,  }',
  "{'a': \"it's\", b: 'say \"hi\"'}",
  '"a\\"b\\\\c\\u0041\\x41\\0"',
  '"line \\\n continued"',
  '"raw\u2028separator\u2029"',
  '"\ud83d\ude00 astral \ud83d and lone \ude00"',
  '{ ünïcödé: 1, $_x\u200d: 2, \\u0061b: 3 }',
  '[0x1F, +Infinity, -NaN, .5, 5., 1e-7, -0, +1]',
  '\ufeff// comment\n{/* block */"a": [1, 2,],}\r\n',
  '\v\f\u00a0\u2003{"a":1}\u3000',
  '\u1680{"a":\u1680 1}\u202f\u205f',
  '["\u007f\u0080\u00ff", \'\u0080\', \u00b5: 1]',
  '{a: 1}\u0080',
  '{"__proto__": {"x": 1}}',
  '"unterminated      ',
  '"a\nb"',
  '{"a": 1 "b": 2}',
  '{"key":     @}',
  '  \t  x',
  '[1, 2\t\t\t\t}',
  "'tab\tinside'",
  '"  spaces then end',
  '01',
  '0x',
  '1e',
  '"\\u12"',
  '"\\x4"',
];

describe('json5 with the bundle\'s fast paths answers exactly as json5', () => {
  it.each(HAND_PICKED)('%j', (text) => {
    expectSameAnswer(text);
  });

  it('on every config, fixture and template of the project', () => {
    const files = [
      join(ROOT_DIR, 'templates', 'openclaw.json5'),
      ...['configs', 'onboard'].flatMap((dir) =>
        readdirSync(join(ROOT_DIR, 'test', 'fixtures', dir)).map((name) => join(ROOT_DIR, 'test', 'fixtures', dir, name)),
      ),
    ];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expectSameAnswer(readFileSync(file, 'utf8'));
  });

  const anyString = fc.string({ unit: 'binary', maxLength: 12 });
  const json5Text = fc
    .tuple(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ space: fc.constantFrom(undefined, 0, 2, 4, '\t', ' \t'), quote: fc.constantFrom(undefined, '"', "'") }),
      fc.array(anyString, { maxLength: 3 }),
    )
    .map(([value, options, strings]) => json5.stringify([value, ...strings], options));

  it('on generated documents, and on each one damaged at one place', () => {
    fc.assert(
      fc.property(json5Text, fc.nat(), fc.constantFrom('', ' ', '\t', '\n', '"', "'", '\\', '\u2028', '/', '*', 'x', '0', '}', '\ud800'), (text, at, insert) => {
        expectSameAnswer(text);
        const i = at % (text.length + 1);
        expectSameAnswer(text.slice(0, i) + insert + text.slice(i + 1));
        expectSameAnswer(text.slice(0, i) + insert + text.slice(i));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the patches themselves', () => {
  it('a patch that no longer matches json5 fails the build instead of being skipped', () => {
    expect(() => patchJson5Source('parse.js', 'function peek () {}')).toThrow(/does not match json5\/lib\/parse.js exactly once/);
  });

  it('a bundle that takes json5 from other files fails rather than ship it without its fast paths', async () => {
    const failed = await build({
      stdin: { contents: "module.exports = require('json5/dist/index.js');", resolveDir: ROOT_DIR },
      write: false,
      bundle: true,
      platform: 'node',
      logLevel: 'silent',
      plugins: [json5FastPaths],
    }).catch((error: Error) => error);
    expect(String(failed)).toContain('json5 was bundled without its fast paths (patched: nothing)');
  });
});
