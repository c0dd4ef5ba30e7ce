/**
 * The tokens of JSON5 text that json5 has already accepted, one regular-expression match each (the
 * character-level work is left to the engine: the loops over tokens run once per token, not per
 * character, and on the path of every edit). Used by the source tree and the duplicate-key scan.
 */
import json5 from 'json5';

/**
 * Order matters: white space, comments, strings, punctuators, then any other run (numbers,
 * identifiers, literals). JavaScript's \s is JSON5's white space and line terminators (BOM included).
 * Strings are written unrolled (a run of plain characters, then escape and run again), so that a
 * megabyte string is one cheap match; an unclosed one (never seen after json5) ends at the text's end.
 */
export const TOKEN = /\s+|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?(?:\*\/|$)|"[^"\\]*(?:\\[\s\S][^"\\]*)*"?|'[^'\\]*(?:\\[\s\S][^'\\]*)*'?|[{}[\]:,]|(?:[^\s{}[\]:,"'/]|\/(?![/*]))+/y;

/** `word`: a string, number, literal or identifier (a key or a primitive value). */
type TokenKind = 'space' | 'comment' | 'open' | 'close' | 'colon' | 'comma' | 'word';

/** What a token (a match of TOKEN) is, from its first characters. */
export function kindOf(token: string): TokenKind {
  switch (token.charCodeAt(0)) {
    case 0x7b: // {
    case 0x5b: // [
      return 'open';
    case 0x7d: // }
    case 0x5d: // ]
      return 'close';
    case 0x3a:
      return 'colon';
    case 0x2c:
      return 'comma';
    case 0x2f: // a slash starts a comment; a lone one (invalid JSON5) is a word
      return token.length > 1 && (token[1] === '/' || token[1] === '*') ? 'comment' : 'word';
    case 0x22: // "
    case 0x27: // '
      return 'word';
    default:
      return /^\s/.test(token) ? 'space' : 'word';
  }
}

/** The decoded name of a key token (quoted or identifier, escapes included), as json5 reads it. */
export function keyName(token: string): string {
  if (token.startsWith('"') || token.startsWith("'")) {
    if (!token.includes('\\')) return token.slice(1, -1);
    return json5.parse<string>(token);
  }
  if (!token.includes('\\')) return token;
  return Object.keys(json5.parse<Record<string, unknown>>(`{${token}:0}`))[0] ?? token;
}
