import { readFileSync } from 'node:fs';
import { describeSource, loadCatalog } from '../catalog/load-catalog.js';
import { resolveConfigPath } from '../config/config-path.js';
import type { Context } from '../context.js';
import { listRecommendations, recommendationsById } from '../catalog/recommendations.js';
import { readDefaultModelRef, veniceIdOf } from '../core/openclaw-config.js';
import type { CatalogModel, Tier } from '../core/types.js';
import type { ModelsListOptions } from '../options.js';
import { capabilityList, formatTokens, padColumns } from '../ui/format.js';
import { palette } from '../ui/style.js';

/** Filters of SPEC §1.3; pure. */
function filterModels(models: readonly CatalogModel[], o: Pick<ModelsListOptions, 'privacy' | 'capabilities' | 'search'>): CatalogModel[] {
  const needle = o.search?.trim().toLowerCase();
  return models.filter(
    (m) =>
      (o.privacy === undefined || m.tier === o.privacy) &&
      o.capabilities.every((c) => m.capabilities[c]) &&
      (!needle || m.id.toLowerCase().includes(needle) || m.name.toLowerCase().includes(needle)),
  );
}

/** The configured default, for the marker. An unreadable config just means no marker. */
async function readConfiguredDefault(options: Pick<ModelsListOptions, 'config'>, ctx: Pick<Context, 'env' | 'homedir'>): Promise<string | undefined> {
  const loc = resolveConfigPath(options.config, ctx);
  if (!loc.exists) return undefined;
  try {
    const { parseJson5 } = await import('../json5-edit/json5-read.js'); // only when there is a config to read
    return veniceIdOf(readDefaultModelRef(parseJson5(readFileSync(loc.path, 'utf8'))));
  } catch {
    return undefined;
  }
}

/** Grouped by tier, most private first (SPEC §4.3a). */
const GROUPS: ReadonlyArray<[Tier, string]> = [
  ['e2ee', 'E2EE: end-to-end encrypted, needs an E2EE client (OpenClaw cannot call these)'],
  ['tee', 'TEE: private, in a hardware enclave (verify checks its attestation)'],
  ['private', 'Private: prompts and replies are never stored'],
  ['anonymized', 'Anonymized: proxied by Venice, the provider sees no identity'],
  ['unknown', 'Other'],
];

/** The marks after the capabilities: the tier's, then Venice's state of the model. */
function marks(m: CatalogModel): string[] {
  return [
    ...(m.tier === 'e2ee' ? ['E2EE client only'] : m.tier === 'tee' ? ['TEE'] : []),
    ...(m.deprecated ? [`deprecated ${m.deprecated.slice(0, 10)}`] : []),
    ...(m.offline ? ['offline'] : []),
  ];
}

export async function runModelsList(options: ModelsListOptions, ctx: Context): Promise<number> {
  // With a key, the list matches what that key may use (SPEC §4.1).
  const apiKey = ctx.env.VENICE_API_KEY?.trim() || undefined;
  if (apiKey !== undefined) ctx.secrets.add(apiKey);
  const catalog = await loadCatalog({ ...options, allowFreshCache: true, apiKey }, ctx);
  const defaultId = await readConfiguredDefault(options, ctx);
  const recs = recommendationsById(listRecommendations(catalog.models, catalog.renames, catalog.traits));
  const models = filterModels(catalog.models, options);
  const c = palette(ctx.color);

  if (!options.json) {
    ctx.stderr.write(`${c.dim('Source:')} ${describeSource(catalog, ctx.now())} ${c.dim(`(${options.baseUrl})`)}\n`);
  }
  if (catalog.warning) ctx.stderr.write(`${c.yellow('!')} ${catalog.warning}\n`);

  if (options.json) {
    const doc = {
      source: catalog.source,
      fetchedAt: catalog.fetchedAt,
      count: models.length,
      models: models.map((m) => ({
        ref: `venice/${m.id}`,
        id: m.id,
        name: m.name,
        privacy: m.privacy,
        tier: m.tier,
        contextWindow: m.contextWindow,
        maxTokens: m.maxTokens,
        capabilities: { ...m.capabilities },
        deprecated: m.deprecated,
        offline: m.offline,
        default: m.id === defaultId,
        recommendedFor: recs.get(m.id) ?? [],
      })),
    };
    ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  if (options.plain) {
    for (const m of models) ctx.stdout.write(`venice/${m.id}\n`);
    return 0;
  }
  if (models.length === 0) {
    ctx.stderr.write('No model matches these filters.\n');
    return 0;
  }
  for (const [tier, title] of GROUPS) {
    const group = models.filter((m) => m.tier === tier);
    if (group.length === 0) continue;
    ctx.stdout.write(`\n${c.bold(`${title} (${group.length})`)}\n`);
    const rows = group.map((m) => [
      m.id === defaultId ? '*' : ' ',
      `venice/${m.id}`,
      m.name,
      formatTokens(m.contextWindow),
      formatTokens(m.maxTokens),
      [...capabilityList(m), ...marks(m)].join(', '),
    ]);
    const lines = padColumns([[' ', 'MODEL', 'NAME', 'CONTEXT', 'MAX OUT', 'CAPABILITIES'], ...rows]);
    ctx.stdout.write(`${c.dim(lines[0] ?? '')}\n`);
    for (const line of lines.slice(1)) ctx.stdout.write(`${line.startsWith('*') ? c.green(line) : line}\n`);
  }
  if (defaultId !== undefined) ctx.stdout.write(`\n* your default model\n`);
  return 0;
}

