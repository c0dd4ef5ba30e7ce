import type { ServerResponse } from 'node:http';

/** The bodies the fake Venice sends (venice-server.ts decides when). */

/** A key the fake server accepts unless told otherwise: 35 characters, `vapi_` format, masked `vapi…qrst`. */
export const TEST_API_KEY = 'vapi_0123456789abcdefghijklmnopqrst';

export const DEFAULT_COMPATIBILITY_MAPPING: Record<string, string> = {
  'claude-opus-45': 'claude-opus-4-5',
  'claude-sonnet-45': 'claude-sonnet-4-5',
};

/** The `data` of a 200 from `GET /api_keys/rate_limits`. */
export const DEFAULT_RATE_LIMITS = {
  accessPermitted: true,
  apiTier: { id: 'paid', isCharged: true },
  balances: { USD: 12.5, DIEM: 3 },
  keyExpiration: null,
  rateLimits: [],
};

/** Broken rows that a tolerant mapper must skip, never choke on. */
export const MALFORMED_ROWS: unknown[] = [
  null,
  42,
  'llama-3.3-70b',
  [],
  {},
  { id: '' },
  { id: 17, type: 'text' },
  { id: 'has space', type: 'text' },
  { id: 'venice-sd35', type: 'image' },
  { type: 'text', model_spec: { name: 'No id' } },
];

/** Venice's wording (docs.venice.ai, error codes) for the statuses tests use. */
const ERROR_MESSAGES: Record<number, string> = {
  400: 'Invalid request parameters',
  401: 'Authentication failed',
  402: 'Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.',
  403: 'Forbidden',
  404: 'Not found',
  429: 'Rate limit exceeded',
  500: 'Inference processing failed, please try again',
  502: 'Bad gateway',
  503: 'The model is at capacity. Please try again later.',
  504: 'Gateway timeout',
};

/** `{"error":"…"}`, the usual Venice error body. */
export const errorBody = (status: number): unknown => ({ error: ERROR_MESSAGES[status] ?? `HTTP ${status}` });

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/**
 * The SSE events of a streamed chat completion, OpenAI style: one delta per chunk, a chunk with
 * `finish_reason`, a usage chunk whose `choices` is empty, then `[DONE]`.
 */
export function chatStreamEvents(model: string, chunks: readonly string[], usage: ChatUsage): string[] {
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1767225600, model };
  return [
    ...chunks.map((content, i) =>
      JSON.stringify({ ...base, choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content } : { content }, finish_reason: null }] }),
    ),
    JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
    JSON.stringify({ ...base, choices: [], usage }),
    '[DONE]',
  ];
}

/** The non-streamed answer. */
export const chatCompletion = (model: string, chunks: readonly string[], usage: ChatUsage) => ({
  id: 'chatcmpl-test',
  object: 'chat.completion',
  created: 1767225600,
  model,
  choices: [{ index: 0, message: { role: 'assistant', content: chunks.join('') }, finish_reason: 'stop' }],
  usage,
});

/** `extra` spread between the `rows`, so that bad rows sit before, among and after good ones. */
export function interleave(rows: readonly unknown[], extra: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const step = Math.max(1, Math.floor(rows.length / Math.max(1, extra.length)));
  let e = 0;
  rows.forEach((row, i) => {
    if (i % step === 0 && e < extra.length) out.push(extra[e++]);
    out.push(row);
  });
  while (e < extra.length) out.push(extra[e++]);
  return out;
}

/** A valid JSON model list of about `bytes` bytes, generated as the socket drains, never held in memory. */
export function streamHuge(res: ServerResponse, bytes: number, declareLength: boolean, headersOnly = false): void {
  const head = '{"object":"list","type":"text","data":[';
  const tail = '{"id":"last","type":"text"}]}';
  const row = `${JSON.stringify({ id: 'filler', type: 'text', model_spec: { name: 'x'.repeat(900) } })},`;
  const chunk = Buffer.from(row.repeat(Math.max(1, Math.floor((64 * 1024) / row.length))));
  const chunks = Math.ceil(Math.max(0, bytes - head.length - tail.length) / chunk.length);
  const headers: Record<string, string | number> = { 'content-type': 'application/json' };
  if (declareLength) headers['content-length'] = head.length + chunks * chunk.length + tail.length;
  res.writeHead(200, headers);
  if (headersOnly) return void res.flushHeaders();
  res.write(head);
  let sent = 0;
  const pump = () => {
    while (!res.destroyed && sent < chunks) {
      sent++;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}
