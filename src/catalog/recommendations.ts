import { resolveModel } from './resolve-model.js';
import { suggestable } from '../core/tier.js';
import type { CatalogModel } from '../core/types.js';

/**
 * SPEC §4.4, in display order, each with the role of `GET /models/traits` that stands in for it
 * when its model is absent, deprecated, offline or E2EE (no role: the row is dropped).
 */
export const RECOMMENDATIONS: ReadonlyArray<readonly [label: string, id: string, trait?: string]> = [
  ['general chat', 'llama-3.3-70b', 'default'],
  ['best quality', 'claude-opus-45', 'most_intelligent'],
  ['coding', 'qwen3-coder-480b-a35b-instruct', 'default_code'],
  ['vision', 'qwen3-vl-235b-a22b', 'default_vision'],
  ['uncensored', 'venice-uncensored', 'most_uncensored'],
  ['fast and cheap', 'qwen3-4b'],
  ['complex reasoning', 'deepseek-v3.2', 'default_reasoning'],
];

/** Labels for the roles of `GET /models/traits`. Unknown roles are shown with their own name. */
const TRAIT_LABELS: Record<string, string> = {
  default: 'Venice default',
  default_code: 'Venice default for code',
  default_vision: 'Venice default for vision',
  default_reasoning: 'Venice default for reasoning',
  function_calling_default: 'Venice default for tools',
  most_intelligent: 'most intelligent (Venice)',
  most_uncensored: 'most uncensored (Venice)',
};

interface Recommendation {
  label: string;
  model: CatalogModel;
}

/**
 * Each recommendation resolved against the catalog in use. One whose model is absent, deprecated,
 * offline or E2EE gives way to Venice's own trait for that role, else is dropped; so do Venice's
 * roles themselves.
 */
export function listRecommendations(
  models: readonly CatalogModel[],
  renames: Readonly<Record<string, string>> = {},
  traits: Readonly<Record<string, string>> = {},
): Recommendation[] {
  const usable = (id: string | undefined): CatalogModel | undefined => {
    if (id === undefined) return undefined;
    const r = resolveModel(id, models, renames);
    return r.ok && suggestable(r.model) ? r.model : undefined;
  };
  const out: Recommendation[] = [];
  for (const [label, id, trait] of RECOMMENDATIONS) {
    const model = usable(id) ?? usable(trait === undefined ? undefined : traits[trait]);
    if (model) out.push({ label, model });
  }
  for (const [role, id] of Object.entries(traits)) {
    const model = usable(id);
    if (model) out.push({ label: TRAIT_LABELS[role] ?? role.replace(/_/g, ' '), model });
  }
  return out;
}

/**
 * The default of a run without --model and without a configured Venice default (SPEC §4.4):
 * llama-3.3-70b when the list has it (and it is usable), else Venice's `default` role, else the
 * first private text model. `reason` says why when it is not llama-3.3-70b.
 */
export function chooseDefaultModel(
  models: readonly CatalogModel[],
  traits: Readonly<Record<string, string>>,
  preferred: string,
): { model: CatalogModel; reason?: string } | undefined {
  const usable = (id: string | undefined) => models.find((m) => m.id === id && suggestable(m));
  const first = usable(preferred);
  if (first) return { model: first };
  const missing = models.some((m) => m.id === preferred) ? `${preferred} cannot be used right now` : `${preferred} is not in the model list`;
  const trait = usable(traits.default);
  if (trait) return { model: trait, reason: `${missing}; using Venice's default model` };
  const firstPrivate = models.find((m) => m.privacy === 'private' && suggestable(m));
  if (firstPrivate) return { model: firstPrivate, reason: `${missing}; using the first private model of the list` };
  return undefined;
}

/** model id → the labels it is recommended for. */
export function recommendationsById(recs: readonly Recommendation[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { label, model } of recs) map.set(model.id, [...(map.get(model.id) ?? []), label]);
  return map;
}
