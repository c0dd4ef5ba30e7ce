/**
 * The source tree: @croct/json5-parser's CST reduced to what the editor needs (node ranges and key
 * names), with positions converted to UTF-16 indexes into the original text.
 */
import json5 from 'json5';
import { JsonArrayNode, JsonObjectNode, JsonParseError, JsonParser } from '@croct/json5-parser';
import type { JsonValueNode } from '@croct/json5-parser';
import { ConfigEditError } from './types.js';

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

/** croct counts positions in code points; JS strings index UTF-16 units. Identity when there are no astral characters. */
function mapCodePoints(text: string): (codePointIndex: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (index) => index;
  const units: number[] = [];
  let unit = 0;
  for (const char of text) {
    units.push(unit);
    unit += char.length;
  }
  units.push(unit);
  return (index) => units[index] ?? unit;
}

/** Replaces code points one by one, so every other position in the shadow text stays valid. */
function replaceAt(shadow: string, toUnit: (index: number) => number, from: number, to: number, fill: (char: string) => string): string {
  const start = toUnit(from);
  const end = toUnit(to);
  return shadow.slice(0, start) + Array.from(shadow.slice(start, end), fill).join('') + shadow.slice(end);
}

const KEYWORD_KEY = /^(?:true|false|null|NaN|Infinity)(?![$\w\u200C\u200D\p{ID_Continue}])/u;

/**
 * croct rejects some valid JSON5 that json5 (already run) accepted: reserved words or true/null/NaN as
 * unquoted keys, string escapes such as \x41 or \a, raw tabs or U+2028 in strings. Patch the reported
 * token in a shadow copy of the text with a harmless stand-in of the same size and retry; real key
 * names are read from the original.
 */
function patchShadow(shadow: string, error: JsonParseError, toUnit: (index: number) => number): string | null {
  const { start, end } = error.location;
  const keywordKey = error.message.includes('IDENTIFIER') && KEYWORD_KEY.test(shadow.slice(toUnit(start.index)));
  if (error.message.startsWith('Reserved identifier') || keywordKey) {
    // No reserved word or keyword starts with "_", so "_efault" lexes as an ordinary identifier.
    return replaceAt(shadow, toUnit, start.index, start.index + 1, () => '_');
  }
  const quote = shadow[toUnit(start.index)];
  if (error.message.startsWith('Unexpected token') && (quote === '"' || quote === "'")) {
    // croct's string pattern refuses raw U+2028/U+2029, which JSON5 allows in strings: blank them out.
    let close = toUnit(start.index) + 1;
    while (close < shadow.length && shadow[close] !== quote) close += shadow[close] === '\\' ? 2 : 1;
    const at = toUnit(start.index);
    return shadow.slice(0, at) + shadow.slice(at, close).replace(/[\u2028\u2029]/g, ' ') + shadow.slice(close);
  }
  if (error.message.startsWith('Invalid string') && end.index - start.index >= 2) {
    // An astral stand-in for astral characters keeps UTF-16 positions aligned too.
    return replaceAt(shadow, toUnit, start.index + 1, end.index - 1, (char) => (char.length === 2 ? '\u{1D465}' : '_'));
  }
  return null;
}

function parseCroct(body: string, toUnit: (index: number) => number): JsonObjectNode {
  let shadow = body;
  for (;;) {
    try {
      return JsonParser.parse(shadow, JsonObjectNode);
    } catch (error) {
      const patched = error instanceof JsonParseError ? patchShadow(shadow, error, toUnit) : null;
      if (patched === null || patched === shadow) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ConfigEditError('parse', `This JSON5 file uses syntax the editor does not support (${reason}); edit it by hand`);
      }
      shadow = patched;
    }
  }
}

function convertNode(node: JsonValueNode, body: string, toUnit: (index: number) => number): SourceNode {
  const range = { start: toUnit(node.location.start.index), end: toUnit(node.location.end.index) };
  if (node instanceof JsonObjectNode) {
    const properties = node.properties.map((property): SourceProperty => {
      const keyEnd = toUnit(property.key.location.end.index);
      const keyText = body.slice(toUnit(property.key.location.start.index), keyEnd);
      // Quoted keys are decoded by json5 itself, so escapes mean exactly what OpenClaw will read.
      const key = keyText.startsWith('"') || keyText.startsWith("'") ? json5.parse<string>(keyText) : keyText;
      return {
        key,
        keyEnd,
        start: toUnit(property.location.start.index),
        end: toUnit(property.location.end.index),
        value: convertNode(property.value, body, toUnit),
      };
    });
    return { kind: 'object', ...range, properties };
  }
  if (node instanceof JsonArrayNode) {
    return { kind: 'array', ...range, elements: node.elements.map((element) => convertNode(element, body, toUnit)) };
  }
  return { kind: 'primitive', ...range };
}

/** Parses text json5 already accepted as an object (no BOM) into its source tree. */
export function parseSourceTree(body: string): SourceObject {
  const toUnit = mapCodePoints(body);
  return convertNode(parseCroct(body, toUnit), body, toUnit) as SourceObject;
}
