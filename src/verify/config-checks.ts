import { isLoopbackHost } from '../core/base-url.js';
import { stripVenicePrefix } from '../catalog/resolve-model.js';
import { describeLocation, type ConfigLocation } from '../config/config-path.js';
import { envBlockRefs, envBlockVars, findEnvRefs } from '../core/env-refs.js';
import { describeAgent, findAgentOverrides } from '../core/agent-models.js';
import { DEFAULT_MODEL_ID } from '../catalog/static-catalog.js';
import { parseJson5 } from '../json5-edit/json5-read.js';
import { getPath, isObject, readDefaultModelRef, readVeniceProvider, veniceIdOf } from '../core/openclaw-config.js';
import type { ReleaseShape } from '../core/openclaw-releases.js';
import { fail, pass, warn, type CheckOutcome } from './types.js';

/** The config checks of SPEC §1.2: no network, in order. */

export function checkConfigFound(loc: ConfigLocation): CheckOutcome {
  return loc.exists
    ? pass(describeLocation(loc))
    : fail(`No OpenClaw config at ${describeLocation(loc)}.`, 'Run venice-onboard onboard to create it, or pass --config <path>.');
}

export function checkConfigParse(text: string): { outcome: CheckOutcome; config?: unknown } {
  try {
    const config: unknown = parseJson5(text.replace(/^\uFEFF/, ''));
    if (!isObject(config)) return { outcome: fail('The config is not a JSON5 object.', 'The file must start with { and end with }.') };
    return { outcome: pass('Valid JSON5.'), config };
  } catch (error) {
    const e = error as { lineNumber?: number; columnNumber?: number; message: string };
    const where = e.lineNumber ? ` at line ${e.lineNumber}, column ${e.columnNumber}` : '';
    const why = e.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
    return { outcome: fail(`Invalid JSON5${where}: ${why}.`, 'Fix that line by hand (or restore the .bak next to the file).') };
  }
}

// Keys OpenClaw's schema accepts in a provider block and in a model entry (`openclaw config schema`
// of 2026.9.6; earlier releases accept fewer, and openclaw.validate asks the one installed).
const PROVIDER_KEYS = new Set(['baseUrl', 'apiKey', 'auth', 'api', 'maxTokens', 'timeoutSeconds', 'region', 'injectNumCtxForOpenAICompat', 'params', 'agentRuntime', 'localService', 'headers', 'authHeader', 'request', 'models']);
const MODEL_KEYS = new Set(['id', 'name', 'api', 'baseUrl', 'reasoning', 'input', 'cost', 'contextWindow', 'contextTokens', 'maxTokens', 'thinkingLevelMap', 'params', 'agentRuntime', 'headers', 'compat', 'mediaInput', 'metadataSource']);

/** With the Venice plugin, OpenClaw's own onboarding leaves `models: []`: the plugin's catalog lists them. */
const pluginCatalog = (shape: Pick<ReleaseShape, 'venice'>, models: unknown) => shape.venice === 'external-plugin' && Array.isArray(models) && models.length === 0;

export function checkProvider(config: unknown, shape: Pick<ReleaseShape, 'venice'>): CheckOutcome {
  const block = readVeniceProvider(config);
  const fix = 'Run venice-onboard onboard to write a valid Venice block.';
  if (block === undefined) return fail('No models.providers.venice block.', fix);
  const problems: string[] = [];
  const base = typeof block.baseUrl === 'string' ? block.baseUrl : '';
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    problems.push('baseUrl is missing or not a URL');
  }
  if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) problems.push('baseUrl is not https');
  if (block.api !== 'openai-completions') problems.push(`api is ${JSON.stringify(block.api ?? null)}, not "openai-completions"`);
  const models = block.models;
  if (!Array.isArray(models) || (models.length === 0 && !pluginCatalog(shape, models))) problems.push('models is not a non-empty array');
  const unknown = Object.keys(block).filter((k) => !PROVIDER_KEYS.has(k));
  if (unknown.length > 0) problems.push(`unknown key(s) ${unknown.join(', ')}`);
  const rejected: string[] = [];
  if (Array.isArray(models)) {
    for (const m of models) {
      if (!isObject(m) || typeof m.id !== 'string') problems.push('a model entry has no id');
      else for (const k of Object.keys(m)) if (!MODEL_KEYS.has(k)) rejected.push(`${k} (in ${m.id})`);
    }
    if (rejected.length > 0) problems.push(`model keys OpenClaw rejects: ${rejected.slice(0, 3).join(', ')}`);
  }
  // Onboarding keeps the user's entries as they are, so an unknown key must be removed by hand.
  const hint =
    unknown.length > 0 || rejected.length > 0
      ? `Remove ${[...unknown.map((k) => `${k} (in the Venice block)`), ...rejected].slice(0, 3).join(', ')} from the config by hand: OpenClaw refuses to start with it.`
      : fix;
  if (problems.length > 0) return fail(`Venice block: ${problems.join('; ')}.`, hint);
  if (pluginCatalog(shape, models)) return pass(`Venice block at ${base}; its models come from the Venice plugin's catalog.`);
  return pass(`Venice block at ${base} with ${(models as unknown[]).length} model(s).`);
}

