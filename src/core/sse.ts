/**
 * A server-sent-events reader for OpenAI-style streams: feed text chunks as they arrive, get
 * back the `data:` payloads of complete events. Pure, so it is tested with arbitrary splits.
 */
export class SseReader {
  private buffer = '';

  feed(chunk: string): string[] {
    this.buffer += chunk;
    const out: string[] = [];
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (!match) break;
      const event = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''));
      if (data.length > 0) out.push(data.join('\n'));
    }
    return out;
  }

  /** What is left when the stream ends without a final blank line. */
  flush(): string[] {
    const rest = this.buffer;
    this.buffer = '';
    return rest.trim() === '' ? [] : this.feed(`${rest}\n\n`);
  }
}

/**
 * The text of one payload of a chat stream. Venice ends with a usage chunk whose `choices` is an
 * empty array, then `[DONE]`: both are normal, neither carries text.
 */
export function readChatText(payload: string): string {
  if (payload.trim() === '[DONE]') return '';
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return '';
  }
  if (typeof data !== 'object' || data === null) return '';
  const choices = (data as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return '';
  const first: unknown = choices[0];
  const delta = typeof first === 'object' && first !== null ? (first as { delta?: { content?: unknown } }).delta : undefined;
  return typeof delta?.content === 'string' ? delta.content : '';
}
