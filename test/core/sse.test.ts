import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readChatText, SseReader } from '../../src/core/sse.js';
import { chatStreamEvents } from '../support/venice-bodies.js';

/** The SSE reader and the chat payload reader behind `verify --chat` (SPEC §1.2 chat.probe). */

/** Feeds `bytes` cut at `cuts` through a streaming UTF-8 decoder, as chat-stream.ts does, then flushes. */
function readSplit(bytes: Uint8Array, cuts: readonly number[]): string[] {
  const reader = new SseReader();
  const decoder = new TextDecoder();
  const out: string[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...reader.feed(decoder.decode(bytes.subarray(start, cut), { stream: true })));
    start = cut;
  }
  out.push(...reader.feed(decoder.decode()));
  out.push(...reader.flush());
  return out;
}

const readWhole = (text: string): string[] => readSplit(new TextEncoder().encode(text), []);

/** The reply a chat stream carries, payload by payload. */
function replyOf(payloads: readonly string[]): { reply: string; last: string | undefined } {
  return { reply: payloads.map(readChatText).join(''), last: payloads.at(-1)?.trim() };
}

const USAGE = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 };
/** What the fake Venice sends: deltas with multi-byte text, a finish chunk, a usage chunk with `choices: []`, `[DONE]`. */
const VENICE_EVENTS = chatStreamEvents('llama-3.3-70b', ['Ça ', 'marche ', '👍 — oui.'], USAGE);
const VENICE_STREAM = VENICE_EVENTS.map((e) => `data: ${e}\n\n`).join('');

