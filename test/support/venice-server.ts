import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SNAPSHOT_ROWS, SNAPSHOT_TRAITS } from './fixtures.js';
import {
  chatCompletion,
  chatStreamEvents,
  DEFAULT_COMPATIBILITY_MAPPING,
  DEFAULT_RATE_LIMITS,
  errorBody,
  interleave,
  MALFORMED_ROWS,
  streamHuge,
  TEST_API_KEY,
  type ChatUsage,
} from './venice-bodies.js';

/**
 * A real `node:http` server on 127.0.0.1 that answers like Venice under `/api/v1` (STYLE §11).
 * Point the tool at `baseUrl` with `--base-url`; inject faults per route with `setFault`.
 */

export { SNAPSHOT_TEXT_ROWS } from './fixtures.js';
export { DEFAULT_COMPATIBILITY_MAPPING, TEST_API_KEY } from './venice-bodies.js';

export type VeniceRoute = 'models' | 'compatibility-mapping' | 'traits' | 'rate-limits' | 'chat' | 'attestation';
const ROUTES: Record<string, VeniceRoute> = {
  'GET /models': 'models',
  'GET /models/compatibility_mapping': 'compatibility-mapping',
  'GET /models/traits': 'traits',
  'GET /api_keys/rate_limits': 'rate-limits',
  'POST /chat/completions': 'chat',
  'GET /tee/attestation': 'attestation',
};

export type Fault = (
  /** This status, with `body` or Venice's `{"error":"…"}` for it. */
  | { kind: 'status'; status: number; body?: unknown }
  /** No answer at all, until the client gives up or `close()`. */
  | { kind: 'hang' }
  /** Headers and the first bytes of a body, then the socket is destroyed. */
  | { kind: 'reset' }
  /** A 200 whose body is truncated JSON. */
  | { kind: 'invalid-json' }
  /** A 200 whose `data` is empty (`[]` for models, `{}` elsewhere). */
  | { kind: 'empty' }
  /** Models only: these rows (default `MALFORMED_ROWS`) spread among the good ones. */
  | { kind: 'malformed'; rows?: unknown[] }
  /**
   * A 200 of `bytes` (default 60 MB), generated while it is sent; `declareLength` sets Content-Length;
   * `headersOnly` sends the headers and then nothing, until the client gives up or `close()`.
   */
  | { kind: 'huge'; bytes?: number; declareLength?: boolean; headersOnly?: boolean }
  /** The normal answer, after `delayMs`. */
  | { kind: 'slow'; delayMs: number }
  /** An error (default 401) whose message quotes the Authorization header, as a careless server might. */
  | { kind: 'echo-auth'; status?: number; shape?: 'string' | 'object' }
) & {
  /** Only the next `times` requests of the route; then it answers normally again. Default: until cleared. */
  times?: number;
};

/** Per-key behaviour of `GET /api_keys/rate_limits` and of the auth check of chat. */
export interface KeyOverride {
  /** Answer with this status (e.g. 429, 401) and `body` (default: Venice's error body). */
  status?: number;
  body?: unknown;
  accessPermitted?: boolean;
  /** Merged into the `data` of a 200 (e.g. `{ apiTier: { id: 'free' } }`). */
  data?: Record<string, unknown>;
}

export interface ChatOptions {
  /** The content deltas streamed, in order (default: "Hel", "lo! ", "Yes, I am working."). */
  chunks?: string[];
  /** Answer with this error instead (e.g. 402, 400); the body defaults to Venice's wording. */
  error?: { status: number; body?: unknown };
  usage?: ChatUsage;
  /** Pause between two SSE events. */
  chunkDelayMs?: number;
}

/**
 * How `GET /tee/attestation` answers: `good` echoes the nonce and model with `verified: true`;
 * `replay` sends the same recorded answer every time (an old nonce); `unverified` says
 * `verified: false`; `other-model` attests another model.
 */
export type AttestationMode = 'good' | 'replay' | 'unverified' | 'other-model';
/** The nonce of the recorded answer a replaying server sends. */
export const REPLAYED_NONCE = 'a5'.repeat(32);
export const ATTESTATION_SIGNING_ADDRESS = '0x7f3c9a1e5b2d4f6081a3c5e7d9b1f3a5c7e9d1b3';

