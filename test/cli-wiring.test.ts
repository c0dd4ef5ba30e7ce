import { describe, expect, it } from 'vitest';
import { parseCommandLine, type Invocation } from '../src/cli.js';
import type { Context } from '../src/context.js';
import { DEFAULT_BASE_URL } from '../src/core/base-url.js';
import type { OnboardOptions } from '../src/options.js';
import { createFakePrompts } from './support/fake-prompts.js';
import { makeFakeContext } from './support/fake-context.js';

/** argv → the command and its typed options (src/options.ts), for every flag of every command. */

const BASE = 'https://eu.venice.example/api/v1';
const GLOBALS = { config: undefined, baseUrl: DEFAULT_BASE_URL, baseUrlGiven: false, json: false, timeoutMs: 10000, offline: false };
const ONBOARD: OnboardOptions = {
  ...GLOBALS,
  nonInteractive: true,
  apiKeyFlag: undefined,
  apiKeyStdin: false,
  model: undefined,
  keyStorage: undefined,
  models: 'all',
  refreshModels: false,
  skipKeyCheck: false,
  dryRun: false,
  yes: false,
  openclawVersion: undefined,
};

async function context(over: { env?: Record<string, string>; isInteractive?: boolean } = {}): Promise<Context> {
  return (await makeFakeContext({ prompts: createFakePrompts([]), isInteractive: over.isInteractive ?? false, ...(over.env ? { env: over.env } : {}) })).ctx;
}
const parse = async (args: string[], ctx?: Context) => parseCommandLine(['node', 'venice-onboard', ...args], ctx ?? (await context()));

describe('argv → options', () => {
  it.each<[string[], Invocation]>([
    [[], { command: 'onboard', options: ONBOARD }],
    [['onboard'], { command: 'onboard', options: ONBOARD }],
    [
      ['--config', '~/oc.json', '--base-url', `${BASE}/`, '--json', '--timeout', '1500', '--offline'],
      { command: 'onboard', options: { ...ONBOARD, config: '~/oc.json', baseUrl: BASE, baseUrlGiven: true, json: true, timeoutMs: 1500, offline: true } },
    ],
    [
      ['onboard', '--non-interactive', '--venice-api-key-stdin', '--model', 'venice/qwen3-4b', '--key-storage', 'dotenv', '--models', 'default', '--refresh-models', '--skip-key-check', '--dry-run', '--yes', '--openclaw-version', 'v2026.8.1'],
      {
        command: 'onboard',
        options: { ...ONBOARD, apiKeyStdin: true, model: 'venice/qwen3-4b', keyStorage: 'dotenv', models: 'default', refreshModels: true, skipKeyCheck: true, dryRun: true, yes: true, openclawVersion: '2026.8.1' },
      },
    ],
    [['--venice-api-key', 'vapi_x', '--auth-choice', 'venice-api-key', '--accept-risk', '-y'], { command: 'onboard', options: { ...ONBOARD, apiKeyFlag: 'vapi_x', yes: true } }],
    [['verify'], { command: 'verify', options: { ...GLOBALS, chat: false, model: undefined, openclawVersion: undefined } }],
    [['verify', '--chat', '--model', 'qwen3-4b', '--openclaw-version', '2026.6.1', '--json'], { command: 'verify', options: { ...GLOBALS, json: true, chat: true, model: 'qwen3-4b', openclawVersion: '2026.6.1' } }],
    [['models', 'list'], { command: 'models list', options: { ...GLOBALS, privacy: undefined, capabilities: [], search: undefined, plain: false } }],
    [
      ['models', 'list', '--privacy', 'private', '--capability', 'vision', '--capability', 'tools', '--search', 'llama', '--plain'],
      { command: 'models list', options: { ...GLOBALS, privacy: 'private', capabilities: ['vision', 'tools'], search: 'llama', plain: true } },
    ],
    [['models', 'list', '--privacy', 'e2ee'], { command: 'models list', options: { ...GLOBALS, privacy: 'e2ee', capabilities: [], search: undefined, plain: false } }],
    [['models', 'list', '--privacy', 'tee'], { command: 'models list', options: { ...GLOBALS, privacy: 'tee', capabilities: [], search: undefined, plain: false } }],
    [['models', 'list', '--privacy', 'anonymized'], { command: 'models list', options: { ...GLOBALS, privacy: 'anonymized', capabilities: [], search: undefined, plain: false } }],
    [['models', 'set', 'venice/llama-3.3-70b'], { command: 'models set', options: { ...GLOBALS, model: 'venice/llama-3.3-70b', dryRun: false, openclawVersion: undefined } }],
    [['models', 'set', 'qwen3-4b', '--dry-run', '--openclaw-version', '2026.9.6'], { command: 'models set', options: { ...GLOBALS, model: 'qwen3-4b', dryRun: true, openclawVersion: '2026.9.6' } }],
  ])('%j', async (args, expected) => {
    expect(await parse(args)).toEqual(expected);
  });

  it('VENICE_BASE_URL is a given base URL too; --base-url wins over it', async () => {
    const ctx = await context({ env: { VENICE_BASE_URL: BASE } });
    expect((await parse(['verify'], ctx))?.options).toMatchObject({ baseUrl: BASE, baseUrlGiven: true });
    expect((await parse(['verify', '--base-url', 'http://127.0.0.1:9/api/v1'], ctx))?.options).toMatchObject({ baseUrl: 'http://127.0.0.1:9/api/v1', baseUrlGiven: true });
  });

  it('onboard is interactive only with a terminal and without --non-interactive', async () => {
    const tty = await context({ isInteractive: true });
    expect((await parse([], tty))?.options).toMatchObject({ nonInteractive: false });
    expect((await parse(['--non-interactive'], tty))?.options).toMatchObject({ nonInteractive: true });
  });

  it.each([
    [['--timeout', 'soon'], '--timeout must be a number of milliseconds between 1 and 600000, not "soon".'],
    [['--venice-api-key', 'k', '--venice-api-key-stdin'], 'Use either --venice-api-key or --venice-api-key-stdin, not both.'],
    [['models', 'list', '--json', '--plain'], '--json and --plain cannot be used together.'],
    [['verify', '--openclaw-version', 'latest'], '--openclaw-version must be an OpenClaw release such as 2026.9.6, not "latest".'],
  ])('%j: a usage error', async (args, message) => {
    await expect(parse(args)).rejects.toMatchObject({ exitCode: 2, message });
  });
});

