// What json5's faster stand-ins (the bundle's patched json5, parseJson5) are held to: the answer of
// json5 itself, on the same documents.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import json5 from 'json5';
import { expect, vi } from 'vitest';
import { ROOT_DIR } from './run-cli.js';

type Parse = (text: string) => unknown;

/** What a parse answers: its value, or its error's text; and what it warned. */
function outcome(parse: Parse, text: string) {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return { value: parse(text), warnings: warn.mock.calls };
  } catch (error) {
    // The text holds the message with line and column ("JSON5: invalid character 'x' at 3:7").
    return { error: String(error), warnings: warn.mock.calls };
  } finally {
    warn.mockRestore();
  }
}

export function expectSameAnswerAsJson5(parse: Parse, text: string): void {
  const expected = outcome(json5.parse, text);
  const actual = outcome(parse, text);
  // toStrictEqual: NaN, -0 and a "__proto__" own key count too.
  expect(actual, JSON.stringify(text)).toStrictEqual(expected);
}

/** Edge cases of JSON5's grammar, valid and not. */
export const HAND_PICKED = [
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

/** The template and every config fixture of the project. */
export function projectDocuments(): string[] {
  const files = [
    join(ROOT_DIR, 'templates', 'openclaw.json5'),
    ...['configs', 'onboard'].flatMap((dir) =>
      readdirSync(join(ROOT_DIR, 'test', 'fixtures', dir)).map((name) => join(ROOT_DIR, 'test', 'fixtures', dir, name)),
    ),
  ];
  return files.map((file) => readFileSync(file, 'utf8'));
}

const anyString = fc.string({ unit: 'binary', maxLength: 12 });

/** Documents in json5.stringify's many styles: unquoted keys, single quotes, tabs. */
export const json5Text = fc
  .tuple(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ space: fc.constantFrom(undefined, 0, 2, 4, '\t', ' \t'), quote: fc.constantFrom(undefined, '"', "'") }),
    fc.array(anyString, { maxLength: 3 }),
  )
  .map(([value, options, strings]) => json5.stringify([value, ...strings], options));

/** What a damaged document gets at one place. */
export const DAMAGE = ['', ' ', '\t', '\n', '"', "'", '\\', '\u2028', '/', '*', 'x', '0', '}', '\ud800'];

/** The document, with `insert` replacing and then inserted before the character at `at`. */
export function damaged(text: string, at: number, insert: string): string[] {
  const i = at % (text.length + 1);
  return [text.slice(0, i) + insert + text.slice(i + 1), text.slice(0, i) + insert + text.slice(i)];
}
