import type { Dispatcher } from 'undici';
import { STATIC_MODELS } from './static-catalog.js';
import type { Catalog } from '../core/types.js';
import { CACHE_TTL_MS, cacheFilePath, readCache, writeCache, type CachedCatalog } from './cache.js';

interface CatalogRequest {
  baseUrl: string;
  timeoutMs: number;
  offline: boolean;
  apiKey?: string;
  /** Use a cache younger than an hour without asking Venice (models list, onboard). */
  allowFreshCache: boolean;
  signal?: AbortSignal;
  /**
   * Also ask for the renames and Venice's own roles (default). Without them a live list comes back
   * `partial` and is not cached (the cache always holds a whole answer); see `withRenames`.
   */
  extras?: boolean;
}

interface CatalogDeps {
  env: Record<string, string | undefined>;
  homedir: string;
  now: () => Date;
  dispatcher?: Dispatcher;
}

/** live → cache → static (SPEC §4.1). Never throws: a fallback carries a `warning` to show. */
export async function loadCatalog(req: CatalogRequest, deps: CatalogDeps): Promise<Catalog> {
  const file = cacheFilePath(deps.env, deps.homedir);
  const cached = await readCache(file, req.baseUrl);
  const age = cached ? deps.now().getTime() - Date.parse(cached.fetchedAt) : Infinity;

  const fromCache = (hit: CachedCatalog, warning?: string): Catalog => ({
    source: 'cache',
    fetchedAt: hit.fetchedAt,
    models: hit.models,
    renames: hit.renames,
    traits: hit.traits,
    ...(warning === undefined ? {} : { warning }),
  });
  const fromStatic = (warning?: string): Catalog => ({
    source: 'static',
    fetchedAt: null,
    models: [...STATIC_MODELS],
    renames: {},
    traits: {},
    ...(warning === undefined ? {} : { warning }),
  });

  if (req.offline) return cached ? fromCache(cached) : fromStatic();
  if (cached && req.allowFreshCache && age >= 0 && age < CACHE_TTL_MS) return fromCache(cached);
  // The HTTP client is loaded only when we go to the network (start-up time of --offline runs).
  const { fetchCompatibilityMapping, fetchModels, fetchTraits } = await import('../net/venice-api.js');
  const http = { baseUrl: req.baseUrl, timeoutMs: req.timeoutMs, dispatcher: deps.dispatcher, apiKey: req.apiKey, signal: req.signal };
  // The renames and roles are extras: their failure never costs the list itself.
  const wanted = req.extras ?? true;
  const none = (): Record<string, string> => ({});
  const extras = wanted
    ? Promise.all([fetchCompatibilityMapping(http).catch(none), fetchTraits(http).catch(none)])
    : Promise.resolve<[Record<string, string>, Record<string, string>]>([none(), none()]);
  try {
    const live = await fetchModels(http);
    const [renames, traits] = await extras;
    const fetchedAt = deps.now().toISOString();
    if (!wanted) return { source: 'live', fetchedAt, models: live.models, renames, traits, partial: true };
    await writeCache(file, { baseUrl: req.baseUrl, fetchedAt, rows: live.rows, renames, traits });
    return { source: 'live', fetchedAt, models: live.models, renames, traits };
  } catch (error) {
    await extras;
    const reason = error instanceof Error ? error.message : String(error);
    return cached
      ? fromCache(cached, `Could not get the live model list (${reason}); using the cached list.`)
      : fromStatic(`Could not get the live model list (${reason}); using the built-in list, which may be out of date.`);
  }
}

/** A partial catalog with its renames fetched now (a failure leaves it as it was). */
export async function withRenames(catalog: Catalog, req: Pick<CatalogRequest, 'baseUrl' | 'timeoutMs' | 'signal'>, deps: Pick<CatalogDeps, 'dispatcher'>): Promise<Catalog> {
  if (!catalog.partial) return catalog;
  const { fetchCompatibilityMapping } = await import('../net/venice-api.js');
  const renames = await fetchCompatibilityMapping({ baseUrl: req.baseUrl, timeoutMs: req.timeoutMs, signal: req.signal, dispatcher: deps.dispatcher }).catch(() => undefined);
  return renames === undefined ? catalog : { ...catalog, renames };
}

/**
 * A catalog fetched without Venice's roles, with them fetched now: only a run that needs the
 * `default` role asks (a failure leaves the catalog as it was).
 */
export async function withTraits(catalog: Catalog, req: Pick<CatalogRequest, 'baseUrl' | 'timeoutMs' | 'signal'>, deps: Pick<CatalogDeps, 'dispatcher'>): Promise<Catalog> {
  if (!catalog.partial || Object.keys(catalog.traits).length > 0) return catalog;
  const { fetchTraits } = await import('../net/venice-api.js');
  const traits = await fetchTraits({ baseUrl: req.baseUrl, timeoutMs: req.timeoutMs, signal: req.signal, dispatcher: deps.dispatcher }).catch(() => undefined);
  return traits === undefined ? catalog : { ...catalog, traits };
}

/**
 * Whether the catalog's limits are Venice's current word: a live list, or a cache younger than an
 * hour (what onboarding trusts instead of asking). Only such limits lower the numbers a user wrote
 * in an existing entry (core/plan-venice.ts): an older cache (Venice unreachable, or --offline) or
 * the built-in list may be out of date, and an out-of-date limit would cut the user's number for
 * nothing; those runs keep the numbers, and `verify`, which always asks Venice, names any above.
 */
export function hasCurrentLimits(catalog: Catalog, now: Date): boolean {
  if (catalog.source === 'live') return true;
  if (catalog.source !== 'cache' || catalog.fetchedAt === null) return false;
  const age = now.getTime() - Date.parse(catalog.fetchedAt);
  return age >= 0 && age < CACHE_TTL_MS;
}

/** "live", "cache (12 min old)", "static": the words of the source line. */
export function describeSource(catalog: Catalog, now: Date): string {
  if (catalog.source !== 'cache' || catalog.fetchedAt === null) return catalog.source;
  return `cache (${formatAge(now.getTime() - Date.parse(catalog.fetchedAt))} old)`;
}

function formatAge(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60000));
  if (min < 60) return `${min} min`;
  const hours = Math.round(min / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
