import { loadCatalog } from '../catalog/load-catalog.js';
import { resolveConfigPath } from '../config/config-path.js';
import type { Context } from '../context.js';
import type { CatalogModel } from '../core/types.js';
import { getPath, isObject, readVeniceProvider } from '../core/openclaw-config.js';
import { planDefaultModel, toProviderEntry, VENICE_PATH } from '../core/plan-venice.js';
import { stripVenicePrefix } from '../core/resolve-model.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import type { GlobalOptions } from '../options.js';
import { loadConfig, prepareConfigChange } from '../onboard/config-change.js';
import { requireModel } from '../onboard/resolve-choice.js';
import { renderDiff, writeChanges } from '../onboard/write-changes.js';
import { palette } from '../ui/style.js';

export interface ModelsSetOptions extends GlobalOptions {
  model: string;
  dryRun: boolean;
}

/** Model ids already in the user's Venice block: they may be set even if the catalog lacks them. */
function providerModel(config: unknown, id: string): CatalogModel | undefined {
  const models = readVeniceProvider(config)?.models;
  const entry = Array.isArray(models) ? models.find((m) => isObject(m) && m.id === id) : undefined;
  if (!isObject(entry)) return undefined;
  const name = typeof entry.name === 'string' ? entry.name : id;
  return { id, name } as CatalogModel;
}

export async function runModelsSet(o: ModelsSetOptions, ctx: Context): Promise<number> {
  const c = palette(ctx.color);
  const loc = resolveConfigPath(o.config, ctx);
  if (!loc.exists) {
    throw new CliError('no-config', `No OpenClaw config at ${loc.path}.`, { hint: 'Run venice-onboard onboard first.' });
  }
  const loaded = await loadConfig(loc.path);
  if (readVeniceProvider(loaded.config) === undefined) {
    throw new CliError('no-provider', `${loc.path} has no Venice provider (models.providers.venice).`, {
      hint: 'Run venice-onboard onboard to add it.',
    });
  }
  const id = stripVenicePrefix(o.model);
  let model = providerModel(loaded.config, id);
  let fromCatalog = false;
  if (model === undefined) {
    const catalog = await loadCatalog({ ...o, allowFreshCache: true }, ctx);
    if (catalog.warning) ctx.stderr.write(`${c.yellow('!')} ${catalog.warning}\n`);
    const resolved = requireModel(o.model, catalog);
    if (resolved.note) ctx.stderr.write(`${c.yellow('!')} ${resolved.note}\n`);
    model = providerModel(loaded.config, resolved.model.id) ?? resolved.model;
    fromCatalog = providerModel(loaded.config, resolved.model.id) === undefined;
  }
  const chosen = model;
  const change = await prepareConfigChange(loaded, (config) => [
    ...planDefaultModel(config, chosen),
    // A model missing from the provider block is added, else OpenClaw cannot resolve the ref.
    ...(fromCatalog && Array.isArray(getPath(config, [...VENICE_PATH, 'models']))
      ? [{ op: 'append' as const, path: [...VENICE_PATH, 'models'], values: [toProviderEntry(chosen) as never] }]
      : []),
  ]);
  if (o.dryRun) {
    ctx.stdout.write(renderDiff(change ? [change] : [], [...ctx.secrets]));
    ctx.stderr.write(change ? 'Dry run: nothing was written.\n' : 'Dry run: nothing would change.\n');
    return ExitCode.ok;
  }
  const written = change ? await writeChanges([change]) : [];
  if (o.json) {
    ctx.stdout.write(`${JSON.stringify({ ok: true, configPath: loc.path, changed: written.length > 0, defaultModel: `venice/${chosen.id}` }, null, 2)}\n`);
  }
  ctx.stderr.write(written.length > 0 ? `Updated ${written[0]?.path}\n` : `${loc.path} already has this default: nothing to write.\n`);
  ctx.stderr.write(`Default model: venice/${chosen.id}\n`);
  return ExitCode.ok;
}

export async function modelsSetCommand(flags: Record<string, unknown>, args: string[], ctx: Context): Promise<number> {
  const model = args[0];
  if (model === undefined || model.trim() === '') throw usageError('Missing the model to set.', 'Example: venice-onboard models set venice/llama-3.3-70b');
  return runModelsSet({ ...(flags as unknown as GlobalOptions), model, dryRun: flags.dryRun === true }, ctx);
}
