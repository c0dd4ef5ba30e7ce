import type { EditOp, JsonValue } from '../json5-edit/index.js';
import { getPath, isObject } from './openclaw-config.js';
import type { ReleaseShape } from './openclaw-releases.js';
import { callableByOpenclaw, tierOf } from './tier.js';
import type { CatalogModel, ProviderModelEntry } from './types.js';

/**
 * What onboarding writes into the config (SPEC §5.2), as edit operations on the parsed
 * config. Pure: the caller applies them to the text. Only the paths of §5.2 ever appear here,
 * in the shape the target OpenClaw release accepts (`shape`, from core/openclaw-releases.ts).
 */
export type KeyStorage = 'config' | 'dotenv' | 'auth-profile' | 'none';

export interface VenicePlan {
  baseUrl: string;
  model: CatalogModel;
  catalog: readonly CatalogModel[];
  which: 'all' | 'default';
  refreshModels: boolean;
  keyStorage: KeyStorage;
  /** The key, for `config` storage only. */
  key?: string;
  /** What the target release accepts. */
  shape: ReleaseShape;
  /** OpenClaw says the Venice plugin is installed (or installs it in this run): enable it as OpenClaw's onboarding does. */
  enablePlugin: boolean;
  /** The catalog's limits are Venice's current word (catalog/load-catalog.ts hasCurrentLimits): they lower existing entries. */
  currentLimits?: boolean;
}

export const KEY_VAR = 'VENICE_API_KEY';
/** Where the key lives in the config: `env.vars`, accepted by every 2026 release. */
const KEY_PATH = ['env', 'vars', KEY_VAR] as const;
/** The product page's `env.VENICE_API_KEY`, refused from 2026.8.1: a re-run moves it to KEY_PATH. */
export const LEGACY_KEY_PATH = ['env', KEY_VAR] as const;
const KEY_REF = '${VENICE_API_KEY}';
const VENICE_PATH = ['models', 'providers', 'venice'] as const;
export const AUTH_PROFILE_ID = 'venice:default';

/**
 * A model row of the Venice block. Without `pinCost` (releases with the Venice plugin) the row has
 * no `cost`: OpenClaw then prices it from the plugin's live catalog, where a written cost would
 * override (pin) it. The limits are always written: they are what Venice accepts (HTTP 400 above),
 * and the only catalog OpenClaw has while the plugin is not installed.
 */
export function toProviderEntry(m: CatalogModel, pinCost = true): ProviderModelEntry {
  return {
    id: m.id,
    name: m.name,
    reasoning: m.capabilities.reasoning,
    input: m.capabilities.vision ? ['text', 'image'] : ['text'],
    ...(pinCost ? { cost: { ...m.cost } } : {}),
    contextWindow: m.contextWindow,
    maxTokens: m.maxTokens,
  };
}

/** A model the user keeps in their own Venice block, seen as a catalog model (for ids Venice does not list). */
function fromProviderEntry(item: unknown): CatalogModel | undefined {
  if (!isObject(item) || typeof item.id !== 'string' || item.id === '') return undefined;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  const input = Array.isArray(item.input) ? item.input : [];
  return {
    id: item.id,
    name: typeof item.name === 'string' ? item.name : item.id,
    privacy: 'unknown',
    tier: tierOf(item.id, 'unknown'),
    contextWindow: num(item.contextWindow, 128000),
    maxTokens: num(item.maxTokens, 4096),
    capabilities: { vision: input.includes('image'), tools: true, reasoning: item.reasoning === true, code: false },
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    deprecated: null,
    offline: false,
  };
}

/** The user's own entry for `id` in the Venice block, if any. */
export function findProviderModel(config: unknown, id: string): CatalogModel | undefined {
  const models = getPath(config, [...VENICE_PATH, 'models']);
  return Array.isArray(models) ? fromProviderEntry(models.find((m) => isObject(m) && m.id === id)) : undefined;
}

/** A number of an existing entry above Venice's live limit, and the limit it is lowered to. */
interface LoweredLimit {
  id: string;
  index: number;
  field: 'maxTokens' | 'contextWindow';
  from: number;
  to: number;
}

