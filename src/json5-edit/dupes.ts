/**
 * A fast duplicate-key check over JSON5 text that json5 has already accepted: one pass over the
 * characters, no tree. The editor needs @croct/json5-parser's tree only where it splices; checking
 * a whole document with it costs tens of milliseconds and megabytes on a config with a hundred models.
 */
import json5 from 'json5';

interface DuplicateKey {
  path: string[];
  /** UTF-16 index of the second occurrence. */
  index: number;
}

/**
 * One token per match, the character-level work left to the regular-expression engine (the loop
 * below runs once per token, not per character: this is on the path of every edit).
 * Order matters: spaces, comments, strings, punctuators, then any other run (numbers, identifiers).
 */
const TOKEN = /[\s\uFEFF]+|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\]|\\[\s\S])*"?|'(?:[^'\\]|\\[\s\S])*'?|[{}[\]:,]|(?:[^\s\uFEFF{}[\]:,"'/]|\/(?![/*]))+/y;

/** The decoded name of a key token (quoted or identifier, escapes included). */
function keyName(token: string): string {
  if (token.startsWith('"') || token.startsWith("'")) {
    if (!token.includes('\\')) return token.slice(1, -1);
    return json5.parse<string>(token);
  }
  if (!token.includes('\\')) return token;
  return Object.keys(json5.parse<Record<string, unknown>>(`{${token}:0}`))[0] ?? token;
}

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string>;
  expectKey: boolean;
  path: string[];
  /** The last key read in this object (the path of a nested container). */
  lastKey?: string;
  index: number;
}

/** The first duplicate key in `text` (valid JSON5, no BOM), or null. */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null && match[0] !== ''; match = TOKEN.exec(text)) {
    const token = match[0];
    const first = token.charCodeAt(0);
    const top = stack[stack.length - 1];
    if (token.length === 1 && (first === 123 || first === 91)) {
      // { or [
      const path = top === undefined ? [] : [...top.path, top.kind === 'object' ? (top.lastKey ?? '') : String(top.index)];
      stack.push({ kind: first === 123 ? 'object' : 'array', keys: new Set(), expectKey: first === 123, path, index: 0 });
    } else if (token.length === 1 && (first === 125 || first === 93)) {
      stack.pop();
    } else if (token === ':') {
      if (top) top.expectKey = false;
    } else if (token === ',') {
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
    } else if (top?.kind === 'object' && top.expectKey && !/^[\s\uFEFF]|^\/[/*]/.test(token)) {
      const key = keyName(token);
      if (top.keys.has(key)) return { path: [...top.path, key], index: match.index };
      top.keys.add(key);
      top.lastKey = key;
      top.expectKey = false;
    }
  }
  return null;
}
