import { describeSource, hasCurrentLimits, loadCatalog, withRenames, withTraits } from '../catalog/load-catalog.js';
import { chooseDefaultModel } from '../catalog/recommendations.js';
import { tierOf } from '../core/tier.js';
import { describeLocation, resolveConfigPath } from '../config/config-path.js';
import { findStoredKeys, PLACE_LABEL } from '../config/key-stores.js';
import type { Context } from '../context.js';
import type { EditOp } from '../json5-edit/index.js';
import { mustMask } from '../core/key-format.js';
import { maskKey } from '../core/mask.js';
import { describeOverride, findAgentOverrides } from '../core/agent-models.js';
import { declaresVeniceProfile, readDefaultModelRef, veniceIdOf } from '../core/openclaw-config.js';
import { describeTarget, firstReleaseWhere } from '../core/openclaw-releases.js';
import { AUTH_PROFILE_ID, describeLoweredLimits, findLimitsAbove, hasLegacyKey, LEGACY_KEY_PATH, planVeniceEdits, type KeyStorage } from '../core/plan-venice.js';
import { stripVenicePrefix } from '../catalog/resolve-model.js';
import { DEFAULT_MODEL_ID } from '../catalog/static-catalog.js';
import { ExitCode } from '../errors.js';
import { askVenicePlugin, probeOpenclaw } from '../openclaw/target.js';
import { palette } from '../ui/style.js';
import { loadConfig, prepareConfigChange, type FileChange } from '../changes/config-change.js';
import { checkKeyOnline, describeLimits } from '../net/key-check.js';
import { removeDotenvKey, removeProfileKey, setDotenvKey, setProfileKey } from '../changes/key-store-change.js';
import type { Interaction } from './interaction.js';
import {
  describePlugin,
  installPluginStep,
  legacyProfileFile,
  removeKeyStep,
  requireOpenclawForProfile,
  saveKeyStep,
  type OpenclawStep,
} from './openclaw-steps.js';
import type { OnboardOptions } from '../options.js';
import { requireModel } from '../catalog/require-model.js';
import { describeConflicts, describePlaceholders, isPlaceholder, keysToReplace, PLACE_OF, stalePlaces, storageOfExisting } from './resolve-choice.js';
import { collapseRuns, renderDiff, writeChanges } from '../changes/write-changes.js';

/**
 * The one onboarding engine (SPEC §1.1), shared by the interactive and non-interactive modes:
 * every question goes through `ask`, which either prompts or turns a missing answer into a
 * usage error naming the flag.
 */
export async function runOnboard(o: OnboardOptions, ctx: Context, ask: Interaction): Promise<number> {
  // Whatever ends the run early (a refused key, a bad config) also ends the background fetch.
  const controller = new AbortController();
  try {
    return await onboard(o, ctx, ask, controller.signal);
  } finally {
    controller.abort();
  }
}

const STRICT_ENV_SINCE = firstReleaseWhere((s) => s.strictEnv);