/**
 * The `maxTokens` and `contextWindow` of existing Venice entries above the limits Venice itself
 * reports for their ids (SPEC §5.2, the exception to its "existing entries are kept as they are"):
 * OpenClaw sends them, and Venice answers HTTP 400 above its limits, so a re-run lowers them. With
 * the Venice plugin too: OpenClaw layers a user row over the plugin's live row of the same id (SPEC
 * §8), so the user's number wins over the live one. Every other field, and a number at or below the
 * limit, stays as the user wrote it (never raised). Only limits Venice stated count (`reported`), never a fallback,
 * and the caller passes only a current catalog (VenicePlan.currentLimits). `maxTokens` is also
 * bounded by the live context, as new entries are (catalog/map-models.ts).
 */
export function findLimitsAbove(config: unknown, catalog: readonly CatalogModel[]): LoweredLimit[] {
  const models = getPath(config, [...VENICE_PATH, 'models']);
  if (!Array.isArray(models)) return [];
  const byId = new Map(catalog.map((m) => [m.id, m]));
  const lowered: LoweredLimit[] = [];
  models.forEach((item, index) => {
    if (!isObject(item) || typeof item.id !== 'string') return;
    const reported = byId.get(item.id)?.reported;
    if (reported === undefined) return;
    const limits = {
      maxTokens: Math.min(reported.maxTokens ?? Infinity, reported.contextWindow ?? Infinity),
      contextWindow: reported.contextWindow ?? Infinity,
    };
    for (const field of ['maxTokens', 'contextWindow'] as const) {
      const from = item[field];
      if (typeof from === 'number' && from > limits[field]) lowered.push({ id: item.id, index, field, from, to: limits[field] });
    }
  });
  return lowered;
}

/** "Lowered to Venice's live limits: venice/a maxTokens 8192 → 4096; venice/b contextWindow 131072 → 128000." */
export function describeLoweredLimits(lowered: readonly LoweredLimit[]): string {
  const byId = new Map<string, string[]>();
  for (const l of lowered) byId.set(l.id, [...(byId.get(l.id) ?? []), `${l.field} ${l.from} → ${l.to}`]);
  return `Lowered to Venice's live limits: ${[...byId].map(([id, changes]) => `venice/${id} ${changes.join(', ')}`).join('; ')}.`;
}

function planModels(config: unknown, plan: VenicePlan): EditOp[] {
  const entry = (m: CatalogModel) => toProviderEntry(m, plan.shape.pinCost) as unknown as JsonValue;
  const path = [...VENICE_PATH, 'models'];
  // E2EE models are left out: OpenClaw cannot call them (core/tier.ts).
  const wanted = plan.which === 'all' ? plan.catalog.filter(callableByOpenclaw) : [plan.model];
  // The chosen default is always present, even if it is missing from the list in use.
  const list = wanted.some((m) => m.id === plan.model.id) ? wanted : [...wanted, plan.model];
  const existing = getPath(config, path);
  if (!Array.isArray(existing)) return [{ op: 'set', path, value: list.map(entry) }];

  const ops: EditOp[] = [];
  const byId = new Map(plan.catalog.map((m) => [m.id, m]));
  byId.set(plan.model.id, plan.model);
  const present = new Set<string>();
  existing.forEach((item, index) => {
    const id = isObject(item) && typeof item.id === 'string' ? item.id : undefined;
    if (id === undefined) return;
    present.add(id);
    const fresh = byId.get(id);
    // User entries are theirs; with --refresh-models, entries of catalog ids take live values.
    if (plan.refreshModels && fresh) ops.push({ op: 'set', path: [...path, String(index)], value: entry(fresh) });
  });
  // Without it, only what Venice refuses changes: numbers above its current limits are lowered.
  if (!plan.refreshModels && plan.currentLimits) {
    for (const l of findLimitsAbove(config, plan.catalog)) ops.push({ op: 'set', path: [...path, String(l.index), l.field], value: l.to });
  }
  const missing = list.filter((m) => !present.has(m.id));
  if (missing.length > 0) ops.push({ op: 'append', path, values: missing.map(entry) });
  return ops;
}

function planDefault(config: unknown, ref: string): EditOp[] {
  const current = getPath(config, ['agents', 'defaults', 'model']);
  // The string form stays a string; the object form keeps its fallbacks.
  if (typeof current === 'string') return [{ op: 'set', path: ['agents', 'defaults', 'model'], value: ref }];
  return [{ op: 'set', path: ['agents', 'defaults', 'model', 'primary'], value: ref }];
}

/**
 * OpenClaw's model lists, extended when they exist so the new default is not blocked; never created.
 * `agents.defaults.models` (the allowlist of early releases, an alias catalog from 2026.8.1 that
 * still restricts until OpenClaw migrates it) gets an alias entry. From 2026.8.1 the allowlist is
 * `agents.defaults.modelPolicy.allow`: the ref is appended when the list names models; an empty
 * list permits every model, and adding one would forbid all others.
 */
