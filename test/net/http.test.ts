import { Agent } from 'undici';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES, NetworkError, requestJson, serverMessage, type HttpOptions } from '../../src/net/http.js';
import { virtualClock, type VirtualClock } from '../support/virtual-clock.js';
import { deadBaseUrl, SNAPSHOT_TEXT_ROWS, startVeniceServer, TEST_API_KEY, type RecordedRequest, type VeniceRoute, type VeniceServer } from '../support/venice-server.js';

// A private agent: the test process's proxy variables must not route 127.0.0.1 elsewhere.
const agent = new Agent();
let server: VeniceServer;

beforeEach(async () => {
  server = await startVeniceServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(async () => {
  await agent.destroy();
});

/**
 * Both transports of src/net/transport.ts: Node's own http, which every run without a proxy uses,
 * and undici, which runs behind HTTPS_PROXY/HTTP_PROXY (here with a private agent, so the test
 * process's own proxy variables cannot route 127.0.0.1 elsewhere).
 */
const TRANSPORTS = [
  ['node:http', undefined],
  ['undici', agent],
] as const;
let dispatcher: Agent | undefined;

/**
 * Every call runs on a virtual clock (test/support/virtual-clock.ts): backoff returns at once and
 * is recorded, and an attempt's deadline fires only when a test fires it. So the budget is checked
 * to the millisecond ("armed at 800 ms, slept 200 then 400") on any load, and waits for nothing.
 * `clock: undefined` runs a call on the real clock.
 */
let clock: VirtualClock;
beforeEach(() => {
  clock = virtualClock();
});

const opts = (extra: Partial<HttpOptions> = {}): HttpOptions => ({
  baseUrl: server.baseUrl,
  timeoutMs: 5000,
  clock,
  ...(dispatcher === undefined ? {} : { dispatcher }),
  ...extra,
});

/** The NetworkError a call rejects with. */
async function failure(call: Promise<unknown>): Promise<{ error: NetworkError }> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return { error: error as NetworkError };
  }
  throw new Error('expected the request to fail');
}

/** Resolves once the server has received `count` requests on the route (a poll, not an assertion on time). */
const received = (route: VeniceRoute) => vi.waitFor(() => expect(server.requestsTo(route)).toHaveLength(1), { timeout: 10_000, interval: 5 });

/** Resolves once the server has seen the client close the connection before the whole answer came. */
const cutShort = (rec: RecordedRequest | undefined) => vi.waitFor(() => expect(rec?.cutShort).toBe(true), { timeout: 10_000, interval: 5 });

