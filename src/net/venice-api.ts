import { mapModelsResponse, mapStringMap, rowsOf } from '../catalog/map-models.js';
import type { CatalogModel } from '../core/types.js';
import { NetworkError, requestJson, type HttpOptions } from './http.js';

/** The Venice endpoints this tool uses. Each throws `NetworkError` on failure. */

export interface LiveModels {
  models: CatalogModel[];
  /** The raw rows, kept for the cache so a newer version of this tool can map them again. */
  rows: unknown[];
  elapsedMs: number;
}

export async function fetchModels(options: HttpOptions): Promise<LiveModels> {
  const res = await requestJson('/models?type=text', options);
  let models: CatalogModel[];
  try {
    models = mapModelsResponse(res.body);
  } catch {
    throw new NetworkError('unusable', 'the answer has no model list', res.status);
  }
  if (models.length === 0) throw new NetworkError('unusable', 'the answer lists no text model', res.status);
  return { models, rows: rowsOf(res.body) ?? [], elapsedMs: res.elapsedMs };
}

export async function fetchCompatibilityMapping(options: HttpOptions): Promise<Record<string, string>> {
  const res = await requestJson('/models/compatibility_mapping', options);
  return mapStringMap(res.body);
}

export async function fetchTraits(options: HttpOptions): Promise<Record<string, string>> {
  const res = await requestJson('/models/traits?type=text', options);
  return mapStringMap(res.body);
}

export interface RateLimits {
  accessPermitted: boolean;
  tier: string | undefined;
  balances: { usd?: number; diem?: number };
}

/** `GET /api_keys/rate_limits`: free, works for every key type (SPEC §3.2). Never retried on 401. */
export async function fetchRateLimits(options: HttpOptions & { apiKey: string }): Promise<RateLimits> {
  const res = await requestJson('/api_keys/rate_limits', options);
  const data = (res.body as { data?: Record<string, unknown> } | null)?.data ?? {};
  const balances = (typeof data.balances === 'object' && data.balances !== null ? data.balances : {}) as Record<
    string,
    unknown
  >;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const tier =
    typeof data.apiTier === 'object' && data.apiTier !== null
      ? (data.apiTier as Record<string, unknown>).id
      : data.apiTier;
  return {
    accessPermitted: data.accessPermitted !== false,
    tier: typeof tier === 'string' ? tier : undefined,
    balances: { usd: num(balances.USD), diem: num(balances.DIEM) },
  };
}

/** What `GET /tee/attestation` says of a model's enclave; every field as Venice sent it (type-checked). */
interface Attestation {
  verified: boolean | undefined;
  nonce: string | undefined;
  model: string | undefined;
  teeProvider: string | undefined;
  signingAddress: string | undefined;
}

/**
 * `GET /tee/attestation?model=<id>&nonce=<hex>`: the enclave's evidence, bound to our nonce. The
 * answer's fields are top-level (`{verified, nonce, model, tee_provider, intel_quote, nvidia_payload,
 * signing_key, signing_address}`); a `data` envelope is accepted too.
 */
export async function fetchAttestation(options: HttpOptions & { model: string; nonce: string }): Promise<Attestation> {
  const query = new URLSearchParams({ model: options.model, nonce: options.nonce });
  const res = await requestJson(`/tee/attestation?${query}`, options);
  const top = typeof res.body === 'object' && res.body !== null ? (res.body as Record<string, unknown>) : {};
  const body = typeof top.data === 'object' && top.data !== null && !('verified' in top) ? (top.data as Record<string, unknown>) : top;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    verified: typeof body.verified === 'boolean' ? body.verified : undefined,
    nonce: text(body.nonce),
    model: text(body.model),
    teeProvider: text(body.tee_provider),
    signingAddress: text(body.signing_address),
  };
}
