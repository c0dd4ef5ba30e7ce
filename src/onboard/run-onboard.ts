import { loadCatalog } from '../catalog/load-catalog.js';
import { describeLocation, resolveConfigPath } from '../config/config-path.js';
import { findStoredKeys, PLACE_LABEL } from '../config/key-stores.js';
import type { Context } from '../context.js';
import type { EditOp } from '../core/config-edit.js';
import { maskKey } from '../core/mask.js';
import { readDefaultModelRef, veniceIdOf } from '../core/openclaw-config.js';
import { KEY_VAR, planVeniceEdits, VENICE_PATH, type KeyStorage } from '../core/plan-venice.js';
import { DEFAULT_MODEL_ID } from '../core/static-catalog.js';
import { ExitCode } from '../errors.js';
import { palette } from '../ui/style.js';
import { loadConfig, prepareConfigChange, type FileChange } from './config-change.js';
import { checkKeyOnline, describeLimits, invalidKeyError } from './key-check.js';
import { removeDotenvKey, removeProfileKey, setDotenvKey, setProfileKey } from './key-store-change.js';
import type { Interaction } from './interaction.js';
import type { OnboardOptions } from './options.js';
import { conflictingKeys, describeConflicts, PLACE_OF, requireModel, storageOfExisting } from './resolve-choice.js';
import { renderDiff, writeChanges } from './write-changes.js';

/**
 * The one onboarding engine (SPEC §1.1), shared by the interactive and non-interactive modes:
 * every question goes through `ask`, which either prompts or turns a missing answer into a
 * usage error naming the flag.
 */
export async function runOnboard(o: OnboardOptions, ctx: Context, ask: Interaction): Promise<number> {
  const c = palette(ctx.color);
  const say = (line: string) => ctx.stderr.write(`${line}\n`);
  const loc = resolveConfigPath(o.config, ctx);
  ask.header(loc);
  if (o.nonInteractive) say(`${c.dim('Config:')} ${describeLocation(loc)}`);

  // The list is public: start fetching it now, so it is usually ready before the key is typed.
  const catalogPromise = loadCatalog({ ...o, allowFreshCache: true }, ctx);
  const loaded = await loadConfig(loc.path);
  const found = await findStoredKeys(loaded.config, loc.stateDir);
  // Keys already stored are secrets too: a diff that replaces one must not show it.
  for (const f of found) ctx.secrets.add(f.key);

  const key = await ask.key(found, async (candidate) => {
    if (o.skipKeyCheck || o.offline) return 'ok';
    const result = await checkKeyOnline(candidate, o, ctx);
    if (result.status === 'valid') say(`${c.green('✓')} Key ${maskKey(candidate)} is valid${describeLimits(result.limits)}.`);
    else if (result.status === 'unknown') say(`${c.yellow('!')} ${result.message} Continuing.`);
    else return result;
    return 'ok';
  });
  if (key === undefined && o.keyStorage !== 'none') throw ask.missingKey();
  if (key !== undefined) ctx.secrets.add(key);

  const catalog = await ask.waitForCatalog(catalogPromise);
  if (catalog.warning) say(`${c.yellow('!')} ${catalog.warning}`);
  const currentId = veniceIdOf(readDefaultModelRef(loaded.config));
  const modelInput = o.model ?? (await ask.model(catalog, currentId)) ?? currentId ?? DEFAULT_MODEL_ID;
  const { model, note } = requireModel(modelInput, catalog);
  if (note) say(`${c.yellow('!')} ${note}`);

  const storage: KeyStorage = o.keyStorage ?? (await ask.storage(storageOfExisting(found))) ?? storageOfExisting(found) ?? 'config';
  const conflicts = conflictingKeys(found, key);
  if (conflicts.length > 0 && !o.yes) await ask.confirmReplace(describeConflicts(conflicts));
  if (storage === 'none') say(`${c.yellow('!')} The key is stored nowhere: OpenClaw, and its gateway service, need VENICE_API_KEY in their environment.`);

  // Where the old keys go: conflicting copies outside the chosen place are removed.
  const stale = new Set(conflicts.map((f) => f.place).filter((p) => p !== PLACE_OF[storage]));
  const extraOps: EditOp[] = [];
  if (stale.has('config-env')) extraOps.push({ op: 'delete', path: ['env', KEY_VAR] });
  if (stale.has('config-literal') && (storage === 'auth-profile' || storage === 'none')) {
    extraOps.push({ op: 'delete', path: [...VENICE_PATH, 'apiKey'] });
  }
  const plan = { baseUrl: o.baseUrl, model, catalog: catalog.models, which: o.models, refreshModels: o.refreshModels, keyStorage: storage, key };
  const changes: FileChange[] = [];
  const add = (change: FileChange | null) => change && changes.push(change);
  if (key !== undefined && storage === 'dotenv') add(await setDotenvKey(loc.stateDir, key));
  if (key !== undefined && storage === 'auth-profile') add(await setProfileKey(loc.stateDir, key));
  if (stale.has('dotenv')) add(await removeDotenvKey(loc.stateDir));
  if (stale.has('auth-profile')) add(await removeProfileKey(loc.stateDir));
  add(await prepareConfigChange(loaded, (config) => [...planVeniceEdits(config, plan), ...extraOps]));

  const secrets = [...ctx.secrets];
  if (o.dryRun) {
    ctx.stdout.write(renderDiff(changes, secrets));
    say(changes.length === 0 ? 'Dry run: nothing would change.' : `Dry run: ${changes.length} file(s) would change; nothing was written.`);
    return ExitCode.ok;
  }
  if (changes.length === 0) {
    say(`${c.green('✓')} ${loc.path} already has this setup: nothing to write.`);
    return finish([], model.id, storage);
  }
  if (!(await ask.confirmWrite(renderDiff(changes, secrets)))) {
    say('Nothing was written.');
    return ExitCode.cancelled;
  }
  const written = await writeChanges(changes);
  return finish(written, model.id, storage);

  function finish(files: Awaited<ReturnType<typeof writeChanges>>, modelId: string, mode: KeyStorage): number {
    if (o.json) {
      const doc = { ok: true, configPath: loc.path, changed: files.length > 0, files, defaultModel: `venice/${modelId}`, keyStorage: mode, catalogSource: catalog.source };
      ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    }
    for (const f of files) say(`${c.green('✓')} Wrote ${f.path}${f.backup ? ` (backup: ${f.backup})` : ''}`);
    say(`  Default model: venice/${modelId}`);
    say(`  Key storage:   ${mode}${mode === 'none' ? '' : ` (${mode === 'config' ? PLACE_LABEL['config-env'] : mode === 'dotenv' ? PLACE_LABEL.dotenv : PLACE_LABEL['auth-profile']})`}`);
    say(`  Next: ${c.bold('venice-onboard verify --chat')}, then ${c.bold('openclaw models status')}`);
    return ExitCode.ok;
  }
}