export function selectedModelId(config: unknown, override: string | undefined): string | undefined {
  return override !== undefined ? stripVenicePrefix(override) : veniceIdOf(readDefaultModelRef(config));
}

export function checkDefaultModel(config: unknown, override: string | undefined, shape: Pick<ReleaseShape, 'venice'>): CheckOutcome {
  const fromPlugin = pluginCatalog(shape, readVeniceProvider(config)?.models);
  const ids = (readVeniceProvider(config)?.models as unknown[] | undefined)
    ?.map((m) => (isObject(m) ? m.id : undefined))
    .filter((id): id is string => typeof id === 'string');
  if (override !== undefined) {
    const id = stripVenicePrefix(override);
    return ids?.includes(id)
      ? pass(`venice/${id} (from --model) is in the provider's models.`)
      : fail(`venice/${id} (from --model) is not in the provider's models.`, `Run venice-onboard models set venice/${id} to add it.`);
  }
  const ref = readDefaultModelRef(config);
  if (ref === undefined) return fail('No default model (agents.defaults.model.primary).', 'Run venice-onboard models set venice/llama-3.3-70b.');
  const id = veniceIdOf(ref);
  if (id === undefined) return warn(`The default model is ${ref}, not a Venice model.`, 'Run venice-onboard models set <venice model> to use Venice by default.');
  if (!ids?.includes(id) && fromPlugin) {
    return warn(`The default ${ref} has no row in the Venice block: OpenClaw takes it from the Venice plugin's catalog, if the plugin is installed.`, `Run venice-onboard models set ${ref} to write its row with Venice's live limits.`);
  }
  if (!ids?.includes(id)) return fail(`The default ${ref} is not in the provider's models.`, `Run venice-onboard models set ${ref} to add its entry.`);
  return pass(`Default model ${ref}.`);
}

/**
 * Every `${VAR}` in the config must resolve, as OpenClaw substitutes them in every string: before
 * 2026.3.7 OpenClaw refuses the config, later it runs without the value.
 */
export function checkEnvRefs(config: unknown, env: Record<string, string | undefined>, dotenv: Record<string, string>, shape: Pick<ReleaseShape, 'refusesUnsetVar'>): CheckOutcome {
  const refs = findEnvRefs(config);
  if (refs.size === 0) return pass('No ${VAR} references to resolve.');
  const block = envBlockVars(getPath(config, ['env']));
  const unresolved = [...refs].filter((name) => !(env[name] || dotenv[name] || block[name]));
  if (unresolved.length === 0) return pass(`${[...refs].map((n) => '${' + n + '}').join(', ')} resolved.`);
  // A variable the env block names only through a reference gets no value: say which, and why.
  const blockRefs = envBlockRefs(getPath(config, ['env'])).filter((r) => unresolved.includes(r.name));
  const viaRef = new Set(blockRefs.map((r) => r.name));
  const missing = unresolved.filter((name) => !viaRef.has(name));
  const refList = (names: readonly string[]) => names.map((n) => '${' + n + '}').join(', ');
  const sentences: string[] = [];
  const hints: string[] = [];
  if (missing.length > 0) {
    const why = shape.refusesUnsetVar ? 'OpenClaw refuses a config with an unresolved variable' : 'OpenClaw runs without it, and what uses it gets nothing';
    sentences.push(`${refList(missing)} is not set anywhere: ${why}`);
    hints.push(`Set ${missing[0]} in the environment, in the .env next to the config, or run venice-onboard onboard`);
  }
  if (blockRefs.length > 0) {
    const how = blockRefs.map((r) => `${r.path} ${r.self ? 'refers to itself' : 'holds a ${VAR}'}`);
    sentences.push(`${refList([...viaRef])} is not resolved: ${how.join(', ')}, and OpenClaw does not expand a \${VAR} inside the env block`);
    hints.push(`Write the value itself in ${blockRefs[0]!.path}, or set ${blockRefs[0]!.name} in the environment or the .env next to the config`);
  }
  const message = `${sentences.join('; ')}.`;
  const hint = `${hints.join('; ')}.`;
  // From 2026.3.7 OpenClaw starts and warns; the value is simply missing (for apiKey: Venice gets no key).
  return shape.refusesUnsetVar ? fail(message, hint) : warn(message, hint);
}

/** Agents whose own `model` is not a Venice model never call Venice, whatever the default says (SPEC §1.2 agents.overrides). */
export function checkAgentOverrides(config: unknown): CheckOutcome {
  const found = findAgentOverrides(config);
  if (found.length === 0) return pass('No agent has a model of its own outside Venice.');
  const ref = readDefaultModelRef(config);
  const venice = veniceIdOf(ref) === undefined ? `venice/${DEFAULT_MODEL_ID}` : ref!;
  const who = found.map((a, i) => `${describeAgent(a, i === 0)} uses ${a.ref}`);
  const paths = found.map((a) => a.path);
  return warn(
    `${andList(who)}, so ${found.length === 1 ? 'it never calls' : 'they never call'} Venice.`,
    `To use Venice, set ${andList(paths)} to "${venice}".`,
  );
}

const andList = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
