import { describe, expect, it } from 'vitest';
import type { FoundKey } from '../../src/config/key-stores.js';
import { chooseTarget } from '../../src/core/openclaw-releases.js';
import type { Openclaw } from '../../src/openclaw/target.js';
import { checkKeyPresent } from '../../src/verify/key-present.js';
import { checkOpenclawRelease, checkOpenclawValidate } from '../../src/verify/openclaw-checks.js';

/** key.present by target release, openclaw.release and openclaw.validate (issue 13, SPEC §1.2). */

const KEY = 'vapi_0123456789abcdefghijklmnopqrst';
const NEWEST = chooseTarget({});
const at = (version: string) => chooseTarget({ flag: version });
const OC: Openclaw = { bin: '/opt/oc/bin/openclaw', place: { env: {}, configPath: '/h/.openclaw/openclaw.json', stateDir: '/h/.openclaw' }, version: '2026.9.6' };
const NO_OPENCLAW_HINT = 'Put openclaw on PATH (npm install -g openclaw) so that verify can ask OpenClaw itself.';

const profileFile: FoundKey = { place: 'auth-profile', key: KEY, file: '/h/.openclaw/agents/main/agent/auth-profiles.json' };
const legacyEnv: FoundKey = { place: 'config-env', key: KEY, configPath: ['env', 'VENICE_API_KEY'] };
const envVars: FoundKey = { place: 'config-env', key: KEY, configPath: ['env', 'vars', 'VENICE_API_KEY'] };
const declared = { auth: { profiles: { 'venice:default': { provider: 'venice', mode: 'api_key' } } } };

describe('key.present by target release', () => {
  it('auth-profiles.json on a release that reads it: the key, as before', () => {
    expect(checkKeyPresent([profileFile], {}, '/h/.openclaw', at('2026.6.1'))).toEqual({
      outcome: { status: 'pass', message: `vapi…qrst from the OpenClaw auth profile venice:default (${profileFile.file}).` },
      key: KEY,
    });
  });

  it('auth-profiles.json from 2026.8.1: fail, OpenClaw refuses to run while it exists', () => {
    expect(checkKeyPresent([profileFile, envVars], {}, '/h/.openclaw', NEWEST)).toEqual({
      outcome: {
        status: 'fail',
        message: `vapi…qrst in ${profileFile.file}, which OpenClaw 2026.9.6 does not read (and while it exists, OpenClaw refuses to run).`,
        hint: "Run venice-onboard onboard --key-storage auth-profile to move it into OpenClaw's store (or openclaw doctor --fix).",
      },
      key: KEY,
    });
  });

  it('auth-profiles.json on 2026.6.5–2026.7.x: a warning (ignored, not fatal)', () => {
    expect(checkKeyPresent([profileFile], {}, '/h/.openclaw', at('2026.7.35'))?.outcome.status).toBe('warn');
  });

  it("a declared profile on a SQLite release: present, its value unreadable (the checks needing it skip)", () => {
    expect(checkKeyPresent([], declared, '/h/.openclaw', NEWEST)).toEqual({
      outcome: { status: 'pass', message: "Auth profile venice:default in OpenClaw's store under /h/.openclaw/ (its value is not readable here)." },
      unreadable: "the key is in OpenClaw's auth profile venice:default, which only OpenClaw reads (openclaw models status --probe checks it)",
    });
  });

  it("the product page's env.VENICE_API_KEY: fail from 2026.8.1, a warning before, env.vars passes", () => {
    expect(checkKeyPresent([legacyEnv], {}, '/h/.openclaw', NEWEST)?.outcome).toEqual({
      status: 'fail',
      message: 'vapi…qrst from the config env block at env.VENICE_API_KEY, which OpenClaw 2026.9.6 refuses: it will not start.',
      hint: 'Run venice-onboard onboard: it moves the key to env.vars.VENICE_API_KEY and keeps your comments.',
    });
    expect(checkKeyPresent([legacyEnv], {}, '/h/.openclaw', at('2026.7.35'))?.outcome).toEqual({
      status: 'warn',
      message: 'vapi…qrst from the config env block at env.VENICE_API_KEY, which OpenClaw 2026.8.1 and later refuse.',
      hint: 'Run venice-onboard onboard: it moves the key to env.vars.VENICE_API_KEY and keeps your comments.',
    });
    expect(checkKeyPresent([envVars], {}, '/h/.openclaw', NEWEST)?.outcome).toEqual({ status: 'pass', message: 'vapi…qrst from the config env block.' });
  });

  it("a placeholder where OpenClaw would read the key (the product page's vapi_...): fail, no key to check further", () => {
    const fix = 'Run venice-onboard onboard with your key (venice.ai → Settings → API Keys): it replaces the placeholder without asking.';
    expect(checkKeyPresent([{ ...legacyEnv, key: 'vapi_...' }], {}, '/h/.openclaw', NEWEST)).toEqual({
      outcome: { status: 'fail', message: 'vapi_... from the config env block at env.VENICE_API_KEY is a placeholder, not a key.', hint: fix },
    });
    expect(checkKeyPresent([{ place: 'dotenv', key: 'vapi_xxxxxxxxxxxx', file: '/h/.openclaw/.env' }], {}, '/h/.openclaw', NEWEST)).toEqual({
      outcome: { status: 'fail', message: 'vapi_xxxxxxxxxxxx from the .env file (/h/.openclaw/.env) is a placeholder, not a key.', hint: fix },
    });
    // As long as a key, it is masked like one.
    expect(checkKeyPresent([{ place: 'env-var', key: 'your-venice-api-key-here' }, envVars], {}, '/h/.openclaw', NEWEST)).toEqual({
      outcome: {
        status: 'fail',
        message: 'your…here from the VENICE_API_KEY environment variable is a placeholder, not a key.',
        hint: 'Set VENICE_API_KEY to your key (venice.ai → Settings → API Keys), or unset it.',
      },
    });
  });

  it('nothing found: undefined (the caller says where it looked)', () => {
    expect(checkKeyPresent([], {}, '/h/.openclaw', NEWEST)).toBeUndefined();
  });
});

