import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import { installFakeOpenclaw, type FakeOpenclaw, type FakeOpenclawBehaviour } from '../support/fake-openclaw.js';
import { parseJsonOutput, runCli, type CliResult } from '../support/run-cli.js';
import { makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/**
 * Onboarding and verify with an `openclaw` on PATH (issue 13): the target release comes from it,
 * the Venice plugin is asked about, the SQLite auth store is written through it, and verify
 * reports its verdict. The stand-in records what we ask; test/openclaw/ runs the real releases.
 */

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Setup {
  server: VeniceServer;
  h: TempHome;
  oc: FakeOpenclaw;
  run(args: string[], stdin?: string): Promise<CliResult>;
}

async function setup(t: TestHooks, behaviour: Partial<FakeOpenclawBehaviour> = {}): Promise<Setup> {
  const server = await startVeniceServer();
  t.onTestFinished(() => server.close());
  const h = await makeTempHome({ context: t });
  const oc = await installFakeOpenclaw(t, { version: '2026.9.6', plugin: 'installed', ...behaviour });
  return {
    server,
    h,
    oc,
    run: async (args, stdin) => {
      const r = await runCli([...args, '--base-url', server.baseUrl], { home: h.home, env: { PATH: oc.path }, ...(stdin === undefined ? {} : { stdin }) });
      expect(r.timedOut).toBe(false);
      expect(r.stdout + r.stderr).not.toContain(TEST_API_KEY);
      return r;
    },
  };
}

const ONBOARD = ['onboard', '--non-interactive', '--venice-api-key-stdin'];
const KEY_LINE = `${TEST_API_KEY}\n`;
const readConfig = async (h: TempHome) => json5.parse<Config>(await readFile(h.configPath, 'utf8'));
/** The commands run, without the options that follow the command words. */
const commands = async (oc: FakeOpenclaw) => (await oc.calls()).map((c) => c.args.slice(0, c.args[0] === '--version' ? 1 : 3).join(' '));

describe.concurrent('onboarding with openclaw on PATH', () => {
  it('targets the release it reports; the plugin installed: the config enables it, rows without cost', async (t) => {
    const { h, oc, run } = await setup(t);
    const r = await run(ONBOARD, KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('OpenClaw: 2026.9.6 (the openclaw on your PATH)\n');
    expect(r.stderr).toContain('  Venice plugin: @openclaw/venice-provider 2026.9.3 is installed.\n');
    const config = await readConfig(h);
    expect(config.plugins).toEqual({ entries: { venice: { enabled: true } } });
    expect(config.env).toEqual({ vars: { VENICE_API_KEY: TEST_API_KEY } });
    expect(config.models.providers.venice.models[0]).not.toHaveProperty('cost');
    expect((await commands(oc)).sort()).toEqual(['--version', 'plugins list --json']);
    // plugins list is shown only the config's plugins block (OpenClaw refuses to list under a config it rejects).
    const list = (await oc.calls()).find((c) => c.args[0] === 'plugins');
    expect(list?.configText).toBe('{}');
    expect(list?.configPath).not.toBe(h.configPath);
  });

  it('an older release on PATH gets its own shape: 2026.6.10 keeps cost, no plugin question', async (t) => {
    const { h, oc, run } = await setup(t, { version: '2026.6.10' });
    const r = await run(ONBOARD, KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('OpenClaw: 2026.6.10 (the openclaw on your PATH)\n');
    const config = await readConfig(h);
    expect(config.plugins).toBeUndefined();
    expect(config.models.providers.venice.models[0]).toHaveProperty('cost');
    expect(await commands(oc)).toEqual(['--version']);
  });

  it('an openclaw that does not say its version: the newest known release, and a warning saying so', async (t) => {
    const { oc, run } = await setup(t, { version: 'unknown' });
    const r = await run(ONBOARD, KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'OpenClaw: 2026.9.6 (the newest release venice-onboard knows)\n' +
        `! ${oc.binDir}/openclaw did not say its version; writing for OpenClaw 2026.9.6. Name your release with --openclaw-version <version>.\n`,
    );
  });

  it('--openclaw-version wins, and openclaw --version is not asked', async (t) => {
    const { oc, run } = await setup(t, { version: '2026.6.10' });
    const r = await run([...ONBOARD, '--openclaw-version', '2026.9.6'], KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('OpenClaw: 2026.9.6 (from --openclaw-version)\n');
    expect(await commands(oc)).toEqual(['plugins list --json']);
  });

  it('the plugin missing, non-interactive: the install command is printed, not run; no plugins entry', async (t) => {
    const { h, oc, run } = await setup(t, { plugin: 'missing' });
    const r = await run(ONBOARD, KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      '! Venice is not installed: install it with openclaw plugins install @openclaw/venice-provider. The Venice block written here works without it; OpenClaw saves the config in its own format (without comments) when it installs a plugin.\n',
    );
    expect((await readConfig(h)).plugins).toBeUndefined();
    expect(await commands(oc)).not.toContain('plugins install @openclaw/venice-provider');
  });

  it('--key-storage auth-profile on a SQLite release: the key goes to OpenClaw on stdin, through a copy of the config; our file keeps its comments', async (t) => {
    const { h, oc, run } = await setup(t);
    const mine = '// my OpenClaw\n{\n  agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-5" } } }, // mine\n}\n';
    await writeFile(h.configPath, mine);
    const r = await run([...ONBOARD, '--key-storage', 'auth-profile'], KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('✓ Ran openclaw models auth paste-api-key --provider venice --profile-id venice:default (the key on its stdin)\n');
    expect(await oc.savedProfiles(h.stateDir)).toEqual({ 'venice:default': TEST_API_KEY });

    const paste = (await oc.calls()).find((c) => c.args[1] === 'auth');
    expect(paste?.args).toEqual(['models', 'auth', 'paste-api-key', '--provider', 'venice', '--profile-id', 'venice:default']);
    expect(paste?.stdin).toBe(KEY_LINE);
    expect(paste?.stateDir).toBe(h.stateDir);
    // OpenClaw saw the config as we were about to write it, in a copy beside the real file...
    expect(paste?.configPath).not.toBe(h.configPath);
    expect(paste?.configPath.startsWith(`${h.stateDir}/.openclaw.json.venice-onboard-`)).toBe(true);
    expect(json5.parse<Config>(paste?.configText ?? '').auth).toEqual({ profiles: { 'venice:default': { provider: 'venice', mode: 'api_key' } } });
    // ...whose rewrite (and its backups) are gone; ours keeps the comments and never holds the key.
    expect((await readdir(h.stateDir)).sort()).toEqual(['fake-openclaw-profiles.json', 'openclaw.json', 'openclaw.json.bak']);
    const text = await readFile(h.configPath, 'utf8');
    expect(text.startsWith('// my OpenClaw\n')).toBe(true);
    expect(text).toContain('// mine');
    expect(text).not.toContain(TEST_API_KEY);
    const config = json5.parse<Config>(text);
    expect(config.models.providers.venice).not.toHaveProperty('apiKey');
    expect(config.env).toBeUndefined();
  });

  it('auth-profile over a leftover auth-profiles.json (which 2026.8.1 and later refuse to run with): the file is removed, the key moved', async (t) => {
    const { h, oc, run } = await setup(t);
    const file = join(h.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
    await mkdir(join(h.stateDir, 'agents', 'main', 'agent'), { recursive: true });
    await writeFile(file, JSON.stringify({ version: 1, profiles: { 'venice:default': { type: 'api_key', provider: 'venice', key: TEST_API_KEY } } }), { mode: 0o600 });
    const r = await run([...ONBOARD, '--key-storage', 'auth-profile'], KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`  Moved the key from ${file} (which OpenClaw 2026.9.6 does not read) into OpenClaw's own store.\n`);
    expect(await readdir(join(h.stateDir, 'agents', 'main', 'agent'))).not.toContain('auth-profiles.json');
    expect(await oc.savedProfiles(h.stateDir)).toEqual({ 'venice:default': TEST_API_KEY });
  });

  it('OpenClaw refusing to save the key: exit 1 with its reason, nothing written', async (t) => {
    const { h, run } = await setup(t, { pasteFails: 'Reason: profile store is locked' });
    const r = await run([...ONBOARD, '--key-storage', 'auth-profile'], KEY_LINE);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ OpenClaw could not save the key in its auth profile: profile store is locked\n');
    expect(await readdir(h.stateDir)).toEqual([]);
  });

  it('--dry-run: the OpenClaw command is listed after the diff, and not run', async (t) => {
    const { h, oc, run } = await setup(t);
    const r = await run([...ONBOARD, '--key-storage', 'auth-profile', '--dry-run'], KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('  then: openclaw models auth paste-api-key --provider venice --profile-id venice:default (the key on its stdin)\n');
    expect(r.stderr).toContain('Dry run: 1 file(s) would change and OpenClaw would run 1 command(s); nothing was written.\n');
    expect(await commands(oc)).not.toContain('models auth paste-api-key');
    expect(await readdir(h.stateDir)).toEqual([]);
    const json = await run([...ONBOARD, '--key-storage', 'auth-profile', '--dry-run', '--json'], KEY_LINE);
    expect(parseJsonOutput(json)).toMatchObject({ openclawSteps: ['openclaw models auth paste-api-key --provider venice --profile-id venice:default (the key on its stdin)'] });
  });

  it('leaving the SQLite store for the config (2026.8.1 and later): the profile is logged out and its declaration removed', async (t) => {
    const { h, oc, run } = await setup(t);
    expect((await run([...ONBOARD, '--key-storage', 'auth-profile'], KEY_LINE)).code).toBe(0);
    const r = await run([...ONBOARD, '--key-storage', 'config', '--yes'], KEY_LINE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('✓ Ran openclaw models auth logout venice:default --yes\n');
    expect(await oc.savedProfiles(h.stateDir)).toEqual({});
    const config = await readConfig(h);
    // The declaration was all `auth` held: the objects its removal emptied go with it.
    expect(config.auth).toBeUndefined();
    expect(config.env).toEqual({ vars: { VENICE_API_KEY: TEST_API_KEY } });
  });
});

describe.concurrent('verify with openclaw on PATH', () => {
  const onboarded = async (t: TestHooks, behaviour: Partial<FakeOpenclawBehaviour> = {}) => {
    const s = await setup(t, behaviour);
    expect((await s.run(ONBOARD, KEY_LINE)).code).toBe(0);
    return s;
  };
  const check = (r: CliResult, id: string) => (parseJsonOutput(r) as { checks: { id: string; status: string; message: string; hint: string | null }[] }).checks.find((c) => c.id === id);

  it("OpenClaw's verdict and the plugin: both pass after onboarding", async (t) => {
    const { oc, run } = await onboarded(t);
    const r = await run(['verify', '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(check(r, 'openclaw.release')).toEqual({
      id: 'openclaw.release',
      status: 'pass',
      message: `OpenClaw 2026.9.6 at ${oc.binDir}/openclaw; Venice plugin @openclaw/venice-provider 2026.9.3 installed.`,
      hint: null,
      durationMs: expect.any(Number),
    });
    expect(check(r, 'openclaw.validate')).toMatchObject({ status: 'pass', message: 'OpenClaw 2026.9.6 accepts the config.', hint: null });
  });

  it('a refused config: openclaw.validate fails line by line, with the doctor hint for keys OpenClaw migrates; --offline still asks', async (t) => {
    const validate = {
      valid: false,
      path: '/x',
      issues: [
        { path: 'meta', message: 'Unrecognized key: "lastTouchedAt"' },
        { path: '<root>', message: 'Unrecognized key: "agent"' },
      ],
    };
    const { run } = await onboarded(t, { validate });
    const r = await run(['verify', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '✗ openclaw.validate    OpenClaw 2026.9.6 refuses the config:\n' +
        '                       meta: Unrecognized key: "lastTouchedAt"\n' +
        '                       <root>: Unrecognized key: "agent"\n' +
        '                       → openclaw doctor --fix migrates these keys (it saves the config without its comments, the old file as .bak).\n',
    );
  });

  it('the plugin missing: openclaw.release warns with the install command', async (t) => {
    const { run } = await onboarded(t, { plugin: 'missing' });
    const r = await run(['verify', '--json', '--offline']);
    expect(check(r, 'openclaw.release')).toMatchObject({
      status: 'warn',
      hint: 'Install it: openclaw plugins install @openclaw/venice-provider (or run venice-onboard onboard, which offers to).',
    });
  });

  it('the key in the SQLite store: key.present passes, the checks that need its value skip saying why', async (t) => {
    const { run } = await setup(t);
    expect((await run([...ONBOARD, '--key-storage', 'auth-profile'], KEY_LINE)).code).toBe(0);
    const r = await run(['verify', '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(check(r, 'key.present')?.status).toBe('pass');
    expect(check(r, 'key.valid')).toMatchObject({
      status: 'skip',
      message: "skipped: the key is in OpenClaw's auth profile venice:default, which only OpenClaw reads (openclaw models status --probe checks it)",
    });
  });
});
