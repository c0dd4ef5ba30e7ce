import type { Dispatcher } from 'undici';
import { redact } from '../core/mask.js';
import { exchange, type Exchange } from './transport.js';

/** How a request failed, so that callers can tell "Venice said no" from "Venice is not there". */
type NetworkFailure = 'timeout' | 'connection' | 'http' | 'invalid-json' | 'too-large' | 'unusable';

export class NetworkError extends Error {
  readonly kind: NetworkFailure;
  readonly status: number | undefined;
  readonly body: unknown;
  constructor(kind: NetworkFailure, message: string, status?: number, body?: unknown) {
    super(message);
    this.name = 'NetworkError';
    this.kind = kind;
    this.status = status;
    this.body = body;
  }
}

export interface HttpOptions {
  baseUrl: string;
  /** The whole budget for the call, retries and backoff included. */
  timeoutMs: number;
  dispatcher?: Dispatcher;
  /** Sent as a Bearer header, only to `baseUrl`. */
  apiKey?: string;
  /** Total attempts on 408/425/429/5xx and connection errors (SPEC §4.1). 1 = no retry. */
  attempts?: number;
  maxBodyBytes?: number;
  /** Aborts the call when the command no longer needs it (e.g. it failed before the answer came). */
  signal?: AbortSignal;
  /**
   * The time requestJson's budget runs on; tests pass a virtual one to check deadlines and backoff
   * without waiting. (The chat probe's stream, src/net/chat-stream.ts, keeps the real clock.)
   */
  clock?: Clock;
}

export interface Clock {
  now(): number;
  /** A timer that never keeps the process alive. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface JsonResponse {
  status: number;
  body: unknown;
  elapsedMs: number;
}

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** `{"error":"…"}` or `{"error":{"message":"…"}}` (SPEC §6), with the key masked. */
export function serverMessage(body: unknown, apiKey?: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as Record<string, unknown>).error;
  const text =
    typeof error === 'string'
      ? error
      : typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>).message === 'string'
        ? ((error as Record<string, unknown>).message as string)
        : undefined;
  if (text === undefined) return undefined;
  const oneLine = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return apiKey === undefined ? oneLine : redact(oneLine, [apiKey]);
}

const tooLarge = (cap: number) => new NetworkError('too-large', `the answer is larger than ${Math.round(cap / 1024 / 1024)} MB`);

/**
 * Reads at most `cap` bytes; a larger answer is cancelled as soon as it passes the cap. Plain
 * stream events rather than `for await`: the async-iterator machinery is measurably slower to
 * start (SPEC §7), and every request of a run goes through here.
 */
export function readCapped(res: Exchange, cap: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const { body } = res;
    body.on('data', (chunk: Uint8Array) => {
      size += chunk.byteLength;
      if (size > cap) {
        reject(tooLarge(cap));
        res.cancel();
      } else chunks.push(chunk);
    });
    body.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.once('error', reject);
    // Destroyed without an error (cancelled, aborted): whatever came first has already settled this.
    body.once('close', () => reject(new Error('the answer ended early')));
  });
}

async function attempt(
  url: string,
  init: { method: 'GET' | 'POST'; body?: string },
  options: HttpOptions,
  deadline: number,
  clock: Clock,
): Promise<JsonResponse> {
  const started = clock.now();
  const remaining = Math.max(1, deadline - started);
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'venice-onboard' };
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  // One controller per attempt: the deadline, or the caller's own abort, whichever comes first.
  const controller = new AbortController();
  const { signal } = controller;
  const timer = clock.setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), remaining);
  const onCallerAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    return await exchangeJson(url, init, options, headers, signal, () => clock.now() - started);
  } finally {
    clock.clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

async function exchangeJson(
  url: string,
  init: { method: 'GET' | 'POST'; body?: string },
  options: HttpOptions,
  headers: Record<string, string>,
  signal: AbortSignal,
  elapsed: () => number,
): Promise<JsonResponse> {
  let res: Exchange;
  try {
    res = await exchange(url, { method: init.method, headers, body: init.body, signal, dispatcher: options.dispatcher });
  } catch (error) {
    throw toNetworkError(error, signal, options);
  }
  const cap = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const declared = Number(res.headers['content-length'] ?? NaN);
  let text: string;
  try {
    if (Number.isFinite(declared) && declared > cap) {
      res.cancel();
      throw tooLarge(cap);
    }
    text = await readCapped(res, cap);
  } catch (error) {
    if (error instanceof NetworkError) throw error;
    throw toNetworkError(error, signal, options);
  }
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    if (res.status >= 400) body = null;
    else throw new NetworkError('invalid-json', 'the answer is not valid JSON', res.status);
  }
  const elapsedMs = elapsed();
  if (res.status >= 400) {
    const detail = serverMessage(body, options.apiKey);
    throw new NetworkError('http', `HTTP ${res.status}${detail ? `: ${detail}` : ''}`, res.status, body);
  }
  return { status: res.status, body, elapsedMs };
}

function toNetworkError(error: unknown, signal: AbortSignal, options: HttpOptions): NetworkError {
  if (options.signal?.aborted) return new NetworkError('connection', 'cancelled');
  if (signal.aborted) return new NetworkError('timeout', `no answer within ${options.timeoutMs} ms`);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new NetworkError('timeout', `no answer within ${options.timeoutMs} ms`);
  }
  const reason = code ?? cause?.message ?? (error as Error).message;
  const message = options.apiKey === undefined ? String(reason) : redact(String(reason), [options.apiKey]);
  return new NetworkError('connection', `cannot connect to ${new URL(options.baseUrl).host} (${message})`);
}

/**
 * A JSON request to `{baseUrl}{path}` with retries and backoff on transient failures, all within
 * `timeoutMs`. Never retries a 401: Venice blocks keys after many failures (SPEC §3.2).
 */
export async function requestJson(
  path: string,
  options: HttpOptions,
  init: { method: 'GET' | 'POST'; body?: string } = { method: 'GET' },
): Promise<JsonResponse> {
  const url = `${options.baseUrl}${path}`;
  const clock = options.clock ?? REAL_CLOCK;
  const deadline = clock.now() + options.timeoutMs;
  const attempts = options.attempts ?? 3;
  for (let i = 1; ; i++) {
    try {
      return await attempt(url, init, options, deadline, clock);
    } catch (error) {
      const failure = error as NetworkError;
      const transient =
        failure.kind === 'connection' || (failure.kind === 'http' && RETRY_STATUS.has(failure.status ?? 0));
      const backoff = 200 * 2 ** (i - 1);
      if (!transient || i >= attempts || clock.now() + backoff >= deadline || options.signal?.aborted) throw failure;
      await clock.sleep(backoff);
    }
  }
}
