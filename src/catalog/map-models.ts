import { STATIC_MODELS } from './static-catalog.js';
import { tierOf } from '../core/tier.js';
import type { CatalogModel, ModelCost, Privacy } from '../core/types.js';

/**
 * Maps `GET /models?type=text` rows to catalog models (SPEC §4.2). Venice adds and renames
 * fields often, so every field but `id` is optional and checked for its type; a bad row is
 * skipped, never allowed to drop the whole list.
 */
const DEFAULT_CONTEXT = 128000;
const UNKNOWN_MAX_TOKENS = 4096;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const posInt = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const usd = (v: unknown): number => {
  const n = isObj(v) ? v.usd : undefined;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0;
};

const staticById = new Map(STATIC_MODELS.map((m) => [m.id, m]));

export function mapModelRow(row: unknown): CatalogModel | undefined {
  if (!isObj(row)) return undefined;
  const id = str(row.id);
  if (id === undefined || /\s/.test(id)) return undefined;
  // Rows without a type are accepted: the reduced snapshot format omits it on some rows.
  if (row.type !== undefined && row.type !== 'text') return undefined;

  const known = staticById.get(id);
  const spec = isObj(row.model_spec) ? row.model_spec : {};
  const caps = isObj(spec.capabilities) ? spec.capabilities : {};
  const privacy: Privacy =
    spec.privacy === 'private' || spec.privacy === 'anonymized' ? spec.privacy : (known?.privacy ?? 'unknown');
  const liveContext = posInt(spec.availableContextTokens) ?? posInt(row.context_length);
  const contextWindow = liveContext ?? known?.contextWindow ?? DEFAULT_CONTEXT;
  const liveMax = posInt(spec.maxCompletionTokens);
  const maxTokens = Math.min(liveMax ?? known?.maxTokens ?? UNKNOWN_MAX_TOKENS, contextWindow);
  const reported = { ...(liveMax === undefined ? {} : { maxTokens }), ...(liveContext === undefined ? {} : { contextWindow }) };
  const pricing = isObj(spec.pricing) ? spec.pricing : {};
  const cost: ModelCost = {
    input: usd(pricing.input),
    output: usd(pricing.output),
    cacheRead: usd(pricing.cache_input),
    cacheWrite: usd(pricing.cache_write),
  };
  const deprecation = isObj(spec.deprecation) ? str(spec.deprecation.date) : undefined;

  return {
    id,
    name: str(spec.name) ?? known?.name ?? id,
    privacy,
    tier: tierOf(id, privacy, caps),
    contextWindow,
    maxTokens,
    capabilities: {
      vision: bool(caps.supportsVision) ?? known?.capabilities.vision ?? false,
      tools: caps.supportsFunctionCalling !== false,
      reasoning: bool(caps.supportsReasoning) ?? (id.includes('thinking') || (known?.capabilities.reasoning ?? false)),
      code: bool(caps.optimizedForCode) ?? known?.capabilities.code ?? false,
    },
    cost,
    deprecated: deprecation ?? null,
    offline: spec.offline === true,
    ...(Object.keys(reported).length > 0 ? { reported } : {}),
  };
}

/** The rows of an answer: the `{data:[…]}` envelope or a bare array; undefined for anything else. */
export function rowsOf(body: unknown): unknown[] | undefined {
  return Array.isArray(body) ? body : isObj(body) && Array.isArray(body.data) ? body.data : undefined;
}

/** Maps a whole answer (see rowsOf). Duplicate ids keep the first row. */
export function mapModelsResponse(body: unknown): CatalogModel[] {
  const rows = rowsOf(body);
  if (rows === undefined) throw new TypeError('the answer has no "data" list');
  const seen = new Set<string>();
  const models: CatalogModel[] = [];
  for (const row of rows) {
    const model = mapModelRow(row);
    if (model === undefined || seen.has(model.id)) continue;
    seen.add(model.id);
    models.push(model);
  }
  return models;
}

/**
 * `{"data":{…}}` → a plain map of string to string; anything else is ignored. Venice's renames
 * (`{"old-id":"new-id"}`) and traits (`{"default":"id"}`) both have this shape.
 */
export function mapStringMap(body: unknown): Record<string, string> {
  const data = isObj(body) && isObj(body.data) ? body.data : {};
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(data)) if (typeof to === 'string' && to !== '') out[from] = to;
  return out;
}
