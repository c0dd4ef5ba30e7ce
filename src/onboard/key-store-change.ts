import { AuthProfilesError, parseAuthProfiles, removeVeniceProfile, serializeAuthProfiles, setVeniceProfile } from '../core/auth-profiles.js';
import { removeDotenvVar, setDotenvVar } from '../core/dotenv.js';
import { KEY_VAR } from '../core/plan-venice.js';
import { authProfilesPath, dotenvPath } from '../config/key-stores.js';
import { readIfExists } from '../config/safe-write.js';
import { CliError } from '../errors.js';
import type { FileChange } from './config-change.js';

/** Changes to the key stores outside the config: `<stateDir>/.env` and OpenClaw's auth profiles. */

type Edit = (text: string) => string;

async function change(label: string, path: string, edit: Edit, bytes?: Buffer | null): Promise<FileChange | null> {
  const before = bytes === undefined ? await readIfExists(path) : bytes;
  const text = before === null ? '' : before.toString('utf8');
  const after = edit(text);
  if (after === text && (before !== null || after === '')) return null;
  return { label, path, before, after, redo: (fresh) => change(label, path, edit, fresh) };
}

function authEdit(path: string, fn: (store: Record<string, unknown>) => Record<string, unknown>): Edit {
  return (text) => {
    try {
      const store = parseAuthProfiles(text === '' ? null : text);
      const next = serializeAuthProfiles(fn(store));
      // Same data, other formatting: leave OpenClaw's file alone.
      return text !== '' && JSON.stringify(JSON.parse(text)) === JSON.stringify(JSON.parse(next)) ? text : next;
    } catch (error) {
      if (!(error instanceof AuthProfilesError)) throw error;
      throw new CliError('auth-profiles-invalid', `${path} ${error.message}.`, {
        hint: 'Fix or move that file (OpenClaw keeps its credentials there), then run again. Nothing was changed.',
      });
    }
  };
}

export const setDotenvKey = (stateDir: string, key: string) =>
  change('.env', dotenvPath(stateDir), (t) => setDotenvVar(t, KEY_VAR, key));

export const removeDotenvKey = (stateDir: string) =>
  change('.env', dotenvPath(stateDir), (t) => removeDotenvVar(t, KEY_VAR));

export const setProfileKey = (stateDir: string, key: string) => {
  const path = authProfilesPath(stateDir);
  return change('auth profiles', path, authEdit(path, (s) => setVeniceProfile(s, key)));
};

export const removeProfileKey = (stateDir: string) => {
  const path = authProfilesPath(stateDir);
  return change('auth profiles', path, authEdit(path, removeVeniceProfile));
};
