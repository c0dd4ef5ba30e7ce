import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapStringMap, mapModelsResponse } from './map-models.js';
import type { CatalogModel } from '../core/types.js';

/** The last good live answer, per base URL, under the user cache dir (SPEC §4.1). */
export const CACHE_TTL_MS = 60 * 60 * 1000;

export interface CachedCatalog {
  fetchedAt: string;
  models: CatalogModel[];
  renames: Record<string, string>;
  traits: Record<string, string>;
}

interface CacheFile {
  version: 1;
  baseUrl: string;
  fetchedAt: string;
  /** Raw rows, mapped again on read so that a newer mapping applies to an older cache. */
  rows: unknown[];
  renames: Record<string, string>;
  traits: Record<string, string>;
}

export function cacheFilePath(env: Record<string, string | undefined>, homedir: string): string {
  const xdg = env.XDG_CACHE_HOME?.trim();
  return join(xdg ? xdg : join(homedir, '.cache'), 'venice-onboard', 'models.json');
}

/** Any unreadable, foreign or corrupt cache is simply no cache. */
export async function readCache(file: string, baseUrl: string): Promise<CachedCatalog | undefined> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (data.version !== 1 || data.baseUrl !== baseUrl || typeof data.fetchedAt !== 'string') return undefined;
    if (Number.isNaN(Date.parse(data.fetchedAt))) return undefined;
    const models = mapModelsResponse(data.rows);
    if (models.length === 0) return undefined;
    return {
      fetchedAt: data.fetchedAt,
      models,
      renames: mapStringMap({ data: data.renames }),
      traits: mapStringMap({ data: data.traits }),
    };
  } catch {
    return undefined;
  }
}

/** Best effort: a cache we cannot write costs a request next time, nothing more. */
export async function writeCache(file: string, content: Omit<CacheFile, 'version'>): Promise<void> {
  try {
    // Synchronous, like the config writes (src/config/safe-write.ts): nothing else to do meanwhile.
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, ...content }), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // ignored on purpose
  }
}
