import { callableByOpenclaw, suggestable } from '../core/tier.js';
import type { CatalogModel, Tier } from '../core/types.js';

/** Resolving a model the user names (SPEC §4.3). */
type Resolution =
  | { ok: true; model: CatalogModel; renamedFrom?: string }
  | { ok: false; reason: 'other-provider' | 'unknown'; input: string; suggestions: string[] };

export function stripVenicePrefix(input: string): string {
  const trimmed = input.trim();
  return trimmed.startsWith('venice/') ? trimmed.slice('venice/'.length) : trimmed;
}

export function resolveModel(
  input: string,
  models: readonly CatalogModel[],
  renames: Readonly<Record<string, string>> = {},
): Resolution {
  const id = stripVenicePrefix(input);
  if (id.includes('/')) return { ok: false, reason: 'other-provider', input, suggestions: [] };
  const byId = new Map(models.map((m) => [m.id, m]));
  const exact = byId.get(id);
  if (exact) return { ok: true, model: exact };
  const renamed = renames[id];
  const target = renamed === undefined ? undefined : byId.get(renamed);
  if (target) return { ok: true, model: target, renamedFrom: id };
  // Only models OpenClaw can call are worth suggesting.
  return { ok: false, reason: 'unknown', input, suggestions: closestIds(id, models.filter(callableByOpenclaw).map((m) => m.id), 3) };
}

/** Up to `n` ids nearest to `id`: substring matches first, then by edit distance. */
export function closestIds(id: string, ids: readonly string[], n: number): string[] {
  const needle = id.toLowerCase();
  const scored = ids.map((candidate) => {
    const c = candidate.toLowerCase();
    const contains = needle !== '' && (c.includes(needle) || needle.includes(c));
    return { candidate, score: levenshtein(needle, c) - (contains ? 100 : 0) };
  });
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  const limit = Math.max(3, Math.ceil(needle.length * 0.6));
  return scored.filter((s) => s.score <= limit).slice(0, n).map((s) => s.candidate);
}

export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

const stem = (id: string) => id.replace(/^(e2ee|tee)-/, '').replace(/-p$/, '').replace(/[^a-z0-9]/gi, '').toLowerCase();
const SIBLING_ORDER: readonly Tier[] = ['tee', 'private', 'anonymized', 'unknown'];

/**
 * The same model in a tier OpenClaw can call: Venice names an E2EE model after its plain one
 * (`e2ee-glm-5-1` and `zai-org-glm-5-1`, `e2ee-gpt-oss-120b-p` and `openai-gpt-oss-120b`), so the
 * ids are compared without the tier prefix, the `-p` suffix, an organisation prefix and punctuation.
 * The most private sibling first; none when Venice lists no such model.
 */
export function siblingOf(id: string, models: readonly CatalogModel[]): CatalogModel | undefined {
  const wanted = stem(id);
  if (wanted === '') return undefined;
  const candidates = models.filter((m) => m.id !== id && suggestable(m) && stem(m.id).endsWith(wanted));
  return candidates.sort((a, b) => SIBLING_ORDER.indexOf(a.tier) - SIBLING_ORDER.indexOf(b.tier))[0];
}