describe('openclaw.release', () => {
  it('no openclaw on PATH: skip with the hint', () => {
    expect(checkOpenclawRelease(NEWEST, undefined, undefined)).toEqual({ status: 'skip', message: 'skipped: openclaw is not on PATH (checked for 2026.9.6).', hint: NO_OPENCLAW_HINT });
  });

  it.each([
    [{ installed: true, version: '2026.9.3', enabled: true }, { status: 'pass', message: 'OpenClaw 2026.9.6 at /opt/oc/bin/openclaw; Venice plugin @openclaw/venice-provider 2026.9.3 installed.' }],
    [
      { installed: false },
      {
        status: 'warn',
        message: 'OpenClaw 2026.9.6 at /opt/oc/bin/openclaw; the Venice plugin @openclaw/venice-provider is not installed.',
        hint: 'Install it: openclaw plugins install @openclaw/venice-provider (or run venice-onboard onboard, which offers to).',
      },
    ],
    [
      { installed: true, enabled: false },
      { status: 'warn', message: 'OpenClaw 2026.9.6 at /opt/oc/bin/openclaw; the Venice plugin is installed but disabled.', hint: 'Set plugins.entries.venice.enabled to true (venice-onboard onboard does).' },
    ],
    [undefined, { status: 'warn', message: 'OpenClaw 2026.9.6 at /opt/oc/bin/openclaw; it could not say whether @openclaw/venice-provider is installed.', hint: 'Run openclaw plugins list to see.' }],
  ])('plugin %j', (plugin, outcome) => {
    expect(checkOpenclawRelease(NEWEST, OC, plugin)).toEqual(outcome);
  });

  it('releases with Venice built in or bundled pass without asking about a plugin', () => {
    const old = { ...OC, version: '2026.1.29' };
    expect(checkOpenclawRelease(at('2026.1.29'), old, undefined)).toEqual({ status: 'pass', message: 'OpenClaw 2026.1.29 at /opt/oc/bin/openclaw; Venice is built in.' });
    expect(checkOpenclawRelease(at('2026.4.1'), { ...OC, version: '2026.4.1' }, undefined).message).toBe('OpenClaw 2026.4.1 at /opt/oc/bin/openclaw; Venice is its bundled plugin.');
  });
});

