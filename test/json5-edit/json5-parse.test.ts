// parseJson5 lets JSON.parse read what is JSON once comments and trailing commas are blanked out,
// and json5 everything else. Either way it must answer exactly as json5: the same value, the same
// error (message, line and column), the same warning.
import { RELEASE_SHAPES } from '../../src/core/openclaw-releases.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import { applyEdits, parseConfigText } from '../../src/json5-edit/index.js';
import { toJsonText, parseJson5 } from '../../src/json5-edit/json5-read.js';
import { mapModelsResponse } from '../../src/catalog/map-models.js';
import { planVeniceEdits } from '../../src/core/plan-venice.js';
import { envelope, SNAPSHOT_TEXT_ROWS } from '../support/fixtures.js';
import { DAMAGE, damaged, expectSameAnswerAsJson5, HAND_PICKED, json5Text, projectDocuments } from '../support/json5-differential.js';
import { ROOT_DIR } from '../support/run-cli.js';

/** Where blanking comments or trailing commas could go wrong, valid and not. */
const AT_THE_SHORTCUT = [
  '[,]',
  '{,}',
  '[ /* c */ , ]',
  '[1,,]',
  '[1,]',
  '[1 , /* c */ // d\n ]',
  '{"a":,}',
  '{"a":1,}',
  '{"a":1,,}',
  '{"a":1 /* c */ , // d\r\n}',
  '{"a": 1, // c\r"b": 2}',
  '{"a": 1 // c\r, "b": 2\n}',
  '{"a": 1, /* c\r */ "b": 2}',
  ',',
  '1,',
  ',]',
  '[1],',
  '1/**/2',
  '1//c\n2',
  '-/**/1',
  '"a"/**/"b"',
  '{"a"/**/:1}',
  '{"//": "/* not a comment */", "b": ",]", "c": "\\"//\\\\"}',
  '["\\"", "\\\\", "a\\\\"//c\n]',
  '[1, /* ] */ 2,]',
  '[1, /* , */ ]',
  '// only a comment',
  '/* only a comment */',
  '/* unterminated',
  '[1] /* unterminated',
  '[1, /* unterminated ]',
  '{"a": 1} /',
  '{"a": 1 / 2}',
  '/**/ {"a": 1} //',
  '{"a": 1} // x\u2028',
  '{"a": 1 // x\u2028, "b": 2}',
  '{"a": 1 // x\u2029}',
  '["\u2028"]',
  '["a\u2029b",]',
  '{"a": "tab\there"}',
  '{"a": "line\nbreak",}',
  '{"a": "esc \\\r\n continued",}',
  '{"a": "\\x41", "b": "\\v",}',
  "{\"a\": 'b',}",
  "{\"a\": \"it's\", 'b': 1}",
  '{a: 1, "b": 2,}',
  '{"a": Infinity, "b": NaN,}',
  '{"a": +1, "b": .5, "c": 0x10,}',
  '[01]',
  '[1.]',
  '[-0,]',
  '[1e400, -1e400, 5e-324,]',
  '{"a": 1, "a": 2, "b": {"__proto__": 3},}',
  '{"__proto__": [],}',
  '\ufeff{"a": 1,}',
  '{"a": 1,}\u00a0',
  '{"a":\u00a01}',
  '{"a": 1,\v}',
  '[\t\n\r 1 \t\n\r, \t\n\r]',
  '"\\ud800"',
  '["\ud800",]',
  '"',
  '"abc',
  '["a", "b]',
  '{"a": "b\\"}',
  // Bare keys: quoted for JSON.parse when ASCII identifiers right before their colon, else json5's.
  '{a: 1, b_2: {$c: [1,], _: "x:y"},}',
  '{a\t\n\r :1}',
  '{a /* c */ : 1}',
  '{a // c\n: 1}',
  '{null: 1, true: 2, default: 3, NaN: 4, Infinity: 5, undefined: 6, __proto__: 7}',
  '{__proto__: {x: 1}}',
  '{"s": "a: b", k: "c: d", "e\\"": 1, f: "\\"g: h",}',
  '{a: 1, a: 2}',
  '{a: {b: {c: {}}}}',
  '[a: 1]',
  '{a: b: 1}',
  '{"a": x: 1}',
  '{a:}',
  '{:1}',
  'a: 1',
  '{a: true, b: null, c: false}',
  '{a: tru}',
  '{1a: 2}',
  '{a1: 2, A_$9: 3}',
  '{é: 1, a: 2}',
  '{aé: 1}',
  '{ab\\u0063: 1}',
  '{a.b: 1}',
  '{a-b: 1}',
  '{a\u00a0: 1}',
  '{a : 1,b:2}',
  "{a: 'single', b: 1}",
  '{a: 1,\n// trailing: 2\n}',
  '{"x":1,y:2,"z":3}',
];

/** A first setup: the template with the whole recorded list, the largest config onboarding writes. */
function firstSetup(): string {
  const template = readFileSync(join(ROOT_DIR, 'templates', 'openclaw.json5'), 'utf8');
  const catalog = mapModelsResponse(envelope(SNAPSHOT_TEXT_ROWS));
  const model = catalog.find((m) => m.id === 'llama-3.3-70b')!;
  const plan = { shape: RELEASE_SHAPES[0]!, enablePlugin: false, baseUrl: 'https://api.venice.ai/api/v1', model, catalog, which: 'all' as const, refreshModels: false, keyStorage: 'config' as const, key: 'vapi_0123456789abcdefghijklmnopqrst' };
  return applyEdits(template, planVeniceEdits(parseConfigText(template), plan));
}

