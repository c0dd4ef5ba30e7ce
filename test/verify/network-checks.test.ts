import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapModelsResponse } from '../../src/catalog/map-models.js';
import type { LiveModels } from '../../src/net/venice-api.js';
import { checkChat, checkKeyValid, checkModelAvailable, checkModelLimits, checkReachable } from '../../src/verify/network-checks.js';
import { deadBaseUrl, startVeniceServer, TEST_API_KEY, type VeniceServerOptions } from '../support/venice-server.js';

/** The network checks of `verify` (SPEC §1.2) against the real local Venice-like server. */

// A plain agent: proxies from the machine running the tests must not capture 127.0.0.1.
const dispatcher = new Agent();
afterAll(() => dispatcher.close());

const row = (id: string, spec: Record<string, unknown> = {}) => ({
  id,
  type: 'text',
  object: 'model',
  owned_by: 'venice.ai',
  model_spec: { name: id, privacy: 'private', availableContextTokens: 131072, maxCompletionTokens: 4096, ...spec },
});

const ROWS = [
  row('llama-3.3-70b'),
  row('claude-opus-4-5', { privacy: 'anonymized', availableContextTokens: 198000, maxCompletionTokens: 32000 }),
  row('old-model', { deprecation: { date: '2026-03-01T00:00:00.000Z' } }),
  row('sleepy-model', { offline: true }),
  { id: 'bare-model', type: 'text' },
];

const liveOf = (rows: unknown[]): LiveModels => ({ models: mapModelsResponse(rows), rows, elapsedMs: 5 });

async function withServer(options: VeniceServerOptions, fn: (baseUrl: string, s: Awaited<ReturnType<typeof startVeniceServer>>) => Promise<void>) {
  const s = await startVeniceServer(options);
  try {
    await fn(s.baseUrl, s);
  } finally {
    await s.close();
  }
}

const entry = (extra: Record<string, unknown>) => ({ id: 'llama-3.3-70b', name: 'Llama', contextWindow: 131072, maxTokens: 4096, ...extra });
const REFRESH = 'Run venice-onboard onboard: it lowers the entry to the live limits and keeps your other fields.';

describe('model.limits', () => {
  const live = liveOf(ROWS);

  it('passes at the live limits, showing them', () => {
    expect(checkModelLimits(entry({}), 'llama-3.3-70b', live)).toEqual({
      status: 'pass',
      message: 'llama-3.3-70b is within the live limits (max output 4096, context 131072).',
    });
  });

  it('passes below them', () => {
    expect(checkModelLimits(entry({ maxTokens: 1024, contextWindow: 32768 }), 'llama-3.3-70b', live).status).toBe('pass');
  });

  it.each([
    ['maxTokens', { maxTokens: 8192 }, 'llama-3.3-70b: maxTokens 8192 > 4096 (Venice answers HTTP 400 above its limits).'],
    ['contextWindow', { contextWindow: 262144 }, 'llama-3.3-70b: contextWindow 262144 > 131072 (Venice answers HTTP 400 above its limits).'],
    [
      'both',
      { maxTokens: 8192, contextWindow: 262144 },
      'llama-3.3-70b: maxTokens 8192 > 4096, contextWindow 262144 > 131072 (Venice answers HTTP 400 above its limits).',
    ],
  ])('fails when %s is above the live value', (_name, extra, message) => {
    expect(checkModelLimits(entry(extra), 'llama-3.3-70b', live)).toEqual({ status: 'fail', message, hint: REFRESH });
  });

  it('a live row without limits cannot be exceeded', () => {
    expect(checkModelLimits({ id: 'bare-model', maxTokens: 999999, contextWindow: 999999 }, 'bare-model', live)).toEqual({
      status: 'pass',
      message: 'bare-model is within the live limits.',
    });
  });

  it('fails without a provider entry for the model', () => {
    expect(checkModelLimits(undefined, 'llama-3.3-70b', live)).toEqual({ status: 'fail', message: "No entry for llama-3.3-70b in the provider's models.", hint: REFRESH });
  });
});