describe('openclaw.validate', () => {
  const verdict = (valid: boolean, issues: { path: string; message: string }[] = [], warnings: { path: string; message: string }[] = []) => ({ kind: 'verdict' as const, valid, issues, warnings });

  it('valid: pass', () => {
    expect(checkOpenclawValidate(OC, verdict(true))).toEqual({ status: 'pass', message: 'OpenClaw 2026.9.6 accepts the config.' });
  });

  it('refused: one line per issue with its path; keys doctor migrates get the doctor hint', () => {
    const issues = [
      { path: 'meta', message: 'Unrecognized key: "lastTouchedAt"' },
      { path: '<root>', message: 'Unrecognized key: "agent"' },
    ];
    expect(checkOpenclawValidate(OC, verdict(false, issues))).toEqual({
      status: 'fail',
      message: 'OpenClaw 2026.9.6 refuses the config:\nmeta: Unrecognized key: "lastTouchedAt"\n<root>: Unrecognized key: "agent"',
      hint: 'openclaw doctor --fix migrates these keys (it saves the config without its comments, the old file as .bak).',
    });
  });

  it("the product page's env.VENICE_API_KEY: the hint is our own re-run, which keeps comments", () => {
    const outcome = checkOpenclawValidate(OC, verdict(false, [{ path: 'env', message: 'Unrecognized key: "VENICE_API_KEY"' }]));
    expect(outcome.hint).toBe('Run venice-onboard onboard: it moves env.VENICE_API_KEY to env.vars (refused since 2026.8.1) and keeps your comments.');
  });

  it('other refusals: fix by hand', () => {
    const outcome = checkOpenclawValidate(OC, verdict(false, [{ path: 'models.providers.venice.models.0', message: 'Unrecognized key: "privacy"' }]));
    expect(outcome.hint).toBe('Fix these by hand; openclaw config validate lists them too.');
  });

  it('warnings: warn, line by line', () => {
    const outcome = checkOpenclawValidate(OC, verdict(true, [], [{ path: 'plugins.entries.venice', message: 'plugin not installed' }]));
    expect(outcome).toEqual({
      status: 'warn',
      message: 'OpenClaw 2026.9.6 accepts the config, with warnings:\nplugins.entries.venice: plugin not installed',
      hint: 'Each warning names what OpenClaw will do without; fix the ones you need.',
    });
  });

  it('no openclaw, no config, no validate command, no answer', () => {
    expect(checkOpenclawValidate(undefined, undefined)).toEqual({ status: 'skip', message: 'skipped: openclaw is not on PATH.', hint: NO_OPENCLAW_HINT });
    expect(checkOpenclawValidate(OC, undefined)).toEqual({ status: 'skip', message: 'skipped: no config file' });
    expect(checkOpenclawValidate({ ...OC, version: '2026.1.29' }, { kind: 'unsupported' })).toEqual({ status: 'skip', message: 'skipped: OpenClaw 2026.1.29 has no config validate command.' });
    expect(checkOpenclawValidate(OC, { kind: 'failed', reason: 'timed out after 60 s' })).toEqual({
      status: 'warn',
      message: 'openclaw config validate did not answer: timed out after 60 s',
      hint: 'Run openclaw config validate yourself to see why.',
    });
  });
});
