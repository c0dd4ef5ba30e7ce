import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8File, describeEncodingProblem, findEncodingProblem, firstInvalidUtf8 } from '../../src/config/read-text.js';
import { CliError } from '../../src/errors.js';

/** The config reading path refuses bytes that are not UTF-8, naming the first one; UTF-16/32 are named as such. */

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const utf16le = (text: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string, bom: boolean) => Buffer.from(utf16le(text, bom)).swap16();

describe('findEncodingProblem', () => {
  it.each<[string, Buffer]>([
    ['ASCII', bytes('{\n  a: 1,\n}\n')],
    ['UTF-8 accents, CJK and emoji', bytes('{\n  // café, 東京, 😀\n  name: "Zoë",\n}\n')],
    ['a UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], '{ a: 1 }\n')],
    ['an empty file', Buffer.alloc(0)],
    ['one byte', bytes('{')],
    ['U+FFFD written as UTF-8 (it is a character like any other)', bytes('{ a: "\uFFFD" }')],
  ])('%s: none', (_name, input) => {
    expect(findEncodingProblem(input)).toBeUndefined();
  });

  it.each<[string, Buffer, { offset: number; byte: number; line: number; column: number }]>([
    ['a Latin-1 é in a comment', bytes('{\n  // caf', [0xe9], '\n  a: 1,\n}\n'), { offset: 10, byte: 0xe9, line: 2, column: 9 }],
    ['a Latin-1 é in a value, after UTF-8 text on the same line', bytes('{\n  "naïve": "Ren', [0xe9], '",\n}\n'), { offset: 18, byte: 0xe9, line: 2, column: 16 }],
    ['after a UTF-8 BOM on line 1 (columns count characters, the BOM is none)', bytes([0xef, 0xbb, 0xbf], '{ a: "', [0xff], '" }'), { offset: 9, byte: 0xff, line: 1, column: 7 }],
    ['a lone continuation byte', bytes('{ a: "', [0x80], '" }'), { offset: 6, byte: 0x80, line: 1, column: 7 }],
    ['an overlong "/" (C0 AF)', bytes('{ a: "', [0xc0, 0xaf], '" }'), { offset: 6, byte: 0xc0, line: 1, column: 7 }],
    ['a UTF-16 surrogate in UTF-8 (ED A0 80)', bytes('{ a: "', [0xed, 0xa0, 0x80], '" }'), { offset: 6, byte: 0xed, line: 1, column: 7 }],
    ['above U+10FFFF (F4 90 80 80)', bytes('{ a: "', [0xf4, 0x90, 0x80, 0x80], '" }'), { offset: 6, byte: 0xf4, line: 1, column: 7 }],
    ['a character cut off by the end of the file', bytes('{ a: 1 }\n// €', [0xe2, 0x82]), { offset: 15, byte: 0xe2, line: 2, column: 5 }],
    ['CRLF lines: the line counts line feeds', bytes('{\r\n\r\n  a: "', [0xe9], '",\r\n}'), { offset: 11, byte: 0xe9, line: 3, column: 7 }],
  ])('%s: the first bad byte, its line, column and offset', (_name, input, expected) => {
    expect(findEncodingProblem(input)).toEqual({ kind: 'invalid', ...expected });
  });

  it.each<[string, Buffer, string, boolean]>([
    ['UTF-16LE with a BOM (what Windows PowerShell writes)', utf16le('{\n  a: 1\n}\n', true), 'UTF-16LE', true],
    ['UTF-16LE without a BOM', utf16le('{\n  a: 1\n}\n', false), 'UTF-16LE', false],
    ['UTF-16BE with a BOM', utf16be('{ a: 1 }', true), 'UTF-16BE', true],
    ['UTF-16BE without a BOM', utf16be('{ a: 1 }', false), 'UTF-16BE', false],
    ['UTF-32LE with a BOM', bytes([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0]), 'UTF-32LE', true],
    ['UTF-32BE with a BOM', bytes([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]), 'UTF-32BE', true],
    ['UTF-32LE without a BOM', bytes([0x7b, 0, 0, 0, 0x7d, 0, 0, 0]), 'UTF-32LE', false],
  ])('%s: named as such', (_name, input, encoding, bom) => {
    expect(findEncodingProblem(input)).toEqual({ kind: 'wide', encoding, bom });
  });

  it('finds the byte TextDecoder stops at, on random bytes and on UTF-8 with random damage', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        fatal.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const damagedUtf8 = fc
      .tuple(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 }))
      .map(([text, at, junk]) => {
        const good = Buffer.from(text, 'utf8');
        const i = at % (good.length + 1);
        return Buffer.concat([good.subarray(0, i), junk, good.subarray(i)]);
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 12 }), damagedUtf8), (input) => {
        const offset = firstInvalidUtf8(input);
        expect(offset === -1).toBe(valid(input));
        if (offset >= 0) {
          // Everything before it is UTF-8; the character that starts there is not.
          expect(valid(input.subarray(0, offset))).toBe(true);
          expect(new TextDecoder('utf-8').decode(input.subarray(offset)).startsWith('\uFFFD')).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the refusal', () => {
  it('names the byte, its line, column and offset, and how to convert the file', () => {
    const problem = findEncodingProblem(bytes('{\n  // caf', [0xe9], '\n}\n'))!;
    expect(describeEncodingProblem('/home/me/.openclaw/openclaw.json', problem)).toEqual({
      message: '/home/me/.openclaw/openclaw.json is not UTF-8: the byte 0xE9 at line 2, column 9 (byte offset 10) is not part of any UTF-8 character.',
      hint: 'OpenClaw reads its config as UTF-8: save it as UTF-8 (from Latin-1, e.g. iconv -f LATIN1 -t UTF-8), then run again. Nothing was changed.',
    });
  });

  it('names UTF-16 and its byte order instead of a syntax error', () => {
    expect(describeEncodingProblem('/c.json', findEncodingProblem(utf16le('{}', true))!)).toEqual({
      message: '/c.json is UTF-16 text (little-endian, with a byte-order mark), not UTF-8.',
      hint: 'OpenClaw reads its config as UTF-8: save it as UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8), then run again. Nothing was changed.',
    });
    expect(describeEncodingProblem('/c.json', findEncodingProblem(utf16be('{}', false))!).message).toBe('/c.json is UTF-16 text (big-endian, no byte-order mark), not UTF-8.');
  });

  it('decodeUtf8File: the text (a BOM kept in it), or a CliError with exit code 1', () => {
    expect(decodeUtf8File('/c.json', bytes([0xef, 0xbb, 0xbf], '{ é: 1 }'))).toBe('\uFEFF{ é: 1 }');
    let error: unknown;
    try {
      decodeUtf8File('/c.json', bytes('{ a: "', [0xe9], '" }'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'file-encoding', exitCode: 1, message: '/c.json is not UTF-8: the byte 0xE9 at line 1, column 7 (byte offset 6) is not part of any UTF-8 character.' });
  });
});
