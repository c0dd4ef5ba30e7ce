import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import { nodeBin, openclawBin, pins, pluginTemplate, type PinnedRelease } from '../../scripts/install-openclaw.mjs';
import { runCli } from '../support/run-cli.js';
import { makeTempDir, makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';
import { probeStatus, validate } from './judge.js';

/**
 * What venice-onboard writes, judged by real OpenClaw releases (issue 13, SPEC §8): for each pinned
 * release (test/openclaw/releases.json) and each key storage, on a fresh state directory (with the
 * Venice plugin installed where the release needs it), onboarding runs with that release's
 * `openclaw` on PATH and Node 24, as OpenClaw's users have them; then OpenClaw itself must say
 * the config is valid, resolve the Venice key and the default model, and get an answer from the
 * local Venice-like server through the config's baseUrl. The same again over the product page's
 * config (key directly under `env`, comments inside), which must end valid with every comment kept.
 *
 * `npm run test:openclaw` installs the releases first (scripts/install-openclaw.mjs).
 * VENICE_ONBOARD_OPENCLAW_RELEASES=2026.9.6,2026.1.29 runs only those.
 */

const only = process.env.VENICE_ONBOARD_OPENCLAW_RELEASES?.split(',').map((v) => v.trim());
const RELEASES = pins.releases.filter((r) => only === undefined || only.includes(r.version));
const MODES = ['config', 'dotenv', 'auth-profile', 'none'] as const;
type Mode = (typeof MODES)[number];

const PRODUCT_PAGE = await readFile(new URL('product-page.json5', import.meta.url), 'utf8');
const COMMENTS = PRODUCT_PAGE.match(/\/\/[^\n]*/g) ?? [];

async function serve(t: TestHooks): Promise<VeniceServer> {
  const server = await startVeniceServer();
  t.onTestFinished(() => server.close());
  return server;
}

/** A new OpenClaw state dir; with the plugin, OpenClaw's own record of installing it (its SQLite state). */
async function freshState(t: TestHooks, release: PinnedRelease, withPlugin: boolean): Promise<TempHome> {
  const h = await makeTempHome({ context: t });
  if (withPlugin) {
    await mkdir(join(h.stateDir, 'state'), { recursive: true, mode: 0o700 });
    await copyFile(join(pluginTemplate(release.version), 'home', '.openclaw', 'state', 'openclaw.sqlite'), join(h.stateDir, 'state', 'openclaw.sqlite'));
  }
  return h;
}

/** `npx venice-onboard` as a user runs it non-interactively, with this release's openclaw on PATH. */
async function onboard(h: TempHome, server: VeniceServer, release: PinnedRelease, mode: Mode, extra: string[] = []): Promise<string> {
  const r = await runCli(['onboard', '--non-interactive', '--venice-api-key-stdin', '--base-url', server.baseUrl, '--key-storage', mode, ...extra], {
    home: h.home,
    node: join(nodeBin, 'node'),
    env: { PATH: `${dirname(openclawBin(release.version))}:${nodeBin}:/usr/bin:/bin` },
    stdin: `${TEST_API_KEY}\n`,
    timeoutMs: 120_000,
  });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain(`OpenClaw: ${release.version} (the openclaw on your PATH)\n`);
  expect(r.stdout + r.stderr).not.toContain(TEST_API_KEY);
  return r.stderr;
}

/** OpenClaw's two answers: the config is valid; the key and default resolve and the probe reached our server. */
async function expectOpenclawAccepts(h: TempHome, server: VeniceServer, release: PinnedRelease, mode: Mode): Promise<void> {
  // Key storage none: the gateway's own environment holds the key.
  const env: Record<string, string> = mode === 'none' ? { VENICE_API_KEY: TEST_API_KEY } : {};
  const verdict = await validate(release.version, h.home, env);
  expect(verdict, JSON.stringify(verdict)).toEqual({ valid: true, issues: [], warnings: [] });

  const before = server.requestsTo('chat').length;
  const status = await probeStatus(release.version, h.home, env);
  expect(status.defaultModel).toBe('venice/llama-3.3-70b');
  const venice = (status.auth.providers as { provider: string; effective?: { kind: string } }[]).find((p) => p.provider === 'venice');
  expect(venice?.effective?.kind, JSON.stringify(status.auth.providers)).toMatch(/^(env|profiles|models\.json)$/);
  expect(status.auth.missingProvidersInUse ?? []).not.toContain('venice');
  const probes = (status.auth.probes.results as { provider: string; model: string; status: string; error?: string }[]).filter((p) => p.provider === 'venice');
  expect(probes.map((p) => ({ model: p.model, status: p.status, error: p.error })), JSON.stringify(probes)).toEqual([{ model: 'venice/llama-3.3-70b', status: 'ok', error: undefined }]);
  // The probe's one chat request went to the config's baseUrl, with the key.
  const chats = server.requestsTo('chat').slice(before);
  expect(chats.length).toBeGreaterThan(0);
  expect(chats.every((c) => c.headers.authorization === `Bearer ${TEST_API_KEY}`)).toBe(true);
}

describe.concurrent.each(RELEASES)('OpenClaw $version ($why)', (release) => {
  it.for(MODES)('a first setup with --key-storage %s: valid, and the probe answers', async (mode, t) => {
    const server = await serve(t);
    const h = await freshState(t, release, release.plugin === true);
    const said = await onboard(h, server, release, mode);
    if (release.plugin) expect(said).toContain(`Venice plugin: @openclaw/venice-provider ${pins.venicePlugin} is installed.`);
    await expectOpenclawAccepts(h, server, release, mode);
  });

  it.for(MODES)("a re-run over the product page's config with --key-storage %s: valid, the probe answers, every comment kept", async (mode, t) => {
    const server = await serve(t);
    const h = await freshState(t, release, release.plugin === true);
    await writeFile(h.configPath, PRODUCT_PAGE.replace('{{BASE_URL}}', server.baseUrl), { mode: 0o600 });
    // --yes: the key leaves env.VENICE_API_KEY for the chosen place.
    await onboard(h, server, release, mode, ['--yes']);
    const text = await readFile(h.configPath, 'utf8');
    for (const comment of COMMENTS) expect(text, comment).toContain(comment);
    expect(json5.parse<{ env?: Record<string, unknown> }>(text).env?.VENICE_API_KEY).toBeUndefined();
    await expectOpenclawAccepts(h, server, release, mode);
  });
});

// The newest release without its Venice plugin: the Venice block alone must still work.
describe.runIf(RELEASES.some((r) => r.version === '2026.9.6'))('OpenClaw 2026.9.6 without the Venice plugin', () => {
  it('a first setup says how to install it, writes no plugin entry, and works', async (t) => {
    const release = RELEASES.find((r) => r.version === '2026.9.6')!;
    const server = await serve(t);
    const h = await freshState(t, release, false);
    const said = await onboard(h, server, release, 'config');
    expect(said).toContain('! Venice is not installed: install it with openclaw plugins install @openclaw/venice-provider.');
    expect(json5.parse<Record<string, unknown>>(await readFile(h.configPath, 'utf8')).plugins).toBeUndefined();
    await expectOpenclawAccepts(h, server, release, 'config');
  });
});

// OpenClaw's users run Node 24, where bin/ turns on Node's own compile cache (Node 20 has none).
describe('venice-onboard on Node 24', () => {
  it("keeps its compiled code in Node's compile cache, in the temp dir", async (t) => {
    const tmp = await makeTempDir({ context: t });
    const r = await runCli(['models', 'list', '--offline', '--json'], { node: join(nodeBin, 'node'), env: { TMPDIR: tmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'static', count: 25 });
    expect((await readdir(join(tmp, 'node-compile-cache'), { recursive: true })).length).toBeGreaterThan(0);
  });
});
