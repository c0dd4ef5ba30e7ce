import { AuthProfilesError, parseAuthProfiles, removeVeniceProfile, serializeAuthProfiles, setVeniceProfile } from '../core/auth-profiles.js';
import { removeDotenvVar, setDotenvVar } from '../core/dotenv.js';
import { KEY_VAR } from '../core/plan-venice.js';
import { authProfilesPath, dotenvPath } from '../config/key-stores.js';
import { readIfExists, refuseReadOnly } from '../config/safe-write.js';
import { decodeUtf8File } from '../config/read-text.js';
import { CliError } from '../errors.js';
import type { FileChange } from './config-change.js';

/** Changes to the key stores outside the config: `<stateDir>/.env` and OpenClaw's auth profiles. */

/** The new text, or null when the file is to go. */
type Edit = (text: string) => string | null;

async function change(label: string, path: string, edit: Edit, bytes?: Buffer | null): Promise<FileChange | null> {
  const before = bytes === undefined ? await readIfExists(path) : bytes;
  const text = before === null ? '' : decodeUtf8File(path, before);
  const after = edit(text);
  if (after === null ? before === null : after === text && (before !== null || after === '')) return null;
  if (before !== null) refuseReadOnly(path); // as for the config (prepareConfigChange)
  return { label, path, before, after, redo: (fresh) => change(label, path, edit, fresh) };
}

/**
 * `dropWhenEmpty`: on releases that keep auth profiles in SQLite, the mere presence of
 * auth-profiles.json makes OpenClaw 2026.8.1+ refuse to run (AUTH_PROFILE_MIGRATION_REQUIRED), so a
 * file left with no profile is removed (its bytes kept in the .bak ring).
 */
function authEdit(path: string, fn: (store: Record<string, unknown>) => Record<string, unknown>, dropWhenEmpty = false): Edit {
  return (text) => {
    try {
      const store = parseAuthProfiles(text === '' ? null : text);
      const edited = fn(store);
      if (dropWhenEmpty && Object.keys((edited.profiles as Record<string, unknown> | undefined) ?? {}).length === 0) return null;
      const next = serializeAuthProfiles(edited);
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

export const removeProfileKey = (stateDir: string, dropWhenEmpty: boolean) => {
  const path = authProfilesPath(stateDir);
  return change('auth profiles', path, authEdit(path, removeVeniceProfile, dropWhenEmpty));
};
