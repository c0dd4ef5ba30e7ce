import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeKeySource, discoverKey, resolvedApiKeyRef } from '../../src/verify/discover-key.js';
import { makeTempDir } from '../support/temp-home.js';

/** Where `verify` finds the key, in OpenClaw's order: auth profile, env var, .env, config env block, literal apiKey (SPEC §1.2). */

const key = (n: number) => `vapi_discover${'abcdefghijklmnop'}${String(n).repeat(4)}`;
const [K1, K2, K3, K4, K5] = [1, 2, 3, 4, 5].map(key) as [string, string, string, string, string];

const profilesFile = (stateDir: string) => join(stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');

async function writeProfile(stateDir: string, k: string, profileId = 'venice:default'): Promise<void> {
  await mkdir(join(stateDir, 'agents', 'main', 'agent'), { recursive: true });
  const store = { version: 1, profiles: { 'openai:default': { type: 'api_key', provider: 'openai', key: 'sk-other' }, [profileId]: { type: 'api_key', provider: 'venice', key: k } } };
  await writeFile(profilesFile(stateDir), JSON.stringify(store));
}

const configWith = (env: Record<string, unknown> | undefined, apiKey: string | undefined) => ({
  ...(env ? { env } : {}),
  models: { providers: { venice: { baseUrl: 'https://api.venice.ai/api/v1', api: 'openai-completions', models: [], ...(apiKey === undefined ? {} : { apiKey }) } } },
});

describe('discoverKey', () => {
  // OpenClaw sets no variable from an env block value holding a ${VAR} (issue 15): it is no key.
  it('an env block value that is a ${VAR} (a self-reference) is no key; one set in the environment is found there', async (t) => {
    const stateDir = await makeTempDir({ context: t });
    const config = configWith({ vars: { VENICE_API_KEY: '${VENICE_API_KEY}' } }, '${VENICE_API_KEY}');
    expect(await discoverKey(config, stateDir, {})).toEqual({ all: [] });
    expect((await discoverKey(config, stateDir, { VENICE_API_KEY: K2 })).all).toEqual([{ place: 'env-var', key: K2 }]);
  });

  it('lists every place in OpenClaw order and picks the first', async (t) => {
    const stateDir = await makeTempDir({ context: t });
    await writeProfile(stateDir, K1);
    await writeFile(join(stateDir, '.env'), `# mine\nOTHER=1\nVENICE_API_KEY=${K3}\n`);
    const r = await discoverKey(configWith({ VENICE_API_KEY: K4 }, K5), stateDir, { VENICE_API_KEY: K2 });
    expect(r.all).toEqual([
      { place: 'auth-profile', key: K1, file: profilesFile(stateDir) },
      { place: 'env-var', key: K2 },
      { place: 'dotenv', key: K3, file: join(stateDir, '.env') },
      { place: 'config-env', key: K4, configPath: ['env', 'VENICE_API_KEY'] },
      { place: 'config-literal', key: K5, configPath: ['models', 'providers', 'venice', 'apiKey'] },
    ]);
    expect(r.found).toEqual(r.all[0]);
  });

  it.each([
    ['env var', 1, 'env-var', K2],
    ['.env', 2, 'dotenv', K3],
    ['config env block', 3, 'config-env', K4],
    ['literal apiKey', 4, 'config-literal', K5],
  ])('with the places above removed, the %s wins', async (_name, from, place, expected) => {
    const stateDir = await makeTempDir();
    if (from <= 2) await writeFile(join(stateDir, '.env'), `VENICE_API_KEY=${K3}\n`);
    const env = from <= 1 ? { VENICE_API_KEY: K2 } : {};
    const r = await discoverKey(configWith(from <= 3 ? { VENICE_API_KEY: K4 } : undefined, K5), stateDir, env);
    expect(r.found).toMatchObject({ place, key: expected });
  });

  it('trims the environment variable and ignores an empty one', async () => {
    const stateDir = await makeTempDir();
    expect((await discoverKey(undefined, stateDir, { VENICE_API_KEY: `  ${K2}\n` })).found).toEqual({ place: 'env-var', key: K2 });
    expect(await discoverKey(undefined, stateDir, { VENICE_API_KEY: '' })).toEqual({ all: [] });
    expect(await discoverKey(undefined, stateDir, { VENICE_API_KEY: '   ' })).toEqual({ all: [] });
  });

  it.each([
    [`export VENICE_API_KEY=${K3}`],
    [`VENICE_API_KEY="${K3}"`],
    [`VENICE_API_KEY='${K3}'`],
    [`VENICE_API_KEY=${K3} # the key`],
    [`export VENICE_API_KEY="${K3}" # the key`],
  ])('reads the .env dialect: %s', async (line) => {
    const stateDir = await makeTempDir();
    await writeFile(join(stateDir, '.env'), `${line}\n`);
    expect((await discoverKey(undefined, stateDir, {})).found).toMatchObject({ place: 'dotenv', key: K3 });
  });

  it('without a config, still finds the files and the environment', async () => {
    const stateDir = await makeTempDir();
    await writeProfile(stateDir, K1);
    expect((await discoverKey(undefined, stateDir, {})).found).toMatchObject({ place: 'auth-profile', key: K1 });
  });

  it('a "${VAR}" apiKey is not a literal key', async () => {
    const stateDir = await makeTempDir();
    expect(await discoverKey(configWith(undefined, '${VENICE_API_KEY}'), stateDir, {})).toEqual({ all: [] });
  });

  it('an unreadable auth profile store is skipped, not fatal', async () => {
    const stateDir = await makeTempDir();
    await mkdir(join(stateDir, 'agents', 'main', 'agent'), { recursive: true });
    await writeFile(profilesFile(stateDir), '{ not json');
    expect((await discoverKey(undefined, stateDir, { VENICE_API_KEY: K2 })).found).toEqual({ place: 'env-var', key: K2 });
  });

  it('a profile of another provider is not a Venice key', async () => {
    const stateDir = await makeTempDir();
    await mkdir(join(stateDir, 'agents', 'main', 'agent'), { recursive: true });
    await writeFile(profilesFile(stateDir), JSON.stringify({ version: 1, profiles: { 'openai:default': { type: 'api_key', provider: 'openai', key: K1 } } }));
    expect(await discoverKey(undefined, stateDir, {})).toEqual({ all: [] });
  });

  // OpenClaw applies env.vars like the top-level entries of the env block (SPEC §1.2 config.env-refs
  // counts it): a key there is found, or key.present contradicts config.env-refs.
  it('finds the key in the env.vars of the config env block', async () => {
    const stateDir = await makeTempDir();
    const r = await discoverKey(configWith({ vars: { VENICE_API_KEY: K4 } }, '${VENICE_API_KEY}'), stateDir, {});
    expect(r.found).toMatchObject({ place: 'config-env', key: K4 });
  });

  // OpenClaw substitutes apiKey "${MY_VENICE_KEY}" and uses the result: that is a key too.
  it('finds the key an apiKey "${OTHER_VAR}" resolves to', async () => {
    const stateDir = await makeTempDir();
    const r = await discoverKey(configWith({ MY_VENICE_KEY: K5 }, '${MY_VENICE_KEY}'), stateDir, {});
    expect(r.found?.key).toBe(K5);
  });
});

describe('describeKeySource', () => {
  it.each([
    [{ place: 'auth-profile' as const, key: K1, file: '/s/agents/main/agent/auth-profiles.json' }, 'OpenClaw auth profile venice:default (/s/agents/main/agent/auth-profiles.json)'],
    [{ place: 'env-var' as const, key: K1 }, 'VENICE_API_KEY environment variable'],
    [{ place: 'dotenv' as const, key: K1, file: '/s/.env' }, '.env file (/s/.env)'],
    [{ place: 'config-env' as const, key: K1 }, 'config env block'],
    [{ place: 'config-literal' as const, key: K1 }, 'literal apiKey in the config'],
  ])('names %j', (found, label) => {
    expect(describeKeySource(found)).toBe(label);
  });
});

describe('resolvedApiKeyRef', () => {
  it('substitutes a ${VAR} apiKey, undefined when unresolved or not a reference', () => {
    expect(resolvedApiKeyRef(configWith(undefined, '${MY_KEY}'), { MY_KEY: K1 })).toBe(K1);
    expect(resolvedApiKeyRef(configWith(undefined, '${MY_KEY}'), {})).toBeUndefined();
    expect(resolvedApiKeyRef(configWith(undefined, K1), {})).toBeUndefined();
    expect(resolvedApiKeyRef({}, {})).toBeUndefined();
  });
});
