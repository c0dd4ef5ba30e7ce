import { listRecommendations, recommendationsById } from '../catalog/recommendations.js';
import type { Catalog, CatalogModel } from '../core/types.js';
import type { ChoiceGroup } from '../ui/prompt-types.js';
import { capabilityList, formatTokens } from '../ui/format.js';

/** `id — name · ctx 128k · vision · tools · reasoning`, with deprecation/offline marks (SPEC §1.1 step 4). */
function describeModelRow(m: CatalogModel): string {
  const marks = [
    ...(m.deprecated ? [`deprecated ${m.deprecated.slice(0, 10)}`] : []),
    ...(m.offline ? ['offline'] : []),
  ];
  const parts = [`ctx ${formatTokens(m.contextWindow)}`, ...capabilityList(m)];
  return `${m.id} — ${m.name} · ${parts.join(' · ')}${marks.length > 0 ? ` [${marks.join(', ')}]` : ''}`;
}

/** Recommended on top, then Private, then Anonymized (then any other). */
export function buildModelGroups(catalog: Catalog): ChoiceGroup<string>[] {
  const labels = recommendationsById(listRecommendations(catalog.models, catalog.renames, catalog.traits));
  const byId = new Map(catalog.models.map((m) => [m.id, m]));
  const row = (m: CatalogModel) => ({ value: m.id, name: describeModelRow(m) });
  // One row per recommended model, its roles together ("Venice default, Venice default for tools: …").
  const recommended = [...labels].flatMap(([id, roles]) => {
    const m = byId.get(id);
    return m ? [{ value: id, name: `${roles.join(', ')}: ${describeModelRow(m)}` }] : [];
  });
  const groups: ChoiceGroup<string>[] = [
    { title: 'Recommended', choices: recommended },
    { title: 'Private', choices: catalog.models.filter((m) => m.privacy === 'private').map(row) },
    { title: 'Anonymized', choices: catalog.models.filter((m) => m.privacy === 'anonymized').map(row) },
    { title: 'Other', choices: catalog.models.filter((m) => m.privacy === 'unknown').map(row) },
  ];
  return groups.filter((g) => g.choices.length > 0);
}