describe('SseReader', () => {
  it('returns the data of each complete event and keeps a partial one for later', () => {
    const reader = new SseReader();
    expect(reader.feed('data: one\n\ndata: tw')).toEqual(['one']);
    expect(reader.feed('o\n')).toEqual([]);
    expect(reader.feed('\n')).toEqual(['two']);
    expect(reader.flush()).toEqual([]);
  });

  it('reads CRLF line endings like LF', () => {
    expect(readWhole('data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n')).toEqual(['a', 'b\nc']);
  });

  it('joins multi-line data with \\n and drops exactly one space after "data:"', () => {
    expect(readWhole('data: first\ndata:second\ndata:  third\n\n')).toEqual(['first\nsecond\n third']);
  });

  it('ignores comments, event/id/retry fields and events without data', () => {
    expect(readWhole(': keep-alive\n\nevent: message\nid: 7\nretry: 10\ndata: x\n\n: only a comment\n\n')).toEqual(['x']);
  });

  it('keeps an empty data line as an empty payload', () => {
    expect(readWhole('data:\n\n')).toEqual(['']);
  });

  it.each([
    ['no newline at all', 'data: a\n\ndata: last'],
    ['one LF', 'data: a\n\ndata: last\n'],
    ['one CRLF', 'data: a\r\n\r\ndata: last\r\n'],
  ])('flush returns a trailing event without the final blank line (%s)', (_name, text) => {
    const reader = new SseReader();
    expect(reader.feed(text)).toEqual(['a']);
    expect(reader.flush()).toEqual(['last']);
    expect(reader.flush()).toEqual([]);
  });

  it('flush of nothing but blank lines returns nothing', () => {
    const reader = new SseReader();
    expect(reader.feed('\n')).toEqual([]);
    expect(reader.flush()).toEqual([]);
  });

  it('reads a Venice chat stream whole', () => {
    expect(readWhole(VENICE_STREAM)).toEqual(VENICE_EVENTS);
  });

  it('reads a Venice chat stream cut at every single byte boundary (two chunks)', () => {
    const bytes = new TextEncoder().encode(VENICE_STREAM);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(readSplit(bytes, [cut]), `cut at byte ${cut}`).toEqual(VENICE_EVENTS);
    }
  });

  it('reads a Venice chat stream fed one byte at a time, CRLF or LF', () => {
    for (const eol of ['\n', '\r\n']) {
      const bytes = new TextEncoder().encode(VENICE_EVENTS.map((e) => `data: ${e}${eol}${eol}`).join(''));
      const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
      expect(readSplit(bytes, cuts)).toEqual(VENICE_EVENTS);
    }
  });

  // Any stream, cut anywhere (even inside a CRLF or a multi-byte character), gives the same payloads.
  const lineText = fc.string({ unit: 'grapheme', maxLength: 10 }).filter((s) => !/[\r\n]/.test(s));
  const sseEvent = fc.record({
    comment: fc.boolean(),
    name: fc.boolean(),
    data: fc.array(lineText, { maxLength: 3 }),
  });
  const sseStream = fc.record({
    events: fc.array(sseEvent, { maxLength: 6 }),
    eol: fc.constantFrom('\n', '\r\n'),
    ending: fc.constantFrom('blank', 'eol', 'none'),
  });

  interface StreamShape {
    events: { comment: boolean; name: boolean; data: string[] }[];
    eol: string;
    ending: string;
  }

  /** The stream's text and the payloads a correct reader returns for it. */
  function writeStream(s: StreamShape): { text: string; payloads: string[] } {
    const blocks = s.events.map((e) => {
      const lines = [...(e.comment ? [': ping'] : []), ...(e.name ? ['event: message'] : []), ...e.data.map((d) => `data: ${d}`)];
      return (lines.length > 0 ? lines : [': empty']).join(s.eol);
    });
    const last = blocks.length - 1;
    const text = blocks
      .map((b, i) => (i < last || s.ending === 'blank' ? `${b}${s.eol}${s.eol}` : s.ending === 'eol' ? `${b}${s.eol}` : b))
      .join('');
    const payloads = s.events.filter((e) => e.data.length > 0).map((e) => e.data.join('\n'));
    return { text, payloads };
  }

  it('property: any split of a valid stream yields the same payloads', () => {
    const arb = sseStream.chain((s) => {
      const { text, payloads } = writeStream(s);
      const bytes = new TextEncoder().encode(text);
      const cuts = fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }).map((c) => [...c].sort((a, b) => a - b));
      return fc.record({ bytes: fc.constant(bytes), payloads: fc.constant(payloads), cuts });
    });
    fc.assert(
      fc.property(arb, ({ bytes, payloads, cuts }) => {
        expect(readSplit(bytes, cuts)).toEqual(payloads);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readChatText', () => {
  it('reads the text of a delta, the role-only first delta included', () => {
    expect(readChatText('{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}')).toBe('Hel');
    expect(readChatText('{"choices":[{"index":0,"delta":{"role":"assistant"}}]}')).toBe('');
  });

  it('the finish chunk carries no text', () => {
    expect(readChatText('{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}')).toBe('');
  });

  it("survives Venice's final usage chunk whose choices is []", () => {
    const usage = JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [], usage: USAGE });
    expect(readChatText(usage)).toBe('');
  });

  it.each(['[DONE]', ' [DONE] ', '[DONE]\n'])('%j marks the end', (payload) => {
    expect(readChatText(payload)).toBe('');
  });

  it.each([
    ['not JSON', 'hello'],
    ['truncated JSON', '{"choices":[{"delta":{"content":"x"'],
    ['empty', ''],
    ['a number', '42'],
    ['a string', '"text"'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['choices is null', '{"choices":null}'],
    ['choices is an object', '{"choices":{"0":{"delta":{"content":"x"}}}}'],
    ['a null choice', '{"choices":[null]}'],
    ['a choice that is a string', '{"choices":["x"]}'],
    ['a null delta', '{"choices":[{"delta":null}]}'],
    ['content is a number', '{"choices":[{"delta":{"content":42}}]}'],
    ['an error event', '{"error":{"message":"overloaded"}}'],
  ])('ignores garbage (%s): no text, no throw', (_name, payload) => {
    expect(() => readChatText(payload)).not.toThrow();
    expect(readChatText(payload)).toBe('');
  });

  it('a whole Venice stream reads as the reply, ending with [DONE]', () => {
    expect(replyOf(readWhole(VENICE_STREAM))).toEqual({ reply: 'Ça marche 👍 — oui.', last: '[DONE]' });
  });

  it('garbage events between deltas do not break the reply', () => {
    const text = ['{"choices":[{"delta":{"content":"a"}}]}', 'oops', 'null', '{"choices":[]}', '{"choices":[{"delta":{"content":"b"}}]}', '[DONE]']
      .map((p) => `data: ${p}\n\n`)
      .join('');
    expect(replyOf(readWhole(text))).toEqual({ reply: 'ab', last: '[DONE]' });
  });
});
