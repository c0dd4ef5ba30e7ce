/**
 * A fast duplicate-key check over JSON5 text that json5 has already accepted: one pass over the
 * characters, no tree. The editor needs @croct/json5-parser's tree only where it splices; checking
 * a whole document with it costs tens of milliseconds and megabytes on a config with a hundred models.
 */
import json5 from 'json5';

export interface DuplicateKey {
  path: string[];
  /** UTF-16 index of the second occurrence. */
  index: number;
}

const LINE_END = /[\n\r\u2028\u2029]/;
const PUNCT = new Set(['{', '}', '[', ']', ':', ',']);

function isSpace(ch: string): boolean {
  return /[\s\uFEFF]/.test(ch);
}

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
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      while (i < n && !LINE_END.test(text[i] as string)) i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    const top = stack[stack.length - 1];
    if (PUNCT.has(ch)) {
      if (ch === '{' || ch === '[') {
        const path = top === undefined ? [] : [...top.path, top.kind === 'object' ? (top.lastKey ?? '') : String(top.index)];
        stack.push({ kind: ch === '{' ? 'object' : 'array', keys: new Set(), expectKey: ch === '{', path, index: 0 });
      } else if (ch === '}' || ch === ']') {
        stack.pop();
      } else if (ch === ':' && top) {
        top.expectKey = false;
      } else if (ch === ',' && top) {
        if (top.kind === 'object') top.expectKey = true;
        else top.index++;
      }
      i++;
      continue;
    }
    // A token: a string, or a run up to the next space, punctuator, quote or comment.
    const start = i;
    if (ch === '"' || ch === "'") {
      i++;
      while (i < n && text[i] !== ch) i += text[i] === '\\' ? 2 : 1;
      i++;
    } else {
      while (i < n && !isSpace(text[i] as string) && !PUNCT.has(text[i] as string) && text[i] !== '"' && text[i] !== "'" && !(text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) i++;
    }
    if (top?.kind === 'object' && top.expectKey) {
      const key = keyName(text.slice(start, i));
      if (top.keys.has(key)) return { path: [...top.path, key], index: start };
      top.keys.add(key);
      top.lastKey = key;
      top.expectKey = false;
    }
  }
  return null;
}