describe.each(TRANSPORTS)('through %s', (_name, transport) => {
  beforeEach(() => {
    dispatcher = transport;
    // No proxy variable: without a dispatcher, requests take node:http as a user's do.
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) vi.stubEnv(name, '');
  });

  describe('requestJson: success', () => {
    it('returns status and parsed body, sending Accept: application/json and no key when none is given', async () => {
      const res = await requestJson('/models?type=text', opts());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ object: 'list', type: 'text', data: SNAPSHOT_TEXT_ROWS });
      expect(server.requests).toHaveLength(1);
      const [req] = server.requests;
      expect(req?.method).toBe('GET');
      expect(req?.url).toBe('/api/v1/models?type=text');
      expect(req?.headers.accept).toBe('application/json');
      expect(req?.headers.authorization).toBeUndefined();
    });

    it('sends the key only as Authorization: Bearer, never in the URL or another header', async () => {
      await requestJson('/api_keys/rate_limits', opts({ apiKey: TEST_API_KEY }));
      const [req] = server.requests;
      expect(req?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
      expect(req?.url).not.toContain(TEST_API_KEY);
      const others = Object.entries(req?.headers ?? {}).filter(([name]) => name !== 'authorization');
      expect(JSON.stringify(others)).not.toContain(TEST_API_KEY);
    });

    it('POSTs a JSON body with Content-Type: application/json', async () => {
      const payload = JSON.stringify({ model: 'llama-3.3-70b', messages: [{ role: 'user', content: 'hi' }] });
      const res = await requestJson('/chat/completions', opts({ apiKey: TEST_API_KEY }), { method: 'POST', body: payload });
      expect(res.status).toBe(200);
      expect((res.body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe('Hello! Yes, I am working.');
      const [req] = server.requests;
      expect(req?.method).toBe('POST');
      expect(req?.headers['content-type']).toBe('application/json');
      expect(req?.body).toBe(payload);
    });

    it('answers within a slow server delay shorter than the timeout: the deadline timer is cleared, never fired', async () => {
      server.setFault('models', { kind: 'slow', delayMs: 100 });
      const res = await requestJson('/models?type=text', opts({ timeoutMs: 3000 }));
      expect(res.status).toBe(200);
      expect(clock.armed()).toEqual([3000]);
      expect(clock.fired()).toEqual([]);
    });

    it('on the real clock, elapsedMs is the time the answer took', async () => {
      // A lower bound only: the server's own 300 ms pause guarantees it, whatever the load.
      server.setFault('models', { kind: 'slow', delayMs: 300 });
      const res = await requestJson('/models?type=text', opts({ timeoutMs: 10_000, clock: undefined }));
      expect(res.status).toBe(200);
      expect(res.elapsedMs).toBeGreaterThanOrEqual(290);
    });
  });

  describe('requestJson: retries (SPEC §4.1, §3.2)', () => {
    it.each([408, 425, 429, 500, 502, 503, 504])('retries a %i once and returns the 200 that follows', async (status) => {
      server.setFault('models', { kind: 'status', status, times: 1 });
      const res = await requestJson('/models?type=text', opts());
      expect(res.status).toBe(200);
      expect(server.requestsTo('models')).toHaveLength(2);
      expect(clock.slept).toEqual([200]);
    });

    it('503, 503, then 200: three attempts, 200 then 400 ms of backoff, each attempt given what is left of the budget', async () => {
      server.setFault('models', { kind: 'status', status: 503, times: 2 });
      const res = await requestJson('/models?type=text', opts());
      expect(res.status).toBe(200);
      expect(server.requestsTo('models')).toHaveLength(3);
      expect(clock.slept).toEqual([200, 400]);
      expect(clock.armed()).toEqual([5000, 4800, 4400]);
      expect(clock.fired()).toEqual([]);
    });

    it('gives up after 3 attempts of a persistent 503, with the server message', async () => {
      server.setFault('models', { kind: 'status', status: 503 });
      const { error } = await failure(requestJson('/models?type=text', opts()));
      expect(error.kind).toBe('http');
      expect(error.status).toBe(503);
      expect(error.message).toBe('HTTP 503: The model is at capacity. Please try again later.');
      expect(server.requestsTo('models')).toHaveLength(3);
      expect(clock.slept).toEqual([200, 400]);
    });

    it('attempts: 1 means no retry', async () => {
      server.setFault('models', { kind: 'status', status: 503 });
      await failure(requestJson('/models?type=text', opts({ attempts: 1 })));
      expect(server.requestsTo('models')).toHaveLength(1);
      expect(clock.slept).toEqual([]);
    });

    it('never retries a 401 (Venice blocks keys after many failures)', async () => {
      const { error } = await failure(requestJson('/api_keys/rate_limits', opts({ apiKey: 'vapi_wrong_key_000000000000000' })));
      expect(error.kind).toBe('http');
      expect(error.status).toBe(401);
      expect(error.message).toBe('HTTP 401: Authentication failed');
      expect(server.requestsTo('rate-limits')).toHaveLength(1);
      expect(clock.slept).toEqual([]);
    });

    it.each([400, 402, 403, 404])('does not retry a %i', async (status) => {
      server.setFault('models', { kind: 'status', status });
      const { error } = await failure(requestJson('/models?type=text', opts()));
      expect(error.status).toBe(status);
      expect(server.requestsTo('models')).toHaveLength(1);
      expect(clock.slept).toEqual([]);
    });

    it('retries a connection reset mid-body and returns the next good answer', async () => {
      server.setFault('models', { kind: 'reset', times: 1 });
      const res = await requestJson('/models?type=text', opts());
      expect(res.status).toBe(200);
      expect(server.requestsTo('models')).toHaveLength(2);
      expect(clock.slept).toEqual([200]);
    });

    it('a persistent reset ends as a connection error after 3 attempts', async () => {
      server.setFault('models', { kind: 'reset' });
      const { error } = await failure(requestJson('/models?type=text', opts()));
      expect(error.kind).toBe('connection');
      expect(server.requestsTo('models')).toHaveLength(3);
      expect(clock.slept).toEqual([200, 400]);
    });

    // The budget (timeoutMs) covers every attempt and every backoff: an attempt gets what is left of
    // it, and a backoff that would reach the deadline is not slept (the last failure is reported).
    it.each([
      [300, 'a 2nd attempt after 200 ms; a 3rd (after 400 more) would pass the deadline', [300, 100], [200]],
      [600, 'a backoff that would end exactly at the deadline is not slept', [600, 400], [200]],
      [601, 'one ms more: the 3rd attempt gets the 1 ms left', [601, 401, 1], [200, 400]],
    ])('timeoutMs %i: %s', async (timeoutMs, _what, armed, slept) => {
      server.setFault('models', { kind: 'status', status: 503 });
      const { error } = await failure(requestJson('/models?type=text', opts({ timeoutMs })));
      expect(error.status).toBe(503);
      expect(clock.armed()).toEqual(armed);
      expect(clock.slept).toEqual(slept);
      expect(clock.fired()).toEqual([]);
      expect(server.requestsTo('models')).toHaveLength(armed.length);
    });
  });

  describe('requestJson: timeouts', () => {
    it('a server that never answers: the deadline is armed at timeoutMs, and when it fires the call ends as kind timeout, not retried', async () => {
      server.setFault('models', { kind: 'hang' });
      const call = failure(requestJson('/models?type=text', opts({ timeoutMs: 800 })));
      await received('models');
      expect(clock.armed()).toEqual([800]);
      clock.fire();
      const { error } = await call;
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('no answer within 800 ms');
      expect(clock.now()).toBe(800);
      expect(clock.slept).toEqual([]);
      expect(server.requestsTo('models')).toHaveLength(1);
      await cutShort(server.requestsTo('models')[0]);
    });

    it('a slow answer past the timeout is a timeout', async () => {
      server.setFault('models', { kind: 'slow', delayMs: 60_000 });
      const call = failure(requestJson('/models?type=text', opts({ timeoutMs: 500 })));
      await received('models');
      clock.fire();
      const { error } = await call;
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('no answer within 500 ms');
    });

    it('on the real clock, the deadline fires by itself', async () => {
      server.setFault('models', { kind: 'hang' });
      const { error } = await failure(requestJson('/models?type=text', opts({ timeoutMs: 200, clock: undefined })));
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('no answer within 200 ms');
    });
  });

  describe('requestJson: bodies', () => {
    it(`stops reading a streamed 60 MB answer at the cap (${MAX_BODY_BYTES / 1024 / 1024} MB): kind too-large, the answer cut short, no deadline needed`, async () => {
      server.setFault('models', { kind: 'huge' });
      const { error } = await failure(requestJson('/models?type=text', opts()));
      expect(error.kind).toBe('too-large');
      expect(error.message).toBe('the answer is larger than 10 MB');
      expect(clock.fired()).toEqual([]);
      expect(server.requestsTo('models')).toHaveLength(1);
      await cutShort(server.requestsTo('models')[0]);
    });

    it('refuses a declared Content-Length over the cap from the headers alone', async () => {
      // No byte of the body ever comes, and the virtual deadline never fires by itself: a client that
      // waited for the body would never settle.
      server.setFault('models', { kind: 'huge', declareLength: true, headersOnly: true });
      const { error } = await failure(requestJson('/models?type=text', opts()));
      expect(error.kind).toBe('too-large');
      expect(error.message).toBe('the answer is larger than 10 MB');
      expect(clock.fired()).toEqual([]);
      await cutShort(server.requestsTo('models')[0]);
    });

    it('honours a smaller maxBodyBytes', async () => {
      const { error } = await failure(requestJson('/models?type=text', opts({ maxBodyBytes: 1000 })));
      expect(error.kind).toBe('too-large');
    });

    it('invalid JSON on a 200 is kind invalid-json, not retried', async () => {
      server.setFault('models', { kind: 'invalid-json' });
      const { error } = await failure(requestJson('/models?type=text', opts()));
      expect(error.kind).toBe('invalid-json');
      expect(error.status).toBe(200);
      expect(error.message).toBe('the answer is not valid JSON');
      expect(server.requestsTo('models')).toHaveLength(1);
    });
  });

  describe('requestJson: connection errors', () => {
    it('connection refused is kind connection and names the host', async () => {
      const baseUrl = await deadBaseUrl();
      const { error } = await failure(requestJson('/models?type=text', opts({ baseUrl, timeoutMs: 5000 })));
      expect(error.kind).toBe('connection');
      expect(error.message).toBe(`cannot connect to ${new URL(baseUrl).host} (ECONNREFUSED)`);
      // Three attempts: 200 + 400 ms of backoff.
      expect(clock.armed()).toEqual([5000, 4800, 4400]);
      expect(clock.slept).toEqual([200, 400]);
    });
  });

  describe('requestJson: error messages and key masking (SPEC §2, §6)', () => {
    it('extracts {"error":{"message":…}}', async () => {
      server.setFault('chat', {
        kind: 'status',
        status: 400,
        body: { error: { message: "Your request exceeds the model's maximum context.", type: 'invalid_request_error' } },
      });
      const { error } = await failure(
        requestJson('/chat/completions', opts({ apiKey: TEST_API_KEY }), { method: 'POST', body: '{}' }),
      );
      expect(error.message).toBe("HTTP 400: Your request exceeds the model's maximum context.");
    });

    it('a status without a JSON body gives just the status', async () => {
      server.setFault('models', { kind: 'status', status: 404, body: { nothing: 'here' } });
      const { error } = await failure(requestJson('/models?type=text', opts()));
      expect(error.message).toBe('HTTP 404');
    });

    it.each(['string', 'object'] as const)('masks the key when the server echoes it (%s error shape)', async (shape) => {
      server.setFault('rate-limits', { kind: 'echo-auth', shape });
      const { error } = await failure(requestJson('/api_keys/rate_limits', opts({ apiKey: TEST_API_KEY })));
      expect(error.message).toBe('HTTP 401: Authentication failed for Bearer vapi…qrst');
      expect(error.message).not.toContain(TEST_API_KEY);
    });
  });
});