async function onboard(o: OnboardOptions, ctx: Context, ask: Interaction, signal: AbortSignal): Promise<number> {
  const c = palette(ctx.color);
  const say = (line: string) => ctx.stderr.write(`${line}\n`);
  const loc = resolveConfigPath(o.config, ctx);
  ask.header(loc);
  if (o.nonInteractive) say(`${c.dim('Config:')} ${describeLocation(loc)}`);

  // The list is public: start fetching it now, so it is usually ready before the key is typed.
  // Without prompts, Venice's roles are never shown and renames matter only for an id the list
  // lacks: those two requests are skipped (start-up time, SPEC §7) and the renames asked for below.
  const catalogPromise = loadCatalog({ ...o, allowFreshCache: true, signal, extras: !o.nonInteractive }, ctx);
  // Which OpenClaw to write for (SPEC §8): `openclaw --version` runs alongside everything else.
  const probing = probeOpenclaw(o.openclawVersion, ctx.env, loc);
  // The config and the keys it stores are read while a key given by flags is read and its check
  // goes out, so that both requests are on their way before either answer is handled (start-up
  // time, SPEC §7). A prompt waits for them: it offers the stored keys. A broken config is still
  // reported before a missing key; a malformed key given by flags is reported first.
  const stored = loadConfig(loc.path).then(async (loaded) => {
    const found = await findStoredKeys(loaded.config, loc.stateDir);
    // Keys already stored are secrets too: a diff that replaces one must not show it.
    for (const f of found) if (mustMask(f.key)) ctx.secrets.add(f.key);
    return { loaded, found };
  });
  const storedKeys = stored.then(({ found }) => found);
  for (const pending of [stored, storedKeys, probing]) pending.catch(() => undefined); // awaited below, or the run failed first

  const key = await ask.key(storedKeys, async (candidate) => {
    if (o.skipKeyCheck || o.offline) return 'ok';
    const result = await checkKeyOnline(candidate, { ...o, signal }, ctx);
    if (signal.aborted) return 'ok'; // the run already ended another way: nothing more to say
    if (result.status === 'valid') say(`${c.green('✓')} Key ${maskKey(candidate)} is valid${describeLimits(result.limits)}.`);
    else if (result.status === 'unknown') say(`${c.yellow('!')} ${result.message} Continuing.`);
    else return result;
    return 'ok';
  });
  const { loaded, found } = await stored;
  if (key === undefined && o.keyStorage !== 'none') throw ask.missingKey();
  if (key !== undefined) ctx.secrets.add(key);

  const { openclaw, targetFor } = await probing;
  const target = targetFor(loaded.config);
  // Whether the Venice plugin is installed: asked now, answered while the model is picked.
  const pluginStatus = askVenicePlugin(target, openclaw, loaded.config);
  say(`${c.dim('OpenClaw:')} ${describeTarget(target)}`);
  if (target.note) say(`${c.yellow('!')} ${target.note}`);

  let catalog = await ask.waitForCatalog(catalogPromise);
  // Whatever the source, the user sees which one was used (SPEC §4.1).
  if (catalog.warning) say(`${c.yellow('!')} ${catalog.warning}`);
  else say(`${c.dim('Model list:')} ${describeSource(catalog, ctx.now())}${catalog.source === 'static' ? ' (built in; may be out of date)' : ''}, ${catalog.models.length} models`);
  // Without --model the configured Venice default is kept (a re-run to change the key must not
  // change the model), unless OpenClaw cannot call it (an E2EE model); a first setup gets
  // llama-3.3-70b, or the next best the list has (SPEC §4.4).
  let currentId = veniceIdOf(readDefaultModelRef(loaded.config));
  // The catalog's row says it (supportsE2EE); an id Venice no longer lists, its prefix.
  const currentTier = currentId === undefined ? undefined : (catalog.models.find((m) => m.id === currentId)?.tier ?? tierOf(currentId, 'unknown'));
  if (currentId !== undefined && o.model === undefined && currentTier === 'e2ee') {
    say(`${c.yellow('!')} Your default venice/${currentId} is end-to-end encrypted, which OpenClaw cannot call: choosing another.`);
    currentId = undefined;
  }
  const picked = o.model ?? (await ask.model(catalog, currentId)) ?? currentId;
  let fallback = picked === undefined ? chooseDefaultModel(catalog.models, catalog.traits, DEFAULT_MODEL_ID) : undefined;
  // Venice's roles are asked only when llama-3.3-70b cannot be the default (start-up time, SPEC §7).
  if (fallback?.reason !== undefined) {
    catalog = await withTraits(catalog, { ...o, signal }, ctx);
    fallback = chooseDefaultModel(catalog.models, catalog.traits, DEFAULT_MODEL_ID);
  }
  if (fallback?.reason) say(`${c.yellow('!')} ${fallback.reason}: venice/${fallback.model.id} (choose another with --model).`);
  const modelInput = picked ?? fallback?.model.id ?? DEFAULT_MODEL_ID;
  if (!catalog.models.some((m) => m.id === stripVenicePrefix(modelInput))) catalog = await withRenames(catalog, { ...o, signal }, ctx);
  const { model, note } = requireModel(modelInput, catalog, loaded.config);
  if (note) say(`${c.yellow('!')} ${note}`);

  // A profile in OpenClaw's SQLite store cannot be read, only seen declared in the config.
  const inStore = target.shape.authStore === 'sqlite' && declaresVeniceProfile(loaded.config);
  const existing = storageOfExisting(found) ?? (inStore ? 'auth-profile' : undefined);
  const storage: KeyStorage = o.keyStorage ?? (await ask.storage(existing)) ?? existing ?? 'config';
  if (storage === 'auth-profile') requireOpenclawForProfile(target, openclaw, loc);
  // auth-profile on a SQLite release: the key goes through OpenClaw, not into a file of ours.
  const profileInStore = storage === 'auth-profile' && target.shape.authStore === 'sqlite';
  const legacyFile = storage === 'auth-profile' ? legacyProfileFile(found, target) : undefined;
  // The JSON file OpenClaw no longer reads moves into its store with the same key, unasked.
  const replaced = keysToReplace(found, key, storage).filter((f) => !(f === legacyFile && f.key === key));
  const leavesStore = inStore && storage !== 'auth-profile';
  if ((replaced.length > 0 || leavesStore) && !o.yes) {
    const target = storage === 'none' ? 'gateway environment (stored nowhere)' : PLACE_LABEL[PLACE_OF[storage] ?? 'config-env'];
    const described = [...(replaced.length > 0 ? [describeConflicts(replaced)] : []), ...(leavesStore ? [`a key in OpenClaw's auth profile ${AUTH_PROFILE_ID}`] : [])];
    await ask.confirmReplace(described.join(' and '), replaced.every((f) => f.key === key), target);
  }
  if (storage === 'none') say(`${c.yellow('!')} The key is stored nowhere: OpenClaw, and its gateway service, need VENICE_API_KEY in their environment.`);

  const status = await pluginStatus;
  const plugin = describePlugin(target, openclaw, status);
  const installPlugin = plugin.missing && openclaw !== undefined && !o.dryRun && (await ask.installPlugin());
  const steps: OpenclawStep[] = [];
  if (installPlugin) steps.push(installPluginStep(openclaw!));
  if (profileInStore && key !== undefined) steps.push(saveKeyStep(openclaw!, key));
  const notes: string[] = [];
  if (leavesStore) {
    if (openclaw !== undefined && target.shape.authLogout) steps.push(removeKeyStep(openclaw));
    else notes.push(`OpenClaw ${target.version} cannot remove a saved auth profile from the command line: it keeps using ${AUTH_PROFILE_ID} until you remove it (openclaw configure).`);
  }

  const stale = stalePlaces(found, storage);
  const plan = {
    baseUrl: o.baseUrl,
    model,
    catalog: catalog.models,
    which: o.models,
    refreshModels: o.refreshModels,
    keyStorage: storage,
    key,
    shape: target.shape,
    // Enabled as OpenClaw's own onboarding does, once OpenClaw has the plugin; never before (an
    // entry for a plugin a release does not have is an error in 2026.1.29, a warning later).
    enablePlugin: installPlugin || status?.installed === true,
    currentLimits: hasCurrentLimits(catalog, ctx.now()),
  };
  const changes: FileChange[] = [];
  const add = (change: FileChange | null) => change && changes.push(change);
  if (key !== undefined && storage === 'dotenv') add(await setDotenvKey(loc.stateDir, key));
  if (key !== undefined && storage === 'auth-profile' && !profileInStore) add(await setProfileKey(loc.stateDir, key));
  if (stale.has('dotenv')) add(await removeDotenvKey(loc.stateDir));
  if (stale.has('auth-profile') || legacyFile) add(await removeProfileKey(loc.stateDir, target.shape.authStore === 'sqlite'));
  if (legacyFile && !isPlaceholder(legacyFile)) notes.push(`Moved the key from ${legacyFile.file} (which OpenClaw ${target.version} does not read) into OpenClaw's own store.`);
  // A key leaving the config takes along the `env: {}` or `auth: { profiles: {} }` its removal
  // empties; what the user wrote empty, or holds their comments, stays (json5-edit's `prune`).
  const extraOps: EditOp[] = found
    .filter((f) => f.place === 'config-env' && stale.has('config-env') && f.configPath)
    .map((f) => ({ op: 'delete', path: f.configPath!, prune: true }));
  if (leavesStore) extraOps.push({ op: 'delete', path: ['auth', 'profiles', AUTH_PROFILE_ID], prune: true });
  const configChange = await prepareConfigChange(loaded, (config) => [...planVeniceEdits(config, plan), ...extraOps]);
  add(configChange);
  for (const line of loaded.warnings) say(`${c.yellow('!')} ${line}`);
  const legacyPlaceholder = found.some((f) => isPlaceholder(f) && f.configPath?.join('.') === LEGACY_KEY_PATH.join('.'));
  if (storage === 'config' && hasLegacyKey(loaded.config) && !legacyPlaceholder) {
    notes.push(`Moved the key from env.VENICE_API_KEY to env.vars.VENICE_API_KEY: OpenClaw ${STRICT_ENV_SINCE} and later refuse the old place.`);
  }
  const lowered = plan.currentLimits && !plan.refreshModels ? findLimitsAbove(loaded.config, plan.catalog) : [];
  if (lowered.length > 0) notes.push(describeLoweredLimits(lowered));
  notes.push(...describePlaceholders(found, key === undefined || profileInStore ? undefined : PLACE_OF[storage]));
  await ask.keyChecked(); // a refused key stops the run here: nothing shown, nothing written

  const summary = { configPath: loc.path, defaultModel: `venice/${model.id}`, keyStorage: storage, catalogSource: catalog.source, openclawVersion: target.version };
  const then = steps.map((s) => `  then: ${s.command}\n`).join('');
  // Agents with a model of their own never use the default just written: each is named, with its edit.
  const overrides = findAgentOverrides(loaded.config).map((a) => `${c.yellow('!')} ${describeOverride(a, summary.defaultModel)}`);
  if (o.dryRun) {
    const diff = renderDiff(changes, [...ctx.secrets]);
    if (o.json) ctx.stdout.write(`${JSON.stringify({ ok: true, dryRun: true, ...summary, changed: changes.length > 0 || steps.length > 0, diff, openclawSteps: steps.map((s) => s.command) }, null, 2)}\n`);
    else ctx.stdout.write(diff);
    if (then && !o.json) ctx.stderr.write(then);
    if (plugin.line) say(`${plugin.missing ? c.yellow('!') : c.dim('·')} ${plugin.line}`);
    for (const line of overrides) say(line);
    say(changes.length === 0 && steps.length === 0 ? 'Dry run: nothing would change.' : `Dry run: ${changes.length} file(s) would change${steps.length > 0 ? ` and OpenClaw would run ${steps.length} command(s)` : ''}; nothing was written.`);
    return ExitCode.ok;
  }
  if (changes.length === 0 && steps.length === 0) say(`${c.green('✓')} ${loc.path} already has this setup: nothing to write.`);
  else if (!(await ask.confirmWrite(() => collapseRuns(renderDiff(changes, [...ctx.secrets]), 40) + then))) {
    say('Nothing was written.');
    return ExitCode.cancelled;
  }
  // OpenClaw's steps first, on the config as it will be written: if one fails, no file is touched.
  const configText = configChange?.after ?? loaded.text;
  for (const step of steps) await step.run(configText);
  const written = changes.length === 0 ? [] : await writeChanges(changes);

  if (o.json) ctx.stdout.write(`${JSON.stringify({ ok: true, ...summary, changed: written.length > 0 || steps.length > 0, files: written }, null, 2)}\n`);
  for (const f of written) say(`${c.green('✓')} ${f.removed ? 'Removed' : 'Wrote'} ${f.path}${f.backup ? ` (backup: ${f.backup})` : ''}`);
  for (const step of steps) say(`${c.green('✓')} Ran ${step.command}`);
  // A place that held only a placeholder has its own line among the notes.
  for (const place of stale) if (found.some((f) => f.place === place && !isPlaceholder(f))) say(`  Removed the key from the ${PLACE_LABEL[place]}.`);
  for (const line of notes) say(`  ${line}`);
  say(`  Default model: venice/${model.id}`);
  for (const line of overrides) say(line);
  say(`  Key storage:   ${storage}${storage === 'none' ? '' : ` (${PLACE_LABEL[PLACE_OF[storage] ?? 'config-env']})`}`);
  if (plugin.line && !installPlugin) say(`${plugin.missing ? c.yellow('!') : ' '} ${plugin.line}`);
  say(`  Next: ${c.bold('venice-onboard verify --chat')}, then ${c.bold('openclaw models status')}`);
  return ExitCode.ok;
}
