import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onboardCommand } from '../../src/commands/onboard.js';
import type { Context } from '../../src/context.js';
import { toGlobalOptions, toOnboardOptions } from '../../src/options.js';
import { CliError } from '../../src/errors.js';
import { exitCodeOf, makeFakeContext, modeOf, onboard, OTHER_KEY, Q, readConfig, snapshotTree, VALID_KEYS, WRONG_KEYS } from '../support/fake-context.js';
import { createFakePrompts, DEFAULT } from '../support/fake-prompts.js';
import { SPEC_RECOMMENDATIONS, SPEC_STATIC_MODELS, type SpecModel } from '../support/spec-catalog.js';
import { snapshotRow, SNAPSHOT_TEXT_ROWS, TEE_ROW } from '../support/fixtures.js';
import { makeTempHome } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/** The interactive flow of SPEC §1.1 on a first run: key questions, picker, preview, write. */

let server: VeniceServer;
beforeEach(async () => {
  server = await startVeniceServer({ validKeys: VALID_KEYS });
});
afterEach(() => server.close());

const ENTER_THROUGH = [
  { password: /API key/, answer: TEST_API_KEY },
  { search: /Default model/, answer: DEFAULT },
  { confirm: /Write these changes/, answer: DEFAULT },
] as const;

describe('first run, no config', () => {
  it('typed key, Enter through the defaults: venice/llama-3.3-70b is written, questions in this order', async () => {
    const run = await onboard(ENTER_THROUGH, { server });
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.password, Q.model, Q.write]);
    expect(run.fake.only('search').default).toBe('llama-3.3-70b');
    expect(run.fake.only('confirm').default).toBe(true);

    const config = await readConfig(run.home.configPath);
    expect(config.env).toEqual({ vars: { VENICE_API_KEY: TEST_API_KEY } });
    expect(config.agents.defaults.model).toEqual({ primary: 'venice/llama-3.3-70b' });
    expect(config.models.mode).toBe('merge');
    expect(config.models.providers.venice).toMatchObject({ baseUrl: server.baseUrl, apiKey: '${VENICE_API_KEY}', api: 'openai-completions' });
    // The 113 text models but the 13 E2EE ones (SPEC §4.3a).
    expect(config.models.providers.venice.models).toHaveLength(100);
    expect(await modeOf(run.home.configPath)).toBe(0o600);

    // The key was checked once, with the typed key, in the Authorization header only.
    expect(server.requestsTo('rate-limits').map((r) => r.headers.authorization)).toEqual([`Bearer ${TEST_API_KEY}`]);
    expect(run.stdout()).toBe('');
    const err = run.stderr();
    expect(err).toContain('Set up Venice AI for OpenClaw\n');
    expect(err).toContain(`Config: ${run.home.configPath} (default location, does not exist yet)\n`);
    expect(err).toContain('✓ Key vapi…qrst is valid (tier paid, $12.50, 3 DIEM).\n');
    expect(err).toContain('\nChanges:\n');
    expect(err).toContain('"VENICE_API_KEY": "vapi…qrst"');
    expect(err).toContain(`✓ Wrote ${run.home.configPath}\n`);
    expect(err).toContain('  Default model: venice/llama-3.3-70b\n');
    expect(err).toContain('  Key storage:   config (config env block)\n');
    expect(err).toContain('  Next: venice-onboard verify --chat, then openclaw models status\n');
  });

  it('the catalog is fetched from the first moment: the list is asked for while the key prompt is still open', async () => {
    let seenWhileTyping = 0;
    const listRequested = async () => {
      for (const end = Date.now() + 5000; server.requestsTo('models').length === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
      seenWhileTyping = server.requestsTo('models').length;
    };
    const run = await onboard([{ password: /API key/, answer: TEST_API_KEY, before: listRequested }, ENTER_THROUGH[1], ENTER_THROUGH[2]], { server });
    expect(run.code).toBe(0);
    expect(seenWhileTyping).toBe(1);
    const routes = server.requests.map((r) => r.route);
    expect(routes.indexOf('models')).toBeLessThan(routes.indexOf('rate-limits'));
  });

  it('picking another model writes it as the default', async () => {
    const run = await onboard([ENTER_THROUGH[0], { search: /Default model/, answer: 'deepseek-v3.2' }, ENTER_THROUGH[2]], { server });
    expect(run.code).toBe(0);
    expect((await readConfig(run.home.configPath)).agents.defaults.model.primary).toBe('venice/deepseek-v3.2');
    expect(run.stderr()).toContain('  Default model: venice/deepseek-v3.2\n');
  });

  it('the preview is shown, "Write these changes?" declined: nothing written, exit 130', async () => {
    const run = await onboard([ENTER_THROUGH[0], ENTER_THROUGH[1], { confirm: /Write these changes/, answer: false }], { server });
    expect(exitCodeOf(run)).toBe(130);
    const err = run.stderr();
    expect(err).toMatch(/\nChanges:\n--- \/dev\/null\n\+\+\+ .*openclaw\.json\n@@ /);
    expect(err).toContain('+  "env": {');
    expect(err).toContain('"VENICE_API_KEY": "vapi…qrst"');
    expect(err).toContain('"primary": "venice/llama-3.3-70b"');
    // Said once: on stderr, or as the message of the cancel error (which cli.ts prints).
    expect(`${err}${run.error instanceof CliError ? run.error.message : ''}`.trimEnd().endsWith('Nothing was written.')).toBe(true);
    expect(await snapshotTree(run.home.stateDir)).toEqual({});
  });
});