describe('model.available', () => {
  let s: Awaited<ReturnType<typeof startVeniceServer>>;
  beforeAll(async () => {
    s = await startVeniceServer({ models: ROWS });
  });
  afterAll(() => s.close());
  const net = () => ({ baseUrl: s.baseUrl, timeoutMs: 3000 });

  it('passes for a live model, and returns it', async () => {
    const r = await checkModelAvailable('llama-3.3-70b', liveOf(ROWS), net(), { dispatcher });
    expect(r.outcome).toEqual({ status: 'pass', message: 'venice/llama-3.3-70b is in the live catalog.' });
    expect(r.model?.id).toBe('llama-3.3-70b');
  });

  it('fails for an offline model', async () => {
    expect((await checkModelAvailable('sleepy-model', liveOf(ROWS), net(), { dispatcher })).outcome).toEqual({
      status: 'fail',
      message: 'venice/sleepy-model is offline at Venice right now.',
      hint: 'Pick another model: venice-onboard models set <model>.',
    });
  });

  it('warns for a deprecated model, with the date', async () => {
    expect((await checkModelAvailable('old-model', liveOf(ROWS), net(), { dispatcher })).outcome).toEqual({
      status: 'warn',
      message: 'venice/old-model is deprecated (2026-03-01).',
      hint: 'Pick a newer model: venice-onboard models list, then venice-onboard models set <model>.',
    });
  });

  it('names the replacement of a renamed model (compatibility mapping)', async () => {
    expect((await checkModelAvailable('claude-opus-45', liveOf(ROWS), net(), { dispatcher })).outcome).toEqual({
      status: 'fail',
      message: 'venice/claude-opus-45 was renamed to venice/claude-opus-4-5.',
      hint: 'Run venice-onboard models set venice/claude-opus-4-5.',
    });
  });

  it('an unknown model fails with the closest ids', async () => {
    expect((await checkModelAvailable('llama-3.3-7b', liveOf(ROWS), net(), { dispatcher })).outcome).toEqual({
      status: 'fail',
      message: 'venice/llama-3.3-7b is not in the live catalog. Closest: venice/llama-3.3-70b.',
      hint: 'Pick another model: venice-onboard models set <model>.',
    });
  });

  it('without the compatibility mapping, a renamed model is just not in the catalog', async () => {
    const dead = await deadBaseUrl();
    const r = await checkModelAvailable('claude-opus-45', liveOf(ROWS), { baseUrl: dead, timeoutMs: 1000 }, { dispatcher });
    expect(r.outcome.status).toBe('fail');
    expect(r.outcome.message).toMatch(/^venice\/claude-opus-45 is not in the live catalog\./);
  });
});

describe('api.reachable', () => {
  it('passes with latency and model count', async () => {
    await withServer({ models: ROWS }, async (baseUrl) => {
      const r = await checkReachable({ baseUrl, timeoutMs: 3000 }, { dispatcher }, TEST_API_KEY);
      expect(r.outcome.status).toBe('pass');
      expect(r.outcome.message).toMatch(new RegExp(`^${baseUrl.replace(/[.]/g, '\\.')} answered in \\d+ ms with 5 text models\\.$`));
      expect(r.live?.models.map((m) => m.id)).toEqual(['llama-3.3-70b', 'claude-opus-4-5', 'old-model', 'sleepy-model', 'bare-model']);
    });
  });

  it('fails by its timeout when the server does not answer', async () => {
    // The server never answers: only the check's own deadline can end the call (the client's
    // deadline itself, to the millisecond: test/net/http.test.ts); the message names the budget given.
    await withServer({}, async (baseUrl, s) => {
      s.setFault('models', { kind: 'hang' });
      const r = await checkReachable({ baseUrl, timeoutMs: 400 }, { dispatcher });
      expect(r).toEqual({
        outcome: {
          status: 'fail',
          message: `Cannot list models at ${baseUrl}: no answer within 400 ms.`,
          hint: 'Check your connection, proxy (HTTPS_PROXY) or --base-url, or raise --timeout.',
        },
      });
    });
  });

  it('fails on an empty list', async () => {
    await withServer({ models: [] }, async (baseUrl) => {
      expect((await checkReachable({ baseUrl, timeoutMs: 3000 }, { dispatcher })).outcome.message).toBe(
        `Cannot list models at ${baseUrl}: the answer lists no text model.`,
      );
    });
  });
});

describe('key.valid', () => {
  const REVOKED = 'vapi_revokedkey0123456789abcdefghij';
  const DENIED = 'vapi_deniedkey0123456789abcdefghijk';
  const LIMITED = 'vapi_limitedkey0123456789abcdefghij';
  const BROKEN = 'vapi_brokenkey0123456789abcdefghijk';
  const FREE = 'vapi_freekey0123456789abcdefghijklm';
  let s: Awaited<ReturnType<typeof startVeniceServer>>;
  beforeAll(async () => {
    s = await startVeniceServer({
      keyOverrides: {
        [REVOKED]: { status: 401 },
        [DENIED]: { accessPermitted: false },
        [LIMITED]: { status: 429 },
        [BROKEN]: { status: 500 },
        [FREE]: { data: { apiTier: { id: 'free' }, balances: { USD: 0 } } },
      },
    });
  });
  afterAll(() => s.close());
  const check = (key: string) => checkKeyValid(key, { baseUrl: s.baseUrl, timeoutMs: 5000 }, { dispatcher });

  it('passes with tier and balances', async () => {
    expect(await check(TEST_API_KEY)).toEqual({ status: 'pass', message: 'Venice accepts the key (tier paid, $12.50, 3 DIEM).' });
    expect(await check(FREE)).toEqual({ status: 'pass', message: 'Venice accepts the key (tier free, $0.00).' });
  });

  it('fails on 401, masks the key, and asks once only', async () => {
    const before = s.requestsTo('rate-limits').length;
    expect(await check(REVOKED)).toEqual({
      status: 'fail',
      message: 'Venice rejected the key vapi…ghij (HTTP 401): it is invalid or revoked.',
      hint: 'Create a new key at venice.ai → Settings → API Keys, then run venice-onboard onboard.',
    });
    expect(s.requestsTo('rate-limits').length - before).toBe(1);
  });

  it('fails on accessPermitted: false', async () => {
    expect(await check(DENIED)).toEqual({
      status: 'fail',
      message: 'Venice knows this key but does not permit access with it (accessPermitted: false).',
      hint: 'Check the key and your balance at venice.ai → Settings → API Keys.',
    });
  });

  it('warns on 429 and on 500, with different messages', async () => {
    const limited = await check(LIMITED);
    const broken = await check(BROKEN);
    expect(limited).toEqual({
      status: 'warn',
      message: 'Venice is rate-limiting this key right now (HTTP 429); it could not be checked.',
      hint: 'Run venice-onboard verify again in a minute.',
    });
    expect(broken).toEqual({
      status: 'warn',
      message: 'The key could not be checked online (HTTP 500: Inference processing failed, please try again).',
      hint: 'Run venice-onboard verify again in a minute.',
    });
  });
});

