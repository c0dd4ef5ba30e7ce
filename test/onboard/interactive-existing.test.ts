import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existingConfig, expectCancelled, OLD_KEY, onboard, Q, readConfig, snapshotTree, VALID_KEYS } from '../support/fake-context.js';
import { DEFAULT } from '../support/fake-prompts.js';
import { makeTempHome, type TempHome } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/** The interactive flow over an existing config with a Venice block (SPEC §1.1, §3.3). */

let server: VeniceServer;
let home: TempHome;
beforeEach(async () => {
  server = await startVeniceServer({ validKeys: VALID_KEYS });
  home = await makeTempHome();
});
afterEach(() => server.close());

/** Writes the existing config; returns its bytes. */
async function given(opts: Parameters<typeof existingConfig>[1] = {}): Promise<string> {
  const text = existingConfig(server.baseUrl, opts);
  await writeFile(home.configPath, text, { mode: 0o600 });
  return text;
}

const STORAGE_CHOICES = ['config', 'dotenv', 'auth-profile', 'none'];

describe('existing config, no key stored anywhere', () => {
  it('the current default is pre-selected, no key-storage question; comments, fallbacks and user models survive', async () => {
    const before = await given();
    const run = await onboard(
      [{ password: /API key/, answer: TEST_API_KEY }, { search: /Default model/, answer: DEFAULT }, { confirm: /Write these changes/, answer: true }],
      { server, home },
    );
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.password, Q.model, Q.write]);
    expect(run.fake.only('search').default).toBe('deepseek-v3.2');
    expect(run.stderr()).toContain(`Config: ${home.configPath} (default location)\n`);

    const text = await readFile(home.configPath, 'utf8');
    expect(text.startsWith('// my OpenClaw config\n')).toBe(true);
    expect(text).toContain('}, // mine\n');
    const config = await readConfig(home.configPath);
    expect(config.agents.defaults.model).toEqual({ primary: 'venice/deepseek-v3.2', fallbacks: ['venice/llama-3.3-70b'] });
    expect(config.env).toEqual({ vars: { VENICE_API_KEY: TEST_API_KEY } });
    expect(config.models.providers.venice.models[0]).toMatchObject({ id: 'my-finetune' });
    expect(await readFile(`${home.configPath}.bak`, 'utf8')).toBe(before);
  });

  it('a renamed current default (claude-opus-45 → claude-opus-4-5) is pre-selected under its new id, not replaced by llama-3.3-70b', async () => {
    await given({ primary: 'venice/claude-opus-45' });
    const run = await onboard(
      [{ password: /API key/, answer: TEST_API_KEY }, { search: /Default model/, answer: DEFAULT }, { confirm: /Write these changes/, answer: true }],
      { server, home },
    );
    expect(run.fake.only('search').default).toBe('claude-opus-4-5');
    expect((await readConfig(home.configPath)).agents.defaults.model.primary).toBe('venice/claude-opus-4-5');
  });
});

