import { isPlaceholderKey } from '../core/key-format.js';
import { maskKey, showPlaceholder } from '../core/mask.js';
import { PLACE_LABEL, type FoundKey } from '../config/key-stores.js';
import type { KeyStorage } from '../core/plan-venice.js';

/** Where each storage mode puts the key (for conflict detection). */
export const PLACE_OF: Record<KeyStorage, FoundKey['place'] | undefined> = {
  config: 'config-env',
  dotenv: 'dotenv',
  'auth-profile': 'auth-profile',
  none: undefined,
};

/**
 * A stored placeholder (`vapi_...`, the product page's example) is not a key (SPEC §3.3): never
 * offered, kept or confirmed, replaced or removed unasked, and said so.
 */
export const isPlaceholder = (f: FoundKey) => isPlaceholderKey(f.key);

/**
 * The storage mode an existing key suggests: where the user already keeps it. A placeholder says
 * where the user meant the key to go (the product page's `env.VENICE_API_KEY`, a `.env` line), so
 * it counts, after every real key.
 */
export function storageOfExisting(found: readonly FoundKey[]): KeyStorage | undefined {
  const places = found.filter((f) => f.place !== 'config-literal' && f.place !== 'env-var');
  const first = places.find((f) => !isPlaceholder(f)) ?? places[0];
  return first === undefined ? undefined : (Object.entries(PLACE_OF).find(([, p]) => p === first.place)?.[0] as KeyStorage);
}

/** Stored copies outside the chosen place: they are removed, so the key lives in one place only. */
export function stalePlaces(found: readonly FoundKey[], storage: KeyStorage): Set<FoundKey['place']> {
  return new Set(found.map((f) => f.place).filter((p) => p !== 'env-var' && p !== PLACE_OF[storage]));
}

/**
 * Stored keys that will be replaced or moved: a different key anywhere, or any key outside the
 * chosen place. Touching them needs a confirmation or --yes (SPEC §3.3); a placeholder does not.
 */
export function keysToReplace(found: readonly FoundKey[], key: string | undefined, storage: KeyStorage): FoundKey[] {
  return found.filter((f) => f.place !== 'env-var' && !isPlaceholder(f) && (f.place !== PLACE_OF[storage] || (key !== undefined && f.key !== key)));
}

/** Where a stored value sits, for messages: its path in the config, else its file. */
export function whereStored(f: FoundKey): string {
  return f.configPath?.join('.') ?? f.file ?? PLACE_LABEL[f.place];
}

/**
 * What happened to each stored placeholder: replaced where the key is written (`keyPlace`: none
 * when no key is written to a store of ours), removed everywhere else.
 */
export function describePlaceholders(found: readonly FoundKey[], keyPlace: FoundKey['place'] | undefined): string[] {
  return found
    .filter((f) => f.place !== 'env-var' && isPlaceholder(f))
    .map((f) =>
      f.place === keyPlace
        ? `Replaced the placeholder key in ${whereStored(f)} (${showPlaceholder(f.key)} is not a real key).`
        : `Removed the placeholder key from ${whereStored(f)} (${showPlaceholder(f.key)} is not a real key).`,
    );
}

export function describeConflicts(conflicts: readonly FoundKey[]): string {
  return conflicts.map((c) => `${maskKey(c.key)} in the ${PLACE_LABEL[c.place]}`).join(' and ');
}