export interface VeniceServerOptions {
  attestation?: AttestationMode;
  /** Rows of `GET /models`, filtered by `?type=` (default text; `all` = every row). Default: the snapshot. */
  models?: unknown[];
  compatibilityMapping?: Record<string, string>;
  traits?: Record<string, string>;
  /** Keys accepted as `Authorization: Bearer <key>` (default `[TEST_API_KEY]`). */
  validKeys?: string[];
  /** A key listed here is accepted too, and answered as the override says. */
  keyOverrides?: Record<string, KeyOverride>;
  chat?: ChatOptions;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as sent, e.g. `/api/v1/models?type=text`. */
  url: string;
  /** Path inside the API, without the query: `/models`. */
  path: string;
  query: Record<string, string>;
  /** Undefined for a path the server does not know (answered 404). */
  route: VeniceRoute | undefined;
  headers: IncomingHttpHeaders;
  /** The request body (filled in once it has been read). */
  body: string;
  /** True once the connection closed before the whole answer was sent (the client gave up, or a fault cut it). */
  cutShort: boolean;
}

export interface VeniceServer {
  /** `http://127.0.0.1:<port>/api/v1`, no trailing slash. */
  baseUrl: string;
  origin: string;
  port: number;
  /** Every request received, in order of arrival. */
  requests: RecordedRequest[];
  requestsTo(route: VeniceRoute): RecordedRequest[];
  /** `route: '*'` applies to every route without a fault of its own; `undefined` clears. */
  setFault(route: VeniceRoute | '*', fault: Fault | undefined): void;
  /** Changes the options (e.g. the rows) for the next requests. */
  update(options: Partial<VeniceServerOptions>): void;
  /** Closes the server and destroys every open socket, hanging ones included. Idempotent. */
  close(): Promise<void>;
}

const BASE_PATH = '/api/v1';
const MB = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const bearerKey = (req: IncomingMessage): string | undefined => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];

