/**
 * json5.parse, with one exact shortcut for the configs this tool writes (SPEC §5.4, §7).
 *
 * A new config starts from the template: JSON plus comments and trailing commas, and the models
 * list makes it ~46 KB. json5 reads it one character at a time (~10 ms, the largest single cost of
 * a first setup); V8's JSON.parse reads it in well under one. So a document that is JSON once its
 * comments and trailing commas are blanked out is read by JSON.parse; anything else, and anything
 * JSON.parse refuses, is read by json5 itself, so every error is json5's own, line and column
 * included.
 *
 * Why the answer is always json5's: the shortcut only ever blanks comments and trailing commas,
 * outside strings, each with one space (so no two tokens can join). If JSON.parse then accepts the
 * text, every token of it is a JSON token (no single quotes, identifiers, hex, Infinity, `+`, or
 * escapes JSON lacks), and JSON5 reads JSON tokens as JSON does: the same strings, numbers and
 * literals, the same last-wins duplicate keys, an own "__proto__" key. Strings are delimited the
 * same way by both: a JSON string holds no raw line break and only JSON escapes. A comma is
 * blanked only after a value and before `]` or `}`, where JSON5 allows it. Comments end where
 * JSON5 ends them: at \n or \r, since a document with U+2028 or U+2029 (which also end a comment,
 * and which json5 warns about inside strings) never takes the shortcut.
 * test/json5-edit/json5-parse.test.ts holds this against json5 on hand-picked, project and generated
 * documents, intact and damaged.
 */
import json5 from 'json5';

/** Outside strings: anything up to a comma, a slash or a quote; and whole double-quoted strings. */
const RUN = /[^"/,]*(?:"[^"\\]*(?:\\[^][^"\\]*)*"[^"/,]*)*/y;
/** One comment, as JSON5 ends it (\n or \r; U+2028 and U+2029 never get this far). */
const COMMENT = /\/\/[^\n\r]*|\/\*[^]*?\*\//y;
/** What may stand between a comma and the bracket that makes it a trailing comma. */
const GAP = new RegExp(`(?:[ \\t\\n\\r]+|${COMMENT.source})*`, 'y');

const COMMA = 0x2c;
const OPENERS_AND_SEPARATORS = new Set([0x5b, 0x7b, COMMA, 0x3a]); // [ { , :
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

const isJsonSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/**
 * The text with its comments and trailing commas blanked out, or undefined when it uses anything
 * the shortcut leaves to json5 (an unterminated comment, a lone slash, U+2028/U+2029, a quote the
 * scan cannot close). The result still has to pass JSON.parse.
 */
export function blankCommentsAndTrailingCommas(text: string): string | undefined {
  if (text.includes('\u2028') || text.includes('\u2029')) return undefined;
  const parts: string[] = [];
  let last = -1; // the last character kept that is not white space
  let i = 0;
  for (;;) {
    RUN.lastIndex = i;
    RUN.test(text);
    const end = RUN.lastIndex;
    if (end > i) {
      parts.push(text.slice(i, end));
      for (let k = end - 1; k >= i; k--) {
        const code = text.charCodeAt(k);
        if (!isJsonSpace(code)) {
          last = code;
          break;
        }
      }
      i = end;
    }
    if (i === text.length) return parts.join('');
    const code = text.charCodeAt(i);
    if (code === COMMA) {
      GAP.lastIndex = i + 1;
      GAP.test(text);
      const trailing = CLOSERS.has(text.charCodeAt(GAP.lastIndex)) && last !== -1 && !OPENERS_AND_SEPARATORS.has(last);
      parts.push(trailing ? ' ' : ',');
      if (!trailing) last = COMMA;
      i += 1;
    } else {
      // Here RUN stopped at a slash or at a quote it could not close.
      COMMENT.lastIndex = i;
      if (!COMMENT.test(text)) return undefined; // a quote with no end, a lone slash, an unterminated comment
      parts.push(' ');
      i = COMMENT.lastIndex;
    }
  }
}

/** json5.parse(text), the same value or the same error; see above for the shortcut. */
export function parseJson5<T = unknown>(text: string): T {
  const json = blankCommentsAndTrailingCommas(text);
  if (json !== undefined) {
    try {
      return JSON.parse(json) as T;
    } catch {
      // not JSON after all: json5 decides, and words any error its own way
    }
  }
  return json5.parse<T>(text);
}
