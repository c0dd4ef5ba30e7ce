import { readChatText, SseReader } from '../core/sse.js';
import { MAX_BODY_BYTES, NetworkError, readCapped, serverMessage, type HttpOptions } from './http.js';
import { exchange, type Exchange } from './transport.js';

interface ChatResult {
  reply: string;
  firstTokenMs: number | undefined;
  totalMs: number;
}

const PROBE_PROMPT = 'Hello, are you working?';

/** Streams a short chat completion (the `--chat` probe). Never retried: it costs tokens. */
export async function streamChat(options: HttpOptions & { apiKey: string; model: string }): Promise<ChatResult> {
  const started = Date.now();
  const signal = AbortSignal.timeout(options.timeoutMs);
  const body = JSON.stringify({
    model: options.model,
    messages: [{ role: 'user', content: PROBE_PROMPT }],
    stream: true,
    max_tokens: 200,
    stream_options: { include_usage: true },
  });
  let res: Exchange;
  try {
    res = await exchange(`${options.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'user-agent': 'venice-onboard',
      },
      body,
      signal,
      dispatcher: options.dispatcher,
    });
  } catch (error) {
    if (signal.aborted) throw new NetworkError('timeout', `no answer within ${options.timeoutMs} ms`);
    const e = error as { code?: string; cause?: { code?: string }; message?: string };
    throw new NetworkError('connection', `cannot connect (${e.cause?.code ?? e.code ?? e.message})`);
  }
  if (res.status >= 400) {
    const text = await readCapped(res, MAX_BODY_BYTES).catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: no message to show
    }
    const detail = serverMessage(parsed, options.apiKey);
    throw new NetworkError('http', `HTTP ${res.status}${detail ? `: ${detail}` : ''}`, res.status);
  }
  const reader = new SseReader();
  const decoder = new TextDecoder(); // a UTF-8 character may straddle two chunks
  let reply = '';
  let firstTokenMs: number | undefined;
  try {
    for await (const chunk of res.body) {
      for (const payload of reader.feed(decoder.decode(chunk, { stream: true }))) {
        const text = readChatText(payload);
        if (text !== '') {
          firstTokenMs ??= Date.now() - started;
          reply += text;
        }
      }
      if (reply.length > 4000) break;
    }
    for (const payload of reader.flush()) reply += readChatText(payload);
  } catch {
    if (signal.aborted) throw new NetworkError('timeout', `the reply did not finish within ${options.timeoutMs} ms`);
    throw new NetworkError('connection', 'the connection broke during the reply');
  } finally {
    res.cancel();
  }
  return { reply, firstTokenMs, totalMs: Date.now() - started };
}