describe('serverMessage', () => {
  const key = 'VENICE-INFERENCE-KEY-abcdefghijklmnopqrstuvwxyz';
  it.each<[string, unknown, string | undefined]>([
    ['string error', { error: 'Authentication failed' }, 'Authentication failed'],
    ['object error', { error: { message: 'Bad model', code: 'x' } }, 'Bad model'],
    ['error without message', { error: { code: 'x' } }, undefined],
    ['no error field', { message: 'hi' }, undefined],
    ['null body', null, undefined],
    ['string body', 'oops', undefined],
    ['multi-line message is one line', { error: '  line one\n\tline two  ' }, 'line one line two'],
    ['long message capped at 300', { error: 'x'.repeat(1000) }, 'x'.repeat(300)],
    ['key masked', { error: `bad key ${key}!` }, 'bad key VENI…wxyz!'],
  ])('%s', (_name, body, expected) => {
    expect(serverMessage(body, key)).toBe(expected);
  });
});

describe('the fake server itself', () => {
  it('filters /models by ?type= and wraps rows in the live envelope', async () => {
    const all = await requestJson('/models?type=all', opts());
    expect((all.body as { data: unknown[] }).data).toHaveLength(328);
    const image = await requestJson('/models?type=image', opts());
    const rows = (image.body as { type: string; data: Array<{ type: string }> });
    expect(rows.type).toBe('image');
    expect(rows.data.length).toBeGreaterThan(0);
    expect(rows.data.every((r) => r.type === 'image')).toBe(true);
    const text = await requestJson('/models?type=text', opts());
    expect((text.body as { data: unknown[] }).data).toHaveLength(113);
  });

  it('answers rate limits for a valid key and honours per-key overrides', async () => {
    await server.close();
    server = await startVeniceServer({ keyOverrides: { vapi_denied_key_00000000000000: { accessPermitted: false } } });
    const ok = await requestJson('/api_keys/rate_limits', opts({ apiKey: TEST_API_KEY }));
    expect(ok.body).toEqual({
      data: {
        accessPermitted: true,
        apiTier: { id: 'paid', isCharged: true },
        balances: { USD: 12.5, DIEM: 3 },
        keyExpiration: null,
        rateLimits: [],
      },
    });
    const denied = await requestJson('/api_keys/rate_limits', opts({ apiKey: 'vapi_denied_key_00000000000000' }));
    expect((denied.body as { data: { accessPermitted: boolean } }).data.accessPermitted).toBe(false);
  });

  it('answers chat errors and per-key statuses as configured', async () => {
    await server.close();
    server = await startVeniceServer({
      chat: { error: { status: 402 } },
      keyOverrides: { vapi_limited_key_0000000000000: { status: 429 } },
    });
    const { error: chat } = await failure(
      requestJson('/chat/completions', opts({ apiKey: TEST_API_KEY }), { method: 'POST', body: '{"model":"x"}' }),
    );
    expect(chat.message).toBe(
      'HTTP 402: Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.',
    );
    // 429 is transient: retried, then reported.
    const { error: limited } = await failure(requestJson('/api_keys/rate_limits', opts({ apiKey: 'vapi_limited_key_0000000000000' })));
    expect(limited.message).toBe('HTTP 429: Rate limit exceeded');
    expect(server.requestsTo('rate-limits')).toHaveLength(3);
  });

  it('streams chat as SSE: content chunks, a usage chunk with empty choices, then [DONE]', async () => {
    const res = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama-3.3-70b', stream: true, messages: [] }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const parsed = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')) as { choices: Array<{ delta: { content?: string } }>; usage?: unknown });
    expect(parsed.map((p) => p.choices[0]?.delta.content ?? '').join('')).toBe('Hello! Yes, I am working.');
    expect(parsed.at(-1)?.choices).toEqual([]);
    expect(parsed.at(-1)?.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
  });
});
