/**
 * The source tree: node ranges and key names of JSON5 text that json5 has already accepted, in
 * UTF-16 indexes, built in one pass over its tokens (tokens.ts) with an explicit stack, so that
 * neither the width of an array nor the depth of the nesting costs stack. json5 has judged the
 * syntax: this pass only needs to know where each value starts and ends. The data itself is always
 * json5's; key names are decoded by json5 too (keyName), so escapes mean what OpenClaw reads.
 */
import { keyName, kindOf, TOKEN } from './tokens.js';

/** `start` is the first character of the node, `end` is one past its last (for containers: the brace). */
interface SourceRange {
  start: number;
  end: number;
}
export interface SourceProperty extends SourceRange {
  key: string;
  keyEnd: number;
  value: SourceNode;
}
export interface SourceObject extends SourceRange {
  kind: 'object';
  properties: SourceProperty[];
}
export interface SourceArray extends SourceRange {
  kind: 'array';
  elements: SourceNode[];
}
export interface SourcePrimitive extends SourceRange {
  kind: 'primitive';
}
export type SourceNode = SourceObject | SourceArray | SourcePrimitive;

interface Open {
  node: SourceObject | SourceArray;
  /** In an object: the key read, waiting for its value. */
  key?: { name: string; start: number; end: number };
}

/** Parses text json5 already accepted as an object (no BOM) into its source tree. */
export function parseSourceTree(body: string): SourceObject {
  const stack: Open[] = [];
  let root: SourceNode | undefined;
  const attach = (value: SourceNode): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) root = value;
    else if (top.node.kind === 'array') top.node.elements.push(value);
    else if (top.key !== undefined) {
      top.node.properties.push({ key: top.key.name, keyEnd: top.key.end, start: top.key.start, end: value.end, value });
      top.key = undefined;
    }
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(body); match !== null && match[0] !== ''; match = TOKEN.exec(body)) {
    const token = match[0];
    const start = match.index;
    const kind = kindOf(token);
    if (kind === 'open') {
      const node: SourceObject | SourceArray = token === '{' ? { kind: 'object', start, end: start, properties: [] } : { kind: 'array', start, end: start, elements: [] };
      stack.push({ node });
    } else if (kind === 'close') {
      const open = stack.pop();
      if (open === undefined) break;
      open.node.end = start + 1;
      attach(open.node);
    } else if (kind === 'word') {
      const top = stack[stack.length - 1];
      if (top?.node.kind === 'object' && top.key === undefined) top.key = { name: keyName(token), start, end: start + token.length };
      else attach({ kind: 'primitive', start, end: start + token.length });
    }
  }
  if (root?.kind !== 'object' || stack.length > 0) throw new Error('parseSourceTree: not a JSON5 object json5 accepted');
  return root;
}
