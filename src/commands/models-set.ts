import { loadCatalog } from '../catalog/load-catalog.js';
import { resolveConfigPath } from '../config/config-path.js';
import type { Context } from '../context.js';
import { readVeniceProvider } from '../core/openclaw-config.js';
import { describeOverride, findAgentOverrides } from '../core/agent-models.js';
import { findStoredKeys } from '../config/key-stores.js';
import { findProviderModel, planDefaultModel, planModelEntry } from '../core/plan-venice.js';
import { probeOpenclaw } from '../openclaw/target.js';
import { stripVenicePrefix } from '../catalog/resolve-model.js';
import { CliError, ExitCode } from '../errors.js';
import type { ModelsSetOptions } from '../options.js';
import { loadConfig, prepareConfigChange } from '../changes/config-change.js';
import { requireModel } from '../catalog/require-model.js';
import { renderDiff, writeChanges } from '../changes/write-changes.js';
import { palette } from '../ui/style.js';


export async function runModelsSet(o: ModelsSetOptions, ctx: Context): Promise<number> {
  const c = palette(ctx.color);
  const loc = resolveConfigPath(o.config, ctx);
  if (!loc.exists) {
    throw new CliError('no-config', `No OpenClaw config at ${loc.path}.`, { hint: 'Run venice-onboard onboard first.' });
  }
  const probing = probeOpenclaw(o.openclawVersion, ctx.env, loc);
  probing.catch(() => undefined); // awaited below, or the run failed first
  const loaded = await loadConfig(loc.path);
  if (readVeniceProvider(loaded.config) === undefined) {
    throw new CliError('no-provider', `${loc.path} has no Venice provider (models.providers.venice).`, {
      hint: 'Run venice-onboard onboard to add it.',
    });
  }
  // Stored keys never show in a diff, not even as context lines.
  for (const f of await findStoredKeys(loaded.config, loc.stateDir)) ctx.secrets.add(f.key);
  // An id already in the user's block needs no catalog (and no network).
  let chosen = findProviderModel(loaded.config, stripVenicePrefix(o.model));
  if (chosen === undefined) {
    const catalog = await loadCatalog({ ...o, allowFreshCache: true }, ctx);
    if (catalog.warning) ctx.stderr.write(`${c.yellow('!')} ${catalog.warning}\n`);
    const resolved = requireModel(o.model, catalog, loaded.config);
    if (resolved.note) ctx.stderr.write(`${c.yellow('!')} ${resolved.note}\n`);
    chosen = resolved.model;
  }
  const model = chosen;
  // The allowlist and the row follow what the target OpenClaw accepts (SPEC §8). A missing row is
  // added with the catalog's limits; rows already there are never edited here, so there is nothing
  // to lower to Venice's live limits: that is onboarding's (plan-venice.ts findLimitsAbove), and an id
  // already in the block is set without asking Venice at all. `verify` (model.limits) names a row above.
  const target = (await probing).targetFor(loaded.config);
  if (target.note) ctx.stderr.write(`${c.yellow('!')} ${target.note}\n`);
  const change = await prepareConfigChange(loaded, (config) => [...planDefaultModel(config, model, target.shape), ...planModelEntry(config, model, target.shape)]);
  for (const line of loaded.warnings) ctx.stderr.write(`${c.yellow('!')} ${line}\n`);
  // Agents with a model of their own keep it: each is named, with the edit that switches it.
  const overrides = findAgentOverrides(loaded.config).map((a) => `${c.yellow('!')} ${describeOverride(a, `venice/${model.id}`)}\n`);
  if (o.dryRun) {
    const diff = renderDiff(change ? [change] : [], [...ctx.secrets]);
    if (o.json) ctx.stdout.write(`${JSON.stringify({ ok: true, dryRun: true, configPath: loc.path, changed: change !== null, defaultModel: `venice/${model.id}`, diff }, null, 2)}\n`);
    else ctx.stdout.write(diff);
    for (const line of overrides) ctx.stderr.write(line);
    ctx.stderr.write(change ? 'Dry run: nothing was written.\n' : 'Dry run: nothing would change.\n');
    return ExitCode.ok;
  }
  const written = change ? await writeChanges([change]) : [];
  if (o.json) {
    ctx.stdout.write(`${JSON.stringify({ ok: true, configPath: loc.path, changed: written.length > 0, defaultModel: `venice/${model.id}` }, null, 2)}\n`);
  }
  ctx.stderr.write(written.length > 0 ? `Updated ${written[0]?.path}\n` : `${loc.path} already has this default: nothing to write.\n`);
  ctx.stderr.write(`Default model: venice/${model.id}\n`);
  for (const line of overrides) ctx.stderr.write(line);
  return ExitCode.ok;
}