export async function startVeniceServer(initial: VeniceServerOptions = {}): Promise<VeniceServer> {
  const options: VeniceServerOptions = { ...initial };
  const faults = new Map<VeniceRoute | '*', Fault>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };

  /** The fault for this request, consuming one use of a counted fault. */
  const takeFault = (route: VeniceRoute): Fault | undefined => {
    const key = faults.has(route) ? route : faults.has('*') ? '*' : undefined;
    const fault = key === undefined ? undefined : faults.get(key);
    if (key === undefined || fault === undefined) return undefined;
    if (fault.times !== undefined) {
      if (fault.times <= 1) faults.delete(key);
      else faults.set(key, { ...fault, times: fault.times - 1 });
    }
    return fault;
  };

  /** Checks the Bearer key; answers 401 or the override's status itself and returns false then. */
  const authorize = (req: IncomingMessage, res: ServerResponse): { ok: boolean; override?: KeyOverride } => {
    const key = bearerKey(req);
    const override = key === undefined ? undefined : options.keyOverrides?.[key];
    if (override?.status !== undefined && override.status !== 200) {
      sendJson(res, override.status, override.body ?? errorBody(override.status));
      return { ok: false };
    }
    if (override === undefined && (key === undefined || !(options.validKeys ?? [TEST_API_KEY]).includes(key))) {
      sendJson(res, 401, errorBody(401));
      return { ok: false };
    }
    return override === undefined ? { ok: true } : { ok: true, override };
  };

  const answerChat = (req: IncomingMessage, rec: RecordedRequest, res: ServerResponse) => {
    if (!authorize(req, res).ok) return;
    const chat = options.chat ?? {};
    if (chat.error) return sendJson(res, chat.error.status, chat.error.body ?? errorBody(chat.error.status));
    let request: { model?: unknown; stream?: unknown };
    try {
      request = JSON.parse(rec.body) as typeof request;
    } catch {
      return sendJson(res, 400, errorBody(400));
    }
    const model = typeof request.model === 'string' ? request.model : 'unknown';
    const chunks = chat.chunks ?? ['Hel', 'lo! ', 'Yes, I am working.'];
    const usage = chat.usage ?? { prompt_tokens: 12, completion_tokens: chunks.length, total_tokens: 12 + chunks.length };
    if (request.stream !== true) return sendJson(res, 200, chatCompletion(model, chunks, usage));
    const events = chatStreamEvents(model, chunks, usage);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const next = (i: number) => {
      if (res.destroyed) return;
      const event = events[i];
      if (event === undefined) return void res.end();
      res.write(`data: ${event}\n\n`);
      if (chat.chunkDelayMs) later(chat.chunkDelayMs, () => next(i + 1));
      else next(i + 1);
    };
    next(0);
  };

  /** The normal answer of a route; `empty` and `malformed` alter it. */
  const answer = (route: VeniceRoute, rec: RecordedRequest, req: IncomingMessage, res: ServerResponse, fault?: Fault) => {
    const empty = fault?.kind === 'empty';
    switch (route) {
      case 'models': {
        const type = rec.query.type ?? 'text';
        const typeOf = (r: unknown) => (typeof r === 'object' && r !== null ? (r as { type?: unknown }).type : undefined);
        // Rows without a string type are served whatever the filter, so that broken rows get through.
        let rows = (options.models ?? SNAPSHOT_ROWS).filter((r) => type === 'all' || typeof typeOf(r) !== 'string' || typeOf(r) === type);
        if (empty) rows = [];
        if (fault?.kind === 'malformed') rows = interleave(rows, fault.rows ?? MALFORMED_ROWS);
        return sendJson(res, 200, { object: 'list', type, data: rows });
      }
      case 'compatibility-mapping':
        return sendJson(res, 200, { data: empty ? {} : (options.compatibilityMapping ?? DEFAULT_COMPATIBILITY_MAPPING) });
      case 'traits':
        return sendJson(res, 200, { data: empty ? {} : (options.traits ?? SNAPSHOT_TRAITS) });
      case 'rate-limits': {
        const { ok, override } = authorize(req, res);
        if (!ok) return;
        if (override?.body !== undefined) return sendJson(res, 200, override.body);
        const data = empty ? {} : { ...DEFAULT_RATE_LIMITS, ...override?.data };
        if (override?.accessPermitted !== undefined) Object.assign(data, { accessPermitted: override.accessPermitted });
        return sendJson(res, 200, { data });
      }
      case 'chat':
        return answerChat(req, rec, res);
      case 'attestation': {
        const mode = options.attestation ?? 'good';
        const model = rec.query.model ?? '';
        const nonce = rec.query.nonce ?? '';
        if (!/^[0-9a-f]{32,}$/i.test(nonce)) return sendJson(res, 400, { error: 'nonce must be at least 32 hexadecimal characters' });
        return sendJson(res, 200, {
          verified: mode !== 'unverified',
          nonce: mode === 'replay' ? REPLAYED_NONCE : nonce,
          model: mode === 'other-model' ? 'tee-other-model' : model,
          tee_provider: 'intel-tdx',
          intel_quote: 'BAACAIEAAAAAAAAAk5pyM_ecTKmUCg2zlX8GB...',
          nvidia_payload: '{"nonce":"…","evidence_list":[]}',
          signing_key: '04c1f2…',
          signing_address: ATTESTATION_SIGNING_ADDRESS,
        });
      }
    }
  };

  const handle = (route: VeniceRoute, rec: RecordedRequest, req: IncomingMessage, res: ServerResponse) => {
    const fault = takeFault(route);
    switch (fault?.kind) {
      case undefined:
      case 'empty':
      case 'malformed':
        return answer(route, rec, req, res, fault);
      case 'status':
        return sendJson(res, fault.status, fault.body ?? errorBody(fault.status));
      case 'hang':
        return;
      case 'reset':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100000 });
        res.write('{"object":"list","data":[{"id":"llama-3.3-70b","type":"text",');
        return later(20, () => req.socket.destroy());
      case 'invalid-json': {
        const text = '{"object":"list","data":[{"id":"llama-3.3-70b",';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        return void res.end(text);
      }
      case 'slow':
        return later(fault.delayMs, () => answer(route, rec, req, res));
      case 'huge':
        return streamHuge(res, fault.bytes ?? 60 * MB, fault.declareLength === true, fault.headersOnly === true);
      case 'echo-auth': {
        const message = `Authentication failed for ${req.headers.authorization ?? '(no header)'}`;
        return sendJson(res, fault.status ?? 401, fault.shape === 'object' ? { error: { message, type: 'auth_error' } } : { error: message });
      }
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const inApi = url.pathname.startsWith(`${BASE_PATH}/`);
    const path = inApi ? url.pathname.slice(BASE_PATH.length) : url.pathname;
    const route = inApi ? ROUTES[`${req.method} ${path.replace(/\/+$/, '')}`] : undefined;
    const rec: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      path,
      query: Object.fromEntries(url.searchParams),
      route,
      headers: { ...req.headers },
      body: '',
      cutShort: false,
    };
    requests.push(rec);
    res.once('close', () => {
      if (!res.writableFinished) rec.cutShort = true;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      rec.body = Buffer.concat(chunks).toString('utf8');
      if (closed) return void res.destroy();
      if (route === undefined) return sendJson(res, 404, errorBody(404));
      handle(route, rec, req, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${BASE_PATH}`,
    origin,
    port,
    requests,
    requestsTo: (route) => requests.filter((r) => r.route === route),
    setFault: (route, fault) => void (fault === undefined ? faults.delete(route) : faults.set(route, fault)),
    update: (next) => void Object.assign(options, next),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await done;
    },
  };
}

/** A base URL on which nothing listens (connection refused): a server started, then closed. */
export async function deadBaseUrl(): Promise<string> {
  const server = await startVeniceServer();
  await server.close();
  return server.baseUrl;
}
