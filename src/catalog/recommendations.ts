import { resolveModel } from './resolve-model.js';
import type { CatalogModel } from '../core/types.js';

/** SPEC §4.4, in display order. */
export const RECOMMENDATIONS: ReadonlyArray<readonly [label: string, id: string]> = [
  ['general chat', 'llama-3.3-70b'],
  ['best quality', 'claude-opus-45'],
  ['coding', 'qwen3-coder-480b-a35b-instruct'],
  ['vision', 'qwen3-vl-235b-a22b'],
  ['uncensored', 'venice-uncensored'],
  ['fast and cheap', 'qwen3-4b'],
  ['complex reasoning', 'deepseek-v3.2'],
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

/** Each recommendation resolved against the catalog in use; absent models are dropped. */
export function listRecommendations(
  models: readonly CatalogModel[],
  renames: Readonly<Record<string, string>> = {},
  traits: Readonly<Record<string, string>> = {},
): Recommendation[] {
  const out: Recommendation[] = [];
  for (const [label, id] of RECOMMENDATIONS) {
    const r = resolveModel(id, models, renames);
    if (r.ok) out.push({ label, model: r.model });
  }
  for (const [role, id] of Object.entries(traits)) {
    const r = resolveModel(id, models, renames);
    if (r.ok) out.push({ label: TRAIT_LABELS[role] ?? role.replace(/_/g, ' '), model: r.model });
  }
  return out;
}

/** model id → the labels it is recommended for. */
export function recommendationsById(recs: readonly Recommendation[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { label, model } of recs) map.set(model.id, [...(map.get(model.id) ?? []), label]);
  return map;
}
