import { isUtf8 } from 'node:buffer';
import { CliError } from '../errors.js';

/**
 * The text of a file we read to edit (the config, `.env`, auth-profiles.json), only when its bytes
 * are UTF-8, as OpenClaw reads them. Decoding anything else would replace each bad byte by U+FFFD
 * (in a comment, in someone else's value), and the edit would write that back over the user's bytes:
 * such a file is refused, naming the first bad byte, and left as it is. A UTF-8 BOM stays in the text
 * (the editor keeps it); UTF-16 and UTF-32 are named as such, rather than as a JSON5 syntax error.
 */

type Utf16Or32 = 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';

type EncodingProblem =
  | { kind: 'wide'; encoding: Utf16Or32; bom: boolean }
  /** `offset`: of the first byte that is not part of a UTF-8 character; `line` and `column` 1-based, in characters. */
  | { kind: 'invalid'; offset: number; byte: number; line: number; column: number };

/** UTF-16 or UTF-32, by its byte-order mark or, without one, by the NUL bytes between the first characters. */
function wideEncoding(bytes: Uint8Array): { encoding: Utf16Or32; bom: boolean } | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return { encoding: b2 === 0 && b3 === 0 && bytes.length >= 4 ? 'UTF-32LE' : 'UTF-16LE', bom: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'UTF-16BE', bom: true };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'UTF-32BE', bom: true };
  if (bytes.length < 2) return undefined;
  // A JSON5 file starts with white space, a comment or "{": never with NUL, nor with one then NUL.
  if (bytes.length >= 4 && b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return { encoding: 'UTF-32LE', bom: false };
  if (bytes.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return { encoding: 'UTF-32BE', bom: false };
  if (b0 !== 0 && b1 === 0) return { encoding: 'UTF-16LE', bom: false };
  if (b0 === 0 && b1 !== 0) return { encoding: 'UTF-16BE', bom: false };
  return undefined;
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 character (WHATWG's UTF-8
 * decoder, the one TextDecoder uses: no overlong forms, no surrogates, nothing above U+10FFFF, no
 * character cut off by the end of the file), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < lower || next > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** What keeps `bytes` from being read as UTF-8 text, or undefined when nothing does. */
export function findEncodingProblem(bytes: Uint8Array): EncodingProblem | undefined {
  const wide = wideEncoding(bytes);
  if (wide !== undefined) return { kind: 'wide', ...wide };
  if (isUtf8(bytes)) return undefined;
  // The two agree (test/config/read-text.test.ts holds the scan to TextDecoder's verdict).
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < offset; at = bytes.indexOf(0x0a, at + 1)) line++;
  // Columns count characters, as an editor shows them (the BOM is none).
  const before = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, offset - lineStart).toString('utf8').replace(/^\uFEFF/, '');
  return { kind: 'invalid', offset, byte: bytes[offset] as number, line, column: Array.from(before).length + 1 };
}

/** The one-line message and hint for a file refused for its encoding. */
export function describeEncodingProblem(path: string, problem: EncodingProblem): { message: string; hint: string } {
  const untouched = 'Nothing was changed.';
  if (problem.kind === 'wide') {
    const bits = problem.encoding.slice(0, 6);
    const order = problem.encoding.endsWith('LE') ? 'little-endian' : 'big-endian';
    return {
      message: `${path} is ${bits} text (${order}, ${problem.bom ? 'with a byte-order mark' : 'no byte-order mark'}), not UTF-8.`,
      hint: `OpenClaw reads its config as UTF-8: save it as UTF-8 (e.g. iconv -f ${problem.encoding} -t UTF-8), then run again. ${untouched}`,
    };
  }
  const byte = `0x${problem.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return {
    message: `${path} is not UTF-8: the byte ${byte} at line ${problem.line}, column ${problem.column} (byte offset ${problem.offset}) is not part of any UTF-8 character.`,
    hint: `OpenClaw reads its config as UTF-8: save it as UTF-8 (from Latin-1, e.g. iconv -f LATIN1 -t UTF-8), then run again. ${untouched}`,
  };
}

/** The file's text, or a CliError (exit 1) when its bytes are not UTF-8; a BOM stays in the text. */
export function decodeUtf8File(path: string, bytes: Buffer): string {
  const problem = findEncodingProblem(bytes);
  if (problem !== undefined) {
    const { message, hint } = describeEncodingProblem(path, problem);
    throw new CliError('file-encoding', message, { hint });
  }
  return bytes.toString('utf8');
}