function planAllowlist(config: unknown, model: CatalogModel, shape: Pick<ReleaseShape, 'modelPolicy'>): EditOp[] {
  const ref = `venice/${model.id}`;
  const ops: EditOp[] = [];
  const aliases = getPath(config, ['agents', 'defaults', 'models']);
  // Not an object (an array, a string): the op goes out anyway, and the editor refuses it as a wrong type.
  if (aliases !== undefined && !(isObject(aliases) && Object.hasOwn(aliases, ref))) ops.push({ op: 'set', path: ['agents', 'defaults', 'models', ref], value: { alias: model.name } });
  const allow = getPath(config, ['agents', 'defaults', 'modelPolicy', 'allow']);
  if (shape.modelPolicy && Array.isArray(allow) && allow.length > 0 && !allow.includes(ref) && !allow.includes('venice/*')) {
    ops.push({ op: 'append', path: ['agents', 'defaults', 'modelPolicy', 'allow'], values: [ref] });
  }
  return ops;
}

export function planDefaultModel(config: unknown, model: CatalogModel, shape: Pick<ReleaseShape, 'modelPolicy'>): EditOp[] {
  return [...planDefault(config, `venice/${model.id}`), ...planAllowlist(config, model, shape)];
}

/** The Venice row `models set` adds when the block lacks it (else OpenClaw cannot resolve the ref). */
export function planModelEntry(config: unknown, model: CatalogModel, shape: Pick<ReleaseShape, 'pinCost'>): EditOp[] {
  const path = [...VENICE_PATH, 'models'];
  const models = getPath(config, path);
  const entry = toProviderEntry(model, shape.pinCost) as unknown as JsonValue;
  if (!Array.isArray(models)) return [{ op: 'set', path, value: [entry] }];
  return models.some((m) => isObject(m) && m.id === model.id) ? [] : [{ op: 'append', path, values: [entry] }];
}

/** Whether the key sits at the product page's `env.VENICE_API_KEY`. */
export function hasLegacyKey(config: unknown): boolean {
  return getPath(config, LEGACY_KEY_PATH) !== undefined;
}

export function planVeniceEdits(config: unknown, plan: VenicePlan): EditOp[] {
  const ops: EditOp[] = [];
  if (plan.keyStorage === 'config' && plan.key !== undefined) {
    // The product page's place is moved, not copied (the caller says so); its comments stay.
    if (hasLegacyKey(config)) ops.push({ op: 'delete', path: LEGACY_KEY_PATH });
    ops.push({ op: 'set', path: KEY_PATH, value: plan.key });
  }
  if (plan.keyStorage === 'auth-profile') {
    ops.push({ op: 'set', path: ['auth', 'profiles', AUTH_PROFILE_ID], value: { provider: 'venice', mode: 'api_key' } });
  }
  ops.push(...planDefaultModel(config, plan.model, plan.shape));
  if (plan.enablePlugin) ops.push({ op: 'set', path: ['plugins', 'entries', 'venice', 'enabled'], value: true });
  if (getPath(config, ['models', 'mode']) === undefined) ops.push({ op: 'set', path: ['models', 'mode'], value: 'merge' });
  ops.push({ op: 'set', path: [...VENICE_PATH, 'baseUrl'], value: plan.baseUrl });
  // With the key in the config or .env, the block names it. Stored nowhere, the gateway's own
  // VENICE_API_KEY reaches Venice only through this reference from 2026.6.11 (no Venice plugin to
  // read it), while earlier releases read it unnamed.
  if (plan.keyStorage === 'config' || plan.keyStorage === 'dotenv' || (plan.keyStorage === 'none' && plan.shape.envKeyNeedsRef)) {
    ops.push({ op: 'set', path: [...VENICE_PATH, 'apiKey'], value: KEY_REF });
  } else if (getPath(config, [...VENICE_PATH, 'apiKey']) !== undefined) {
    // The key lives in the auth profile or the gateway's environment: a leftover apiKey (a literal,
    // or a ${VAR} nothing provides any more) would override it or stop OpenClaw.
    ops.push({ op: 'delete', path: [...VENICE_PATH, 'apiKey'] });
  }
  ops.push({ op: 'set', path: [...VENICE_PATH, 'api'], value: 'openai-completions' });
  ops.push(...planModels(config, plan));
  return ops;
}
