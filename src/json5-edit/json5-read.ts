/**
 * json5.parse, with one exact shortcut for the configs people and this tool write (SPEC §5.4, §7).
 *
 * A new config starts from the template: JSON plus comments and trailing commas, and the models
 * list makes it ~46 KB; hand-written configs add bare keys (`agents: {…}`), and some hold lists of
 * 100,000 entries and more. json5 reads one character at a time (~10 ms for the template, ~300 ms
 * for 5 MB); V8's JSON.parse reads them in a small part of that. So a document that is JSON once its
 * comments and trailing commas are blanked out and its bare ASCII keys quoted is read by
 * JSON.parse; anything else, and anything JSON.parse refuses, is read by json5 itself, so every
 * error is json5's own, line and column included.
 *
 * Why the answer is always json5's: the shortcut only ever blanks comments and trailing commas,
 * outside strings, each with one space (so no two tokens can join), and puts double quotes around
 * an identifier of ASCII letters, digits, `_` and `$` that stands outside strings right before a
 * colon (JSON white space between them allowed). If JSON.parse then accepts the text, every token
 * of it is a JSON token (no single quotes, other identifiers, hex, Infinity, `+`, or escapes JSON
 * lacks), and JSON5 reads JSON tokens as JSON does: the same strings, numbers and literals, the
 * same last-wins duplicate keys, an own "__proto__" key. A string JSON accepts before a colon is a
 * member name, so every quoted identifier was a member name, which JSON5 reads as that very name
 * (keywords such as `null` or `default` included: JSON5 keys are ES5 IdentifierNames). Strings are
 * delimited the same way by both: a JSON string holds no raw line break and only JSON escapes. A
 * comma is blanked only after a value and before `]` or `}`, where JSON5 allows it. Comments end
 * where JSON5 ends them: at \n or \r, since a document with U+2028 or U+2029 (which also end a
 * comment, and which json5 warns about inside strings) never takes the shortcut.
 * test/json5-edit/json5-parse.test.ts holds this against json5 on hand-picked, project and generated
 * documents, intact and damaged.
 */
import json5 from 'json5';

/** One comment, as JSON5 ends it (\n or \r; U+2028 and U+2029 never get this far). */
const COMMENT = /\/\/[^\n\r]*|\/\*[^]*?\*\//y;
/** What may stand between a comma and the bracket that makes it a trailing comma. */
const GAP_SOURCE = `(?:[ \\t\\n\\r]+|${COMMENT.source})*`;
const GAP = new RegExp(GAP_SOURCE, 'y');
/**
 * Outside strings: anything up to a slash, a quote or a comma that may be a trailing one (one that
 * white space and comments alone separate from a closing bracket); whole double-quoted strings.
 * The other commas stay in the run, so that a list of 200,000 entries is a few matches, not a loop
 * turn per entry. The gap is matched inside a lookahead and taken by a back reference: atomic, so
 * the engine never tries the ways of splitting it into spaces and comments (exponentially many).
 */
const RUN = new RegExp(`[^"/,]*(?:(?:"[^"\\\\]*(?:\\\\[^][^"\\\\]*)*"|,(?!(?=(${GAP_SOURCE}))\\1[\\]}]))[^"/,]*)*`, 'y');

const COMMA = 0x2c;
const OPENERS_AND_SEPARATORS = new Set([0x5b, 0x7b, COMMA, 0x3a]); // [ { , :
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

const isJsonSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/**
 * In a run of RUN: the longest stretch without a bare key (text other than strings and identifiers,
 * whole strings, identifiers not followed by a colon), then a key. One match for a whole list.
 */
const NO_BARE_KEY = /[^"A-Za-z_$]*(?:(?:"[^"\\]*(?:\\[^][^"\\]*)*"|[A-Za-z_$][\w$]*(?![\w$]|[ \t\n\r]*:))[^"A-Za-z_$]*)*/y;
const IDENTIFIER = /[A-Za-z_$][\w$]*/y;

/** The run with each bare ASCII key (an identifier of its own, right before its colon) in double quotes. */
function quoteBareKeys(run: string): string {
  const parts: string[] = [];
  for (let i = 0; ; ) {
    NO_BARE_KEY.lastIndex = i;
    NO_BARE_KEY.test(run);
    const at = NO_BARE_KEY.lastIndex;
    IDENTIFIER.lastIndex = at;
    if (at === run.length || !IDENTIFIER.test(run)) {
      if (i === 0) return run;
      parts.push(run.slice(i));
      return parts.join('');
    }
    const end = IDENTIFIER.lastIndex;
    // Glued to a digit before it ("1a:"), it is no token of its own: left as it is, for JSON.parse to refuse.
    const own = at === 0 || !/[\w$]/.test(run[at - 1] ?? '');
    parts.push(run.slice(i, at), own ? `"${run.slice(at, end)}"` : run.slice(at, end));
    i = end;
  }
}

/**
 * The text with its comments and trailing commas blanked out and its bare ASCII keys quoted, or
 * undefined when it uses anything the shortcut leaves to json5 (an unterminated comment, a lone
 * slash, U+2028/U+2029, a quote the scan cannot close). The result still has to pass JSON.parse.
 */
export function toJsonText(text: string): string | undefined {
  if (text.includes('\u2028') || text.includes('\u2029')) return undefined;
  const parts: string[] = [];
  let last = -1; // the last character kept that is not white space
  let i = 0;
  for (;;) {
    RUN.lastIndex = i;
    RUN.test(text);
    const end = RUN.lastIndex;
    if (end > i) {
      const run = text.slice(i, end);
      parts.push(quoteBareKeys(run));
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
  const json = toJsonText(text);
  if (json !== undefined) {
    try {
      return JSON.parse(json) as T;
    } catch {
      // not JSON after all: json5 decides, and words any error its own way
    }
  }
  return json5.parse<T>(text);
}
