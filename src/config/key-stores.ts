import { join } from 'node:path';
import { parseAuthProfiles, readVeniceProfileKey } from '../core/auth-profiles.js';
import { readDotenvVar } from '../core/dotenv.js';
import { getPath, readVeniceProvider } from '../core/openclaw-config.js';
import { KEY_VAR } from '../core/plan-venice.js';
import { readIfExists } from './safe-write.js';

/** Where OpenClaw may find a Venice key, in its own order of precedence (SPEC §1.2 key.present). */
export type KeyPlace = 'auth-profile' | 'env-var' | 'dotenv' | 'config-env' | 'config-literal';

export interface FoundKey {
  place: KeyPlace;
  key: string;
  /** The file it lives in (none for the environment variable). */
  file?: string;
  /** Where it sits inside the config, for the config places. */
  configPath?: string[];
}

export const PLACE_LABEL: Record<KeyPlace, string> = {
  'auth-profile': 'OpenClaw auth profile venice:default',
  'env-var': 'VENICE_API_KEY environment variable',
  dotenv: '.env file',
  'config-env': 'config env block',
  'config-literal': 'literal apiKey in the config',
};

export function authProfilesPath(stateDir: string): string {
  return join(stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
}

export function dotenvPath(stateDir: string): string {
  return join(stateDir, '.env');
}

/** Keys stored in files (not the process environment). Unreadable stores are skipped. */
export async function findStoredKeys(config: unknown, stateDir: string): Promise<FoundKey[]> {
  const found: FoundKey[] = [];
  const profilesFile = authProfilesPath(stateDir);
  try {
    const text = await readIfExists(profilesFile);
    const key = text === null ? undefined : readVeniceProfileKey(parseAuthProfiles(text.toString('utf8')));
    if (key) found.push({ place: 'auth-profile', key, file: profilesFile });
  } catch {
    // an unreadable store is reported by verify, not here
  }
  const envFile = dotenvPath(stateDir);
  try {
    const text = await readIfExists(envFile);
    const key = text === null ? undefined : readDotenvVar(text.toString('utf8'), KEY_VAR);
    if (key) found.push({ place: 'dotenv', key, file: envFile });
  } catch {
    // same
  }
  // OpenClaw reads both `env.VENICE_API_KEY` and `env.vars.VENICE_API_KEY`.
  for (const path of [['env', KEY_VAR], ['env', 'vars', KEY_VAR]]) {
    const value = getPath(config, path);
    if (typeof value === 'string' && value.trim() !== '') found.push({ place: 'config-env', key: value, configPath: path });
  }
  const literal = readVeniceProvider(config)?.apiKey;
  if (typeof literal === 'string' && literal !== '' && !literal.includes('${')) {
    found.push({ place: 'config-literal', key: literal, configPath: ['models', 'providers', 'venice', 'apiKey'] });
  }
  return found;
}