/** JSON.parse's reading of the blanked text: the shortcut's own answer, without the fallback. */
const viaShortcut = (text: string): unknown => JSON.parse(toJsonText(text) ?? 'no shortcut: undefined');

describe('parseJson5 answers exactly as json5', () => {
  it.each([...HAND_PICKED, ...AT_THE_SHORTCUT])('%j', (text) => {
    expectSameAnswerAsJson5(parseJson5, text);
  });

  it('on every config, fixture and template of the project, and on a first setup with the whole list', () => {
    const documents = [...projectDocuments(), firstSetup()];
    expect(documents.at(-1)!.length).toBeGreaterThan(40_000);
    for (const text of documents) expectSameAnswerAsJson5(parseJson5, text);
  });

  it('on generated documents in json5 styles, and on each one damaged at one place', () => {
    fc.assert(
      fc.property(json5Text, fc.nat(), fc.constantFrom(...DAMAGE), (text, at, insert) => {
        expectSameAnswerAsJson5(parseJson5, text);
        for (const broken of damaged(text, at, insert)) expectSameAnswerAsJson5(parseJson5, broken);
      }),
      { numRuns: 300 },
    );
  });

  // JSON as the template writes it: comments at line ends, trailing commas, strings that look like both.
  const commentText = fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", ',', ']', '}', '/', '*', '\\', '\t'), maxLength: 8 });
  const TRICKY = ['//', '/* x */', '*/', ',]', ',}', '\\', '"', "'", '\\"//', 'a,\\'];
  const identifierKeys = fc.dictionary(fc.stringMatching(/^[A-Za-z_$][\w$]{0,5}$/), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 });
  const commentedJson = fc
    .tuple(fc.jsonValue({ maxDepth: 3 }), identifierKeys, fc.constantFrom(1, 2, '\t'), fc.array(fc.option(commentText), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean())
    .map(([value, named, space, comments, trailing, bare]) => {
      let text = JSON.stringify({ value, named, tricky: TRICKY }, null, space);
      if (trailing) text = text.replace(/([^[{\s])(\n\s*[\]}])/g, '$1,$2');
      // Hand-written style: identifier keys without their quotes (a quote inside a string is escaped).
      if (bare) text = text.replace(/(?<!\\)"([A-Za-z_$][\w$]*)":/g, '$1:');
      let n = 0;
      return text.replace(/\n/g, () => {
        const c = comments[n++ % comments.length];
        if (c === null || c === undefined) return '\n';
        return n % 2 === 0 ? ` // ${c}\n` : ` /* ${c.replaceAll('*/', '* /')} */\n`;
      });
    });

  it('on generated commented JSON, bare keys or not, which takes the shortcut, and on each one damaged at one place', () => {
    fc.assert(
      fc.property(commentedJson, fc.nat(), fc.constantFrom(...DAMAGE), (text, at, insert) => {
        expect(viaShortcut(text)).toStrictEqual(json5.parse(text));
        expectSameAnswerAsJson5(parseJson5, text);
        for (const broken of damaged(text, at, insert)) expectSameAnswerAsJson5(parseJson5, broken);
      }),
      { numRuns: 400 },
    );
  });
  // Short texts of JSON5's punctuation: where the two readings of a quote, a slash or a comma could part.
  const punctuation = fc.string({
    unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', "'", '/', '*', '\\', '\n', '\r', ' ', '1', 'a', '-', '.', 'e', '\u2028'),
    maxLength: 24,
  });

  it('on short texts made of its punctuation', () => {
    fc.assert(
      fc.property(punctuation, (text) => {
        expectSameAnswerAsJson5(parseJson5, text);
        expectSameAnswerAsJson5(parseJson5, `[${text}]`);
        expectSameAnswerAsJson5(parseJson5, `{"k": ${text}}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the shortcut', () => {
  it('blanks comments and trailing commas with one space each, and keeps everything else as it is', () => {
    expect(toJsonText('// head\n{"a": [1, 2,], /* b */ "c": "//,]",\r\n}\n')).toBe(' \n{"a": [1, 2 ],   "c": "//,]" \r\n}\n');
    expect(toJsonText('1/**/2')).toBe('1 2');
    expect(toJsonText("{a: 'b', c: Infinity}")).toBe("{\"a\": 'b', \"c\": Infinity}");
  });

  it('quotes bare ASCII keys right before their colon, outside strings only', () => {
    expect(toJsonText('{a: "b: c", $d_1 :[1,], // e: f\n "g": {h:\n1}}')).toBe('{"a": "b: c", "$d_1" :[1 ],  \n "g": {"h":\n1}}');
    // Not right before its colon (a comment between), not ASCII, not an identifier: JSON.parse refuses it, json5 reads it.
    expect(toJsonText('{a /* c */ : 1, é: 2, 1a: 3}')).toBe('{a   : 1, é: 2, 1a: 3}');
  });

  it('keeps a comma that follows no value, for JSON.parse to refuse', () => {
    expect(toJsonText('[ /* c */ , ]')).toBe('[   , ]');
    expect(toJsonText('{"a":,}')).toBe('{"a":,}');
    expect(toJsonText('[1,,]')).toBe('[1,,]');
  });

  it('leaves to json5 what it cannot blank exactly', () => {
    for (const text of ['/* unterminated', '{"a": 1 / 2}', '"abc', '{"a": 1} // x\u2028', '["\u2029"]']) {
      expect(toJsonText(text), text).toBeUndefined();
    }
  });

  it('reads the template and a first setup through JSON.parse', () => {
    const template = readFileSync(join(ROOT_DIR, 'templates', 'openclaw.json5'), 'utf8');
    for (const text of [template, firstSetup()]) expect(viaShortcut(text)).toStrictEqual(json5.parse(text));
  });
});
