/**
 * Duplicate keys, and the nesting depth, found in one pass over the tokens of JSON5 text that json5
 * has already accepted (no tree). json5 and OpenClaw take the last of two equal keys; the editor
 * refuses to edit on, above or below such a key (see planEdits), and leaves it alone elsewhere.
 */
import { keyName, kindOf, TOKEN } from './tokens.js';

export interface RepeatedKey {
  /** The key's path, array elements by index: ["agents", "list", "0", "tools"]. */
  path: string[];
  /** UTF-16 index of every occurrence of the key in its object, in text order (two or more). */
  indexes: number[];
}

interface Frame {
  kind: 'object' | 'array';
  /** The enclosing container, and this one's key or index in it: the path, built only when needed. */
  parent: Frame | undefined;
  name: string;
  /** Each key of this object and where it first occurs. */
  keys: Map<string, number> | undefined;
  /** The keys seen more than once, with every occurrence. */
  repeated?: Map<string, number[]>;
  expectKey: boolean;
  /** The last key read in this object (the name of a nested container). */
  lastKey?: string;
  index: number;
}

function pathOf(frame: Frame): string[] {
  const path: string[] = [];
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) path.push(at.name);
  return path.reverse();
}

interface Structure {
  duplicates: RepeatedKey[];
  /** The deepest nesting of objects and arrays (1 for `{}`), and where it is first reached. */
  depth: number;
  deepestAt: number;
}

/** Duplicate keys (in text order of their second occurrence) and nesting depth of `text` (valid JSON5, no BOM). */
export function scanStructure(text: string): Structure {
  const duplicates: RepeatedKey[] = [];
  const stack: Frame[] = [];
  let depth = 0;
  let deepestAt = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null && match[0] !== ''; match = TOKEN.exec(text)) {
    const token = match[0];
    const kind = kindOf(token);
    const top = stack[stack.length - 1];
    if (kind === 'open') {
      const object = token === '{';
      const name = top === undefined ? '' : top.kind === 'object' ? (top.lastKey ?? '') : String(top.index);
      stack.push({ kind: object ? 'object' : 'array', parent: top, name, keys: object ? new Map() : undefined, expectKey: object, index: 0 });
      if (stack.length > depth) {
        depth = stack.length;
        deepestAt = match.index;
      }
    } else if (kind === 'close') {
      const closed = stack.pop();
      if (closed?.repeated !== undefined) {
        const path = pathOf(closed);
        for (const [key, indexes] of closed.repeated) duplicates.push({ path: [...path, key], indexes });
      }
    } else if (kind === 'colon') {
      if (top) top.expectKey = false;
    } else if (kind === 'comma') {
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
    } else if (kind === 'word' && top?.keys !== undefined && top.expectKey) {
      const key = keyName(token);
      const first = top.keys.get(key);
      if (first === undefined) top.keys.set(key, match.index);
      else {
        top.repeated ??= new Map();
        const indexes = top.repeated.get(key);
        if (indexes === undefined) top.repeated.set(key, [first, match.index]);
        else indexes.push(match.index);
      }
      top.lastKey = key;
      top.expectKey = false;
    }
  }
  // Objects close inner first: back to text order.
  duplicates.sort((a, b) => (a.indexes[1] ?? 0) - (b.indexes[1] ?? 0));
  return { duplicates, depth, deepestAt };
}