describe('the key question', () => {
  it('VENICE_API_KEY set and accepted: one confirm with the masked key, no password prompt', async () => {
    const run = await onboard([{ confirm: /Use VENICE_API_KEY/, answer: DEFAULT }, ENTER_THROUGH[1], ENTER_THROUGH[2]], {
      server,
      env: { VENICE_API_KEY: TEST_API_KEY },
    });
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.envKey('vapi…qrst'), Q.model, Q.write]);
    expect(run.fake.asked[0]?.default).toBe(true);
    expect((await readConfig(run.home.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
    expect(server.requestsTo('rate-limits')).toHaveLength(1);
  });

  it('VENICE_API_KEY declined: the password prompt, and the typed key is the one written', async () => {
    const run = await onboard(
      [{ confirm: /Use VENICE_API_KEY/, answer: false }, { password: /API key/, answer: OTHER_KEY }, ENTER_THROUGH[1], ENTER_THROUGH[2]],
      { server, env: { VENICE_API_KEY: TEST_API_KEY } },
    );
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.envKey('vapi…qrst'), Q.password, Q.model, Q.write]);
    expect((await readConfig(run.home.configPath)).env.vars.VENICE_API_KEY).toBe(OTHER_KEY);
    // The declined key is never sent.
    expect(server.requestsTo('rate-limits').map((r) => r.headers.authorization)).toEqual([`Bearer ${OTHER_KEY}`]);
  });

  it('VENICE_API_KEY rejected by Venice (401): said so, then the password prompt', async () => {
    const run = await onboard([{ confirm: /Use VENICE_API_KEY/, answer: true }, ENTER_THROUGH[0], ENTER_THROUGH[1], ENTER_THROUGH[2]], {
      server,
      env: { VENICE_API_KEY: WRONG_KEYS[0] },
    });
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.envKey('vapi…0401'), Q.password, Q.model, Q.write]);
    expect(run.stderr()).toContain('✗ Venice rejected the key vapi…0401 (HTTP 401): it is invalid or revoked.\n');
    expect((await readConfig(run.home.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('bad formats, then a good key: the validator shows exactly the format error each time, nothing bad is sent', async () => {
    const typed = ['', 'sk-proj-abcdefghijklmnopqrstuvwx', 'vapi_xxxxxxxxxxxx', 'vapi_short', 'vapi_has space inside_abcdefgh', TEST_API_KEY];
    const run = await onboard([{ password: /API key/, answer: typed }, ENTER_THROUGH[1], ENTER_THROUGH[2]], { server });
    expect(run.code).toBe(0);
    const where = 'Create a key at venice.ai → Settings → API Keys.';
    expect(run.fake.only('password').validationErrors).toEqual([
      `The API key is empty. ${where}`,
      `This looks like a key for OpenAI (sk-proj-…), not a Venice key. ${where}`,
      `This looks like a placeholder, not a real API key. ${where}`,
      `The API key is too short (10 characters; Venice keys are longer). ${where}`,
      'The API key contains spaces or control characters. Copy the key again with the copy button, in one piece.',
    ]);
    expect(server.requestsTo('rate-limits').map((r) => r.headers.authorization)).toEqual([`Bearer ${TEST_API_KEY}`]);
  });

  it('a pasted `export VENICE_API_KEY="…"` line is normalised to the bare key', async () => {
    const run = await onboard([{ password: /API key/, answer: `export VENICE_API_KEY="${TEST_API_KEY}"` }, ENTER_THROUGH[1], ENTER_THROUGH[2]], { server });
    expect(run.code).toBe(0);
    expect((await readConfig(run.home.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('401, then a good key: asked again, each key sent once (never retried)', async () => {
    const run = await onboard([{ password: /API key/, answer: WRONG_KEYS[0] }, ...ENTER_THROUGH], { server });
    expect(run.code).toBe(0);
    expect(run.fake.questions()).toEqual([Q.password, Q.password, Q.model, Q.write]);
    expect(run.stderr()).toContain('✗ Venice rejected the key vapi…0401 (HTTP 401): it is invalid or revoked.\n');
    expect(server.requestsTo('rate-limits').map((r) => r.headers.authorization)).toEqual([`Bearer ${WRONG_KEYS[0]}`, `Bearer ${TEST_API_KEY}`]);
    expect((await readConfig(run.home.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('three 401s: exit 1 after the third try, no picker, nothing written', async () => {
    const run = await onboard(WRONG_KEYS.map((k) => ({ password: /API key/, answer: k })), { server });
    expect(run.fake.questions()).toEqual([Q.password, Q.password, Q.password]);
    expect(run.error).toBeInstanceOf(CliError);
    expect(run.error).toMatchObject({ code: 'invalid-key', exitCode: 1, message: expect.stringContaining('vapi…0403 (HTTP 401)') });
    expect(server.requestsTo('rate-limits')).toHaveLength(3);
    expect(await snapshotTree(run.home.stateDir)).toEqual({});
  });

  it('the key check cannot reach Venice: a warning, never a block', async () => {
    server.setFault('rate-limits', { kind: 'status', status: 503 });
    const run = await onboard(ENTER_THROUGH, { server, flags: { timeout: '3000' } });
    expect(run.code).toBe(0);
    expect(run.stderr()).toMatch(/\n! The key could not be checked online \(.+\)\. Continuing\.\n/);
    expect((await readConfig(run.home.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });
});

/** `id — name · ctx 128k · vision · tools · reasoning` from the spec's own data (SPEC §1.1 step 4). */
const specRow = (m: SpecModel) =>
  `${m.id} — ${m.name} · ctx ${m.contextWindow / 1024}k · ${(['vision', 'tools', 'reasoning', 'code'] as const).filter((c) => m.capabilities[c]).join(' · ')}`;

describe('--offline: the built-in catalog in the picker', () => {
  it('Recommended, Private, Anonymized, recommendations labelled per SPEC §4.4; no request at all', async () => {
    const run = await onboard([ENTER_THROUGH[0], { search: /Default model/, answer: 'qwen3-4b' }, ENTER_THROUGH[2]], { server, flags: { offline: true } });
    expect(run.code).toBe(0);
    expect(server.requests).toEqual([]);
    const { groups, default: preselected } = run.fake.only('search');
    expect(preselected).toBe('llama-3.3-70b');
    expect(groups?.map((g) => g.title)).toEqual(['Recommended', 'Private', 'Anonymized']);
    const byId = new Map(SPEC_STATIC_MODELS.map((m) => [m.id, m]));
    expect(groups?.[0]?.choices.map((c) => [c.value, c.name])).toEqual(
      Object.entries(SPEC_RECOMMENDATIONS).map(([id, label]) => [id, `${label}: ${specRow(byId.get(id) as SpecModel)}`]),
    );
    expect(groups?.[1]?.choices.map((c) => [c.value, c.name])).toEqual(SPEC_STATIC_MODELS.filter((m) => m.privacy === 'private').map((m) => [m.id, specRow(m)]));
    expect(groups?.[2]?.choices.map((c) => [c.value, c.name])).toEqual(SPEC_STATIC_MODELS.filter((m) => m.privacy === 'anonymized').map((m) => [m.id, specRow(m)]));
    const config = await readConfig(run.home.configPath);
    expect(config.agents.defaults.model.primary).toBe('venice/qwen3-4b');
    expect(config.models.providers.venice.models).toHaveLength(25);
  });

  it('the user is told the list is the built-in one (SPEC §4.1: the source is always visible)', async () => {
    const run = await onboard(ENTER_THROUGH, { server, flags: { offline: true } });
    expect(run.code).toBe(0);
    // The talk lines, not the diff (whose template comment says "built-in" too).
    const talk = run.stderr().split('\n').filter((line) => !/^[-+ @]/.test(line));
    expect(talk.join('\n')).toMatch(/built-in|static/i);
  });
});

describe('the picker over the live catalog', () => {
  const firstRun = [ENTER_THROUGH[0], { search: /Default model/, cancel: true }] as const;

  it('rows read `id — name · ctx 128k · tools`: a 128000-token context is "128k" (SPEC §1.1 step 4)', async () => {
    const run = await onboard(firstRun, { server });
    const recommended = run.fake.only('search').groups?.[0];
    expect(recommended?.title).toBe('Recommended');
    expect(recommended?.choices[0]).toEqual({ value: 'llama-3.3-70b', name: 'general chat: llama-3.3-70b — Llama 3.3 70B · ctx 128k · tools' });
  });

  it('each recommended model is listed once (labels together), not once per role', async () => {
    const run = await onboard(firstRun, { server });
    const values = run.fake.only('search').groups?.[0]?.choices.map((c) => c.value) ?? [];
    expect(values.filter((v, i) => values.indexOf(v) !== i)).toEqual([]);
  });

  it('deprecated and offline models are marked, and picking one says so', async () => {
    const row = snapshotRow('deepseek-v3.2') as { model_spec: Record<string, unknown> };
    row.model_spec.offline = true;
    row.model_spec.deprecation = { date: '2026-03-01T00:00:00.000Z' };
    server.update({ models: [...SNAPSHOT_TEXT_ROWS.filter((r) => r.id !== 'deepseek-v3.2'), row] });
    const run = await onboard([ENTER_THROUGH[0], { search: /Default model/, answer: 'deepseek-v3.2' }, ENTER_THROUGH[2]], { server });
    expect(run.code).toBe(0);
    const privateRows = run.fake.only('search').groups?.find((g) => g.title === 'Private')?.choices ?? [];
    expect(privateRows.find((c) => c.value === 'deepseek-v3.2')?.name).toBe('deepseek-v3.2 — DeepSeek V3.2 · ctx 160k · tools · reasoning [deprecated 2026-03-01, offline]');
    expect(run.stderr()).toContain('! deepseek-v3.2 is deprecated (2026-03-01); consider another model. deepseek-v3.2 is offline at Venice right now.\n');
  });
});

describe('the picker and the privacy tiers (SPEC §4.3a)', () => {
  it('groups: Recommended, TEE, Private, Anonymized; the TEE row is marked; no E2EE model is offered', async () => {
    server.update({ models: [...SNAPSHOT_TEXT_ROWS, TEE_ROW] });
    const run = await onboard([ENTER_THROUGH[0], { search: /Default model/, cancel: true }], { server });
    const groups = run.fake.only('search').groups ?? [];
    expect(groups.map((g) => g.title)).toEqual(['Recommended', 'TEE (hardware enclave, attested)', 'Private', 'Anonymized']);
    expect(groups[1]?.choices).toEqual([{ value: 'tee-qwen3-6-35b-a3b', name: 'tee-qwen3-6-35b-a3b — Qwen 3.6 35B A3B (TEE) · ctx 32k · tools · reasoning · code [TEE]' }]);
    const offered = groups.flatMap((g) => g.choices.map((c) => c.value));
    expect(offered.filter((id) => String(id).startsWith('e2ee-'))).toEqual([]);
  });

  it('an E2EE default in the config is not preselected: llama-3.3-70b is', async () => {
    const home = await makeTempHome();
    await writeFile(home.configPath, '{ agents: { defaults: { model: { primary: "venice/e2ee-glm-5-1" } } } }\n');
    const run = await onboard([ENTER_THROUGH[0], { search: /Default model/, cancel: true }], { server, home });
    expect(run.fake.only('search').default).toBe('llama-3.3-70b');
  });
});

/** The options cli.ts builds from these flags in this context (src/cli.ts, toInvocation). */
const typed = (raw: Record<string, unknown>, ctx: Context) => toOnboardOptions(raw, toGlobalOptions(raw, ctx.env), raw.nonInteractive !== true && ctx.isInteractive);

describe('which mode runs (src/commands/onboard.ts)', () => {
  it('interactive context: the scripted prompts are asked', async () => {
    const fake = createFakePrompts(ENTER_THROUGH);
    const fc = await makeFakeContext({ prompts: fake });
    expect(await onboardCommand(typed({ baseUrl: server.baseUrl }, fc.ctx), fc.ctx)).toBe(0);
    fake.assertDone();
    expect(existsSync(fc.home.configPath)).toBe(true);
  });

  it.each([
    ['no TTY (or CI)', false, {}],
    ['--non-interactive', true, { nonInteractive: true }],
  ])('%s: never loads the prompts; a missing key is a usage error naming the flag', async (_name, isInteractive, extra) => {
    const fake = createFakePrompts([]);
    const fc = await makeFakeContext({ prompts: fake, isInteractive });
    await expect(onboardCommand(typed({ baseUrl: server.baseUrl, ...extra }, fc.ctx), fc.ctx)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--venice-api-key-stdin') });
    expect(fc.promptsLoaded()).toBe(0);
    expect(existsSync(fc.home.configPath)).toBe(false);
  });
});

it('a config written interactively is re-read byte for byte by a second run that changes nothing', async () => {
  const first = await onboard(ENTER_THROUGH, { server });
  const bytes = await readFile(first.home.configPath);
  const second = await onboard(
    [{ confirm: /Keep the key in the config env block/, answer: true }, { search: /Default model/, answer: DEFAULT }, { select: /stored/, answer: DEFAULT }],
    { server, home: first.home },
  );
  expect(second.code).toBe(0);
  expect(second.fake.questions()).toEqual([Q.keep('config env block', 'vapi…qrst'), Q.model, Q.storage]);
  expect(second.stderr()).toContain('already has this setup: nothing to write.');
  expect(await readFile(first.home.configPath)).toEqual(bytes);
  expect(existsSync(`${first.home.configPath}.bak`)).toBe(false);
});