describe('the command line itself (src/args.ts)', () => {
  it.each<[string[], Partial<Invocation['options']>]>([
    [['--base-url=https://eu.venice.example/api/v1', 'verify'], { baseUrl: BASE }],
    [['verify', '--model=qwen3-4b', '--json'], { model: 'qwen3-4b', json: true }],
    [['--json', 'models', 'list', '--capability', 'code', '--capability=vision'], { json: true, capabilities: ['vision', 'code'] }],
    [['models', 'list', '--search', '--plain'], { search: '--plain', plain: false }],
    [['--offline', '--', 'models', 'list'], {}],
  ])('%j', async (args, expected) => {
    expect((await parse(args))?.options).toMatchObject(expected);
  });

  it('--version and --help, anywhere, run nothing', async () => {
    for (const args of [['--version'], ['verify', '-V'], ['--help'], ['models', 'list', '-h'], ['help', 'verify'], ['models', '--help']]) {
      expect(await parse(args), args.join(' ')).toBeUndefined();
    }
  });

  it.each([
    [['models', 'list', '--bogus'], "Unknown option '--bogus'"],
    [['models', 'list', '--plian'], "Unknown option '--plian' (did you mean --plain?)"],
    [['verify', '--dry-run'], "Unknown option '--dry-run'"],
    [['verify', '-y'], "Unknown option '-y'"],
    [['verfy'], "Unknown command 'verfy' (did you mean verify?)"],
    [['models', 'lst'], "Unknown command 'models lst' (did you mean models list?)"],
    [['onboard', 'now'], "Too many arguments for 'onboard': expected none, got 'now'"],
    [['models', 'set', 'a', 'b'], "Too many arguments for 'models set': expected <model>, got 'a' 'b'"],
    [['models', 'set'], "Missing the argument <model> of 'models set'"],
    [['verify', '--model'], "Option '--model <id>' argument missing"],
    [['--json=yes', 'verify'], "Option '--json' takes no value"],
    [['--key-storage', 'vault'], "Option '--key-storage <mode>' argument 'vault' is invalid. Allowed choices are config, dotenv, auth-profile, none."],
  ])('%j: a usage error with the help hint', async (args, message) => {
    await expect(parse(args)).rejects.toMatchObject({ exitCode: 2, code: 'usage', message, hint: 'Run venice-onboard --help to see the commands and flags.' });
  });
});
