import type { EditOp, JsonValue } from './config-edit.js';
import { getPath, isObject } from './openclaw-config.js';
import type { CatalogModel, ProviderModelEntry } from './types.js';

/**
 * What onboarding writes into the config (SPEC §5.2), as edit operations on the parsed
 * config. Pure: the caller applies them to the text. Only the paths of §5.2 ever appear here.
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
}

export const KEY_VAR = 'VENICE_API_KEY';
export const KEY_REF = '${VENICE_API_KEY}';
export const VENICE_PATH = ['models', 'providers', 'venice'] as const;
export const AUTH_PROFILE_ID = 'venice:default';

export function toProviderEntry(m: CatalogModel): ProviderModelEntry {
  return {
    id: m.id,
    name: m.name,
    reasoning: m.capabilities.reasoning,
    input: m.capabilities.vision ? ['text', 'image'] : ['text'],
    cost: { ...m.cost },
    contextWindow: m.contextWindow,
    maxTokens: m.maxTokens,
  };
}

/** A model the user keeps in their own Venice block, seen as a catalog model (for ids Venice does not list). */
export function fromProviderEntry(item: unknown): CatalogModel | undefined {
  if (!isObject(item) || typeof item.id !== 'string' || item.id === '') return undefined;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  const input = Array.isArray(item.input) ? item.input : [];
  return {
    id: item.id,
    name: typeof item.name === 'string' ? item.name : item.id,
    privacy: 'unknown',
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

const entry = (m: CatalogModel) => toProviderEntry(m) as unknown as JsonValue;

function planModels(config: unknown, plan: VenicePlan): EditOp[] {
  const path = [...VENICE_PATH, 'models'];
  const wanted = plan.which === 'all' ? plan.catalog : [plan.model];
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

/** OpenClaw's allowlist: extended when it exists so the new default is not blocked; never created. */
function planAllowlist(config: unknown, model: CatalogModel): EditOp[] {
  const allow = getPath(config, ['agents', 'defaults', 'models']);
  const ref = `venice/${model.id}`;
  if (!isObject(allow) || ref in allow) return [];
  return [{ op: 'set', path: ['agents', 'defaults', 'models', ref], value: { alias: model.name } }];
}

export function planDefaultModel(config: unknown, model: CatalogModel): EditOp[] {
  return [...planDefault(config, `venice/${model.id}`), ...planAllowlist(config, model)];
}

export function planVeniceEdits(config: unknown, plan: VenicePlan): EditOp[] {
  const ops: EditOp[] = [];
  if (plan.keyStorage === 'config' && plan.key !== undefined) {
    ops.push({ op: 'set', path: ['env', KEY_VAR], value: plan.key });
  }
  if (plan.keyStorage === 'auth-profile') {
    ops.push({ op: 'set', path: ['auth', 'profiles', AUTH_PROFILE_ID], value: { provider: 'venice', mode: 'api_key' } });
  }
  ops.push(...planDefaultModel(config, plan.model));
  if (getPath(config, ['models', 'mode']) === undefined) ops.push({ op: 'set', path: ['models', 'mode'], value: 'merge' });
  ops.push({ op: 'set', path: [...VENICE_PATH, 'baseUrl'], value: plan.baseUrl });
  if (plan.keyStorage === 'config' || plan.keyStorage === 'dotenv') {
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
