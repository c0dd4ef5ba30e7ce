import { findStoredKeys, PLACE_LABEL, type FoundKey } from '../config/key-stores.js';
import { envBlockVars, findEnvRefs, substituteEnvRefs } from '../core/env-refs.js';
import { KEY_VAR } from '../core/plan-venice.js';
import { getPath, readVeniceProvider } from '../core/openclaw-config.js';

/**
 * The key OpenClaw would use for Venice, in its own order: auth profile, VENICE_API_KEY in the
 * environment, `<stateDir>/.env`, the config's env block, a literal `apiKey` (SPEC §1.2).
 */
export async function discoverKey(
  config: unknown,
  stateDir: string,
  env: Record<string, string | undefined>,
  dotenv: Record<string, string> = {},
): Promise<{ found?: FoundKey; all: FoundKey[] }> {
  // An env block value holding a ${VAR} (`env.vars.VENICE_API_KEY: "${VENICE_API_KEY}"`) is no key:
  // OpenClaw does not set a variable from it (core/env-refs.ts).
  const stored = (await findStoredKeys(config ?? {}, stateDir)).filter((f) => f.place !== 'config-env' || findEnvRefs(f.key).size === 0);
  const fromEnv = env[KEY_VAR]?.trim();
  // Last: an `apiKey: "${OTHER_VAR}"` that OpenClaw resolves from the environment, .env or env block.
  const viaRef = resolvedApiKeyRef(config, { ...envBlockVars(getPath(config, ['env'])), ...dotenv, ...env });
  const all: FoundKey[] = [
    ...stored.filter((f) => f.place === 'auth-profile'),
    ...(fromEnv ? [{ place: 'env-var' as const, key: fromEnv }] : []),
    ...stored.filter((f) => f.place !== 'auth-profile'),
    ...(viaRef && !stored.some((f) => f.key === viaRef) && viaRef !== fromEnv ? [{ place: 'config-literal' as const, key: viaRef }] : []),
  ];
  return all[0] ? { found: all[0], all } : { all };
}

export function describeKeySource(found: FoundKey): string {
  return PLACE_LABEL[found.place] + (found.file ? ` (${found.file})` : '');
}

/** A literal `apiKey` written as `${VAR}` other than VENICE_API_KEY, resolved like OpenClaw does. */
export function resolvedApiKeyRef(config: unknown, vars: Record<string, string | undefined>): string | undefined {
  const apiKey = readVeniceProvider(config)?.apiKey;
  return typeof apiKey === 'string' && apiKey.includes('${') ? substituteEnvRefs(apiKey, vars) : undefined;
}