describe('existing config with a key in its env block', () => {
  it('keep it: asked where to store it (current place pre-selected), no password, no replace question', async () => {
    await given({ key: OLD_KEY });
    const run = await onboard(
      [
        { confirm: /Keep the key/, answer: DEFAULT },
        { search: /Default model/, answer: DEFAULT },
        { select: /stored/, answer: DEFAULT },
        { confirm: /Write these changes/, answer: DEFAULT },
      ],
      { server, home },
    );
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.keep('config env block', 'vapi…0001'), Q.model, Q.storage, Q.write]);
    const storage = run.fake.only('select');
    expect(storage.default).toBe('config');
    expect(storage.choices?.map((c) => c.value)).toEqual(STORAGE_CHOICES);
    expect(server.requestsTo('rate-limits').map((r) => r.headers.authorization)).toEqual([`Bearer ${OLD_KEY}`]);
    expect((await readConfig(home.configPath)).env.vars.VENICE_API_KEY).toBe(OLD_KEY);
  });

  it('a new key: replacing the different stored one asks to confirm; yes → replaced, the old file backed up', async () => {
    const before = await given({ key: OLD_KEY });
    const run = await onboard(
      [
        { confirm: /Keep the key/, answer: false },
        { password: /API key/, answer: TEST_API_KEY },
        { search: /Default model/, answer: DEFAULT },
        { select: /stored/, answer: DEFAULT },
        { confirm: /Replace the existing key/, answer: DEFAULT },
        { confirm: /Write these changes/, answer: true },
      ],
      { server, home },
    );
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.keep('config env block', 'vapi…0001'), Q.password, Q.model, Q.storage, Q.replace('vapi…0001 in the config env block'), Q.write]);
    expect(run.fake.asked[4]?.default).toBe(true);
    // The preview shows the swap with both keys masked.
    expect(run.stderr()).toContain("\n-  env: { vars: { VENICE_API_KEY: 'vapi…0001' } },\n+  env: { vars: { VENICE_API_KEY: 'vapi…qrst' } },\n");
    expect((await readConfig(home.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
    expect(await readFile(`${home.configPath}.bak`, 'utf8')).toBe(before);
  });

  it('replacing declined: exit 130, the config byte-identical', async () => {
    await given({ key: OLD_KEY });
    const tree = await snapshotTree(home.stateDir);
    const run = await onboard(
      [
        { confirm: /Keep the key/, answer: false },
        { password: /API key/, answer: TEST_API_KEY },
        { search: /Default model/, answer: DEFAULT },
        { select: /stored/, answer: DEFAULT },
        { confirm: /Replace the existing key/, answer: false },
      ],
      { server, home },
    );
    expectCancelled(run, 'Kept the existing key. Nothing was written.');
    expect(await snapshotTree(home.stateDir)).toEqual(tree);
  });

  it('VENICE_API_KEY differs from the stored key: accepting it still asks before replacing the stored one', async () => {
    await given({ key: OLD_KEY });
    const run = await onboard(
      [
        { confirm: /Use VENICE_API_KEY/, answer: true },
        { search: /Default model/, answer: DEFAULT },
        { select: /stored/, answer: DEFAULT },
        { confirm: /Replace the existing key/, answer: true },
        { confirm: /Write these changes/, answer: true },
      ],
      { server, home, env: { VENICE_API_KEY: TEST_API_KEY } },
    );
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.envKey('vapi…qrst'), Q.model, Q.storage, Q.replace('vapi…0001 in the config env block'), Q.write]);
    expect((await readConfig(home.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('moving the same key to dotenv, once confirmed, takes it out of the config (SPEC §3.3: "key stays out of the config")', async () => {
    await given({ key: OLD_KEY });
    const run = await onboard(
      [
        { confirm: /Keep the key/, answer: true },
        { search: /Default model/, answer: DEFAULT },
        { select: /stored/, answer: 'dotenv' },
        // SPEC §3.3: a key found in another place than the chosen mode is replaced only after confirmation.
        { confirm: /^Move the key \(vapi…0001 in the config env block\) to the \.env file\?$/, answer: true },
        { confirm: /Write these changes/, answer: true },
      ],
      { server, home },
    );
    expect(run.code).toBe(0);
    expect(await readFile(join(home.stateDir, '.env'), 'utf8')).toBe(`VENICE_API_KEY=${OLD_KEY}\n`);
    const text = await readFile(home.configPath, 'utf8');
    expect(text.includes(OLD_KEY), "the key is still in the config").toBe(false);
    expect((await readConfig(home.configPath)).models.providers.venice.apiKey).toBe('${VENICE_API_KEY}');
  });
});

describe("existing config with a placeholder in its env block (the product page's vapi_...)", () => {
  it('not offered, not confirmed: said so, the password asked, the placeholder replaced, the preview showing it as written', async () => {
    const before = await given({ key: 'vapi_...' });
    const run = await onboard(
      [
        { password: /API key/, answer: TEST_API_KEY },
        { search: /Default model/, answer: DEFAULT },
        { select: /stored/, answer: DEFAULT },
        { confirm: /Write these changes/, answer: true },
      ],
      { server, home },
    );
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.password, Q.model, Q.storage, Q.write]);
    expect(run.fake.only('select').default).toBe('config');
    expect(run.stderr()).toContain('! env.vars.VENICE_API_KEY holds a placeholder (vapi_...), not a key.\n');
    expect(run.stderr()).toContain("\n-  env: { vars: { VENICE_API_KEY: 'vapi_...' } },\n+  env: { vars: { VENICE_API_KEY: 'vapi…qrst' } },\n");
    expect(run.stderr()).toContain('  Replaced the placeholder key in env.vars.VENICE_API_KEY (vapi_... is not a real key).\n');
    // The placeholder's line now holds the key, in place (the catalog rows are appended further down).
    const text = await readFile(home.configPath, 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual(['// my OpenClaw config', '{', `  env: { vars: { VENICE_API_KEY: '${TEST_API_KEY}' } },`]);
    expect(text).not.toContain('vapi_...');
    expect(await readFile(`${home.configPath}.bak`, 'utf8')).toBe(before);
  });

  it('a placeholder in VENICE_API_KEY is not offered either', async () => {
    await given();
    const run = await onboard(
      [{ password: /API key/, answer: TEST_API_KEY }, { search: /Default model/, answer: DEFAULT }, { confirm: /Write these changes/, answer: true }],
      { server, home, env: { VENICE_API_KEY: 'vapi_xxxxxxxxxxxx' } },
    );
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.password, Q.model, Q.write]);
    expect(run.stderr()).toContain('! VENICE_API_KEY in your environment holds a placeholder (vapi_xxxxxxxxxxxx), not a key.\n');
    expect((await readConfig(home.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });
});

describe('existing config with the key in <stateDir>/.env', () => {
  it('keep it: dotenv is pre-selected, .env untouched, no key in the config', async () => {
    await given();
    const envFile = join(home.stateDir, '.env');
    await writeFile(envFile, `OTHER=1\nVENICE_API_KEY=${OLD_KEY}\n`, { mode: 0o600 });
    const run = await onboard(
      [
        { confirm: /Keep the key/, answer: true },
        { search: /Default model/, answer: DEFAULT },
        { select: /stored/, answer: DEFAULT },
        { confirm: /Write these changes/, answer: true },
      ],
      { server, home },
    );
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.keep('.env file', 'vapi…0001'), Q.model, Q.storage, Q.write]);
    expect(run.fake.only('select').default).toBe('dotenv');
    expect(await readFile(envFile, 'utf8')).toBe(`OTHER=1\nVENICE_API_KEY=${OLD_KEY}\n`);
    expect(await readFile(home.configPath, 'utf8')).not.toContain(OLD_KEY);
    expect(run.stderr()).toContain('  Key storage:   dotenv (.env file)\n');
  });
});

it('every step is skipped when its flag is given: only the write confirm is left', async () => {
  await given({ key: OLD_KEY });
  const run = await onboard([{ confirm: /Write these changes/, answer: true }], {
    server,
    home,
    flags: { veniceApiKey: TEST_API_KEY, model: 'venice/llama-3.3-70b', keyStorage: 'config', yes: true },
  });
  expect(run.code).toBe(0);
  expect(run.fake.questions()).toEqual([Q.write]);
  const config = await readConfig(home.configPath);
  expect(config.env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  expect(config.agents.defaults.model.primary).toBe('venice/llama-3.3-70b');
  expect(run.stderr()).toContain('! The key vapi…qrst was given on the command line');
});
