import { resolveModel, stripVenicePrefix } from '../core/resolve-model.js';
import { maskKey } from '../core/mask.js';
import type { Catalog, CatalogModel } from '../core/types.js';
import { CliError } from '../errors.js';
import { PLACE_LABEL, type FoundKey } from '../config/key-stores.js';
import { findProviderModel, type KeyStorage } from '../core/plan-venice.js';

/**
 * Resolves `--model` (or a picked id) against the catalog in use (SPEC §4.3). An id the user
 * keeps in their own Venice block is accepted too, even when Venice does not list it.
 */
export function requireModel(input: string, catalog: Catalog, config?: unknown): { model: CatalogModel; note?: string } {
  const id = stripVenicePrefix(input);
  const own = config === undefined || catalog.models.some((m) => m.id === id) ? undefined : findProviderModel(config, id);
  if (own) return { model: own };
  const r = resolveModel(input, catalog.models, catalog.renames);
  if (r.ok) {
    const notes: string[] = [];
    if (r.renamedFrom) notes.push(`${r.renamedFrom} is now called ${r.model.id}.`);
    if (r.model.deprecated) notes.push(`${r.model.id} is deprecated (${r.model.deprecated.slice(0, 10)}); consider another model.`);
    if (r.model.offline) notes.push(`${r.model.id} is offline at Venice right now.`);
    return notes.length > 0 ? { model: r.model, note: notes.join(' ') } : { model: r.model };
  }
  if (r.reason === 'other-provider') {
    throw new CliError('model-other-provider', `"${input}" is not a Venice model: use venice/<id> or <id>.`, {
      hint: 'Run venice-onboard models list to see the Venice models.',
    });
  }
  const near = r.suggestions.length > 0 ? ` Did you mean ${r.suggestions.map((s) => `venice/${s}`).join(', ')}?` : '';
  throw new CliError('model-unknown', `Unknown model "${input}" in the ${catalog.source} catalog.${near}`, {
    hint: 'Run venice-onboard models list to see every model.',
  });
}

/** Where each storage mode puts the key (for conflict detection). */
export const PLACE_OF: Record<KeyStorage, FoundKey['place'] | undefined> = {
  config: 'config-env',
  dotenv: 'dotenv',
  'auth-profile': 'auth-profile',
  none: undefined,
};

/** The storage mode an existing key suggests: where the user already keeps it. */
export function storageOfExisting(found: readonly FoundKey[]): KeyStorage | undefined {
  const first = found.find((f) => f.place !== 'config-literal' && f.place !== 'env-var');
  return first === undefined ? undefined : (Object.entries(PLACE_OF).find(([, p]) => p === first.place)?.[0] as KeyStorage);
}

/** Stored copies outside the chosen place: they are removed, so the key lives in one place only. */
export function stalePlaces(found: readonly FoundKey[], storage: KeyStorage): Set<FoundKey['place']> {
  return new Set(found.map((f) => f.place).filter((p) => p !== 'env-var' && p !== PLACE_OF[storage]));
}

/**
 * Stored keys that will be replaced or moved: a different key anywhere, or any key outside the
 * chosen place. Touching them needs a confirmation or --yes (SPEC §3.3).
 */
export function keysToReplace(found: readonly FoundKey[], key: string | undefined, storage: KeyStorage): FoundKey[] {
  return found.filter((f) => f.place !== 'env-var' && (f.place !== PLACE_OF[storage] || (key !== undefined && f.key !== key)));
}

export function describeConflicts(conflicts: readonly FoundKey[]): string {
  return conflicts.map((c) => `${maskKey(c.key)} in the ${PLACE_LABEL[c.place]}`).join(' and ');
}
