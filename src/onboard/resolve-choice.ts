import { maskKey } from '../core/mask.js';
import { PLACE_LABEL, type FoundKey } from '../config/key-stores.js';
import type { KeyStorage } from '../core/plan-venice.js';

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
