import type { FoundKey } from '../config/key-stores.js';
import { isPlaceholderKey } from '../core/key-format.js';
import { maskKey, showPlaceholder } from '../core/mask.js';
import { firstReleaseWhere, type Target } from '../core/openclaw-releases.js';
import { AUTH_PROFILE_ID, LEGACY_KEY_PATH } from '../core/plan-venice.js';
import { declaresVeniceProfile } from '../core/openclaw-config.js';
import { describeKeySource } from './discover-key.js';
import { fail, pass, warn, type CheckOutcome } from './types.js';

/**
 * `key.present` for the target release (SPEC §1.2, §8): the key OpenClaw would use, in its order.
 * On SQLite releases the auth profile lives in OpenClaw's database, which we cannot read: a profile
 * the config declares is reported as present, with its value unknown (`key` undefined), and a
 * leftover auth-profiles.json is a failure (ignored from 2026.6.5, fatal from 2026.8.1).
 */
interface KeyPresence {
  outcome: CheckOutcome;
  /** The key to check further (format, online), when it can be read. */
  key?: string;
  /** The key is in OpenClaw's store: the checks that need its value are skipped for this reason. */
  unreadable?: string;
}

const SQLITE_SINCE = firstReleaseWhere((s) => s.authStore === 'sqlite');
const STRICT_SINCE = firstReleaseWhere((s) => s.strictEnv);
const isLegacyPath = (f: FoundKey) => f.configPath?.join('.') === LEGACY_KEY_PATH.join('.');

export function checkKeyPresent(all: readonly FoundKey[], config: unknown, stateDir: string, target: Target): KeyPresence | undefined {
  const sqlite = target.shape.authStore === 'sqlite';
  const oldFile = sqlite ? all.find((f) => f.place === 'auth-profile') : undefined;
  if (oldFile) {
    const refused = target.shape.strictEnv;
    const message = `${maskKey(oldFile.key)} in ${oldFile.file}, which OpenClaw ${target.version} does not read${refused ? ' (and while it exists, OpenClaw refuses to run)' : ''}.`;
    const hint = 'Run venice-onboard onboard --key-storage auth-profile to move it into OpenClaw\'s store (or openclaw doctor --fix).';
    return { outcome: refused ? fail(message, hint) : warn(`${message} OpenClaw ${SQLITE_SINCE}+ keeps auth profiles in its database.`, hint), key: oldFile.key };
  }
  if (sqlite && declaresVeniceProfile(config)) {
    const why = `the key is in OpenClaw's auth profile ${AUTH_PROFILE_ID}, which only OpenClaw reads (openclaw models status --probe checks it)`;
    return { outcome: pass(`Auth profile ${AUTH_PROFILE_ID} in OpenClaw's store under ${stateDir}/ (its value is not readable here).`), unreadable: why };
  }
  const found = all.find((f) => !(sqlite && f.place === 'auth-profile'));
  if (found === undefined) return undefined;
  // What OpenClaw would send is a placeholder (the product page's `vapi_...`): no key at all, so
  // nothing further is checked with it (SPEC §3.3).
  if (isPlaceholderKey(found.key)) {
    const at = found.configPath ? ` at ${found.configPath.join('.')}` : '';
    const hint = found.place === 'env-var'
      ? 'Set VENICE_API_KEY to your key (venice.ai → Settings → API Keys), or unset it.'
      : 'Run venice-onboard onboard with your key (venice.ai → Settings → API Keys): it replaces the placeholder without asking.';
    return { outcome: fail(`${showPlaceholder(found.key)} from the ${describeKeySource(found)}${at} is a placeholder, not a key.`, hint) };
  }
  const where = `${maskKey(found.key)} from the ${describeKeySource(found)}`;
  if (isLegacyPath(found)) {
    const hint = 'Run venice-onboard onboard: it moves the key to env.vars.VENICE_API_KEY and keeps your comments.';
    return target.shape.strictEnv
      ? { outcome: fail(`${where} at env.VENICE_API_KEY, which OpenClaw ${target.version} refuses: it will not start.`, hint), key: found.key }
      : { outcome: warn(`${where} at env.VENICE_API_KEY, which OpenClaw ${STRICT_SINCE} and later refuse.`, hint), key: found.key };
  }
  return { outcome: pass(`${where}.`), key: found.key };
}
