import { AUTH_PROFILE_ID } from './plan-venice.js';

/**
 * OpenClaw's credential store `<stateDir>/agents/main/agent/auth-profiles.json` (SPEC §3.3):
 * `{version:1, profiles:{"venice:default":{type:"api_key",provider:"venice",key}}}`. A JSON file
 * managed by OpenClaw itself, so it is rewritten as JSON; other profiles are kept.
 */
type Obj = Record<string, unknown>;

export class AuthProfilesError extends Error {}

export function parseAuthProfiles(text: string | null): Obj {
  if (text === null || text.trim() === '') return { version: 1, profiles: {} };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AuthProfilesError('is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new AuthProfilesError('is not a JSON object');
  const profiles = (data as Obj).profiles;
  if (profiles !== undefined && (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles))) {
    throw new AuthProfilesError('has a "profiles" entry that is not an object');
  }
  return data as Obj;
}

export function readVeniceProfileKey(store: Obj): string | undefined {
  const profile = (store.profiles as Obj | undefined)?.[AUTH_PROFILE_ID] as Obj | undefined;
  return typeof profile?.key === 'string' ? profile.key : undefined;
}

export function setVeniceProfile(store: Obj, key: string): Obj {
  const profiles = { ...((store.profiles as Obj | undefined) ?? {}) };
  profiles[AUTH_PROFILE_ID] = { type: 'api_key', provider: 'venice', key };
  return { version: 1, ...store, profiles };
}

export function removeVeniceProfile(store: Obj): Obj {
  const profiles = { ...((store.profiles as Obj | undefined) ?? {}) };
  delete profiles[AUTH_PROFILE_ID];
  return { ...store, profiles };
}

export function serializeAuthProfiles(store: Obj): string {
  return `${JSON.stringify(store, null, 2)}\n`;
}