describe('chat.probe', () => {
  const probe = (baseUrl: string, model = 'llama-3.3-70b', timeoutMs = 5000, key = TEST_API_KEY) => checkChat(key, model, { baseUrl, timeoutMs }, { dispatcher });

  it('passes with the streamed reply and the times, past the final usage chunk whose choices is []', async () => {
    await withServer({ chat: { chunks: ['Hel', 'lo! ', 'Yes, I am working.'], chunkDelayMs: 30 } }, async (baseUrl, s) => {
      const r = await probe(baseUrl);
      expect(r.status).toBe('pass');
      const m = /^venice\/llama-3\.3-70b replied "Hello! Yes, I am working\." \(first token (\d+) ms, total (\d+) ms\)\.$/.exec(r.message);
      expect(m, r.message).not.toBeNull();
      // Five pauses between the six events: the total covers them, the first token comes before.
      expect(Number(m?.[2])).toBeGreaterThanOrEqual(140);
      expect(Number(m?.[1])).toBeLessThan(Number(m?.[2]));
      const body = JSON.parse(s.requestsTo('chat')[0]?.body ?? '{}') as Record<string, unknown>;
      expect(body).toMatchObject({ model: 'llama-3.3-70b', stream: true, messages: [{ role: 'user', content: 'Hello, are you working?' }] });
    });
  });

  it('shows the reply on one line and cuts it at 80 characters', async () => {
    await withServer({ chat: { chunks: ['line one\n\n', 'line   two ', 'x'.repeat(100)] } }, async (baseUrl) => {
      const r = await probe(baseUrl);
      expect(r.message).toMatch(new RegExp(`^venice/llama-3\\.3-70b replied "line one line two ${'x'.repeat(61)}…" \\(`));
    });
  });

  it('warns when the model answers with no text', async () => {
    await withServer({ chat: { chunks: [] } }, async (baseUrl) => {
      const r = await probe(baseUrl);
      expect(r.status).toBe('warn');
      expect(r.message).toMatch(/^venice\/llama-3\.3-70b answered with no text \(no text, total \d+ ms\)\.$/);
    });
  });

  it('402: fails mentioning the balance', async () => {
    await withServer({ chat: { error: { status: 402 } } }, async (baseUrl) => {
      expect(await probe(baseUrl)).toEqual({
        status: 'fail',
        message:
          'HTTP 402: no balance left for venice/llama-3.3-70b. HTTP 402: Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.',
        hint: 'Add credits or DIEM at venice.ai → Settings → Billing.',
      });
    });
  });

  it('400: fails mentioning the limits', async () => {
    await withServer({ chat: { error: { status: 400 } } }, async (baseUrl) => {
      expect(await probe(baseUrl)).toEqual({
        status: 'fail',
        message: 'HTTP 400: Venice refused the request for venice/llama-3.3-70b (HTTP 400: Invalid request parameters), usually a maxTokens or context limit.',
        hint: REFRESH,
      });
    });
  });

  it('a server error that quotes the Authorization header is shown with the key masked', async () => {
    await withServer({}, async (baseUrl, s) => {
      s.setFault('chat', { kind: 'echo-auth', status: 500, shape: 'object' });
      const r = await probe(baseUrl);
      expect(r).toEqual({
        status: 'fail',
        message: 'The chat request failed: HTTP 500: Authentication failed for Bearer vapi…qrst.',
        hint: 'Run venice-onboard verify --chat again; if it persists, try another model with --model.',
      });
    });
  });

  it('a reply that does not finish within the timeout fails', async () => {
    // The first event comes at once, the next a minute later: only the probe's deadline can end it.
    await withServer({ chat: { chunkDelayMs: 60_000 } }, async (baseUrl) => {
      const r = await probe(baseUrl, 'llama-3.3-70b', 400);
      expect(r.status).toBe('fail');
      expect(r.message).toBe('The chat request failed: the reply did not finish within 400 ms.');
    });
  });

  it('a refused connection fails', async () => {
    const r = await probe(await deadBaseUrl());
    expect(r).toEqual({
      status: 'fail',
      message: 'The chat request failed: cannot connect (ECONNREFUSED).',
      hint: 'Run venice-onboard verify --chat again; if it persists, try another model with --model.',
    });
  });
});
