import { listRecommendations, recommendationsById } from '../catalog/recommendations.js';
import type { Catalog, CatalogModel, Tier } from '../core/types.js';
import type { ChoiceGroup } from '../ui/prompt-types.js';
import { capabilityList, formatTokens } from '../ui/format.js';

/** `id — name · ctx 128k · vision · tools · reasoning`, with tier, deprecation and offline marks (SPEC §1.1 step 4). */
function describeModelRow(m: CatalogModel): string {
  const marks = [
    ...(m.tier === 'tee' ? ['TEE'] : []),
    ...(m.deprecated ? [`deprecated ${m.deprecated.slice(0, 10)}`] : []),
    ...(m.offline ? ['offline'] : []),
  ];
  const parts = [`ctx ${formatTokens(m.contextWindow)}`, ...capabilityList(m)];
  return `${m.id} — ${m.name} · ${parts.join(' · ')}${marks.length > 0 ? ` [${marks.join(', ')}]` : ''}`;
}

/** The picker's groups after the recommendations, private-most first; E2EE models are never offered (core/tier.ts). */
const GROUPS: ReadonlyArray<[Tier, string]> = [
  ['tee', 'TEE (hardware enclave, attested)'],
  ['private', 'Private'],
  ['anonymized', 'Anonymized'],
  ['unknown', 'Other'],
];

/** Recommended on top, then TEE, Private, Anonymized (then any other). */
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
    ...GROUPS.map(([tier, title]) => ({ title, choices: catalog.models.filter((m) => m.tier === tier).map(row) })),
  ];
  return groups.filter((g) => g.choices.length > 0);
}
