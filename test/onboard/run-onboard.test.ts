import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import type { Context, Output } from '../../src/context.js';
import { CliError, ExitCode } from '../../src/errors.js';
import { nonInteractive, type Interaction } from '../../src/onboard/interaction.js';
import type { OnboardOptions } from '../../src/options.js';
import { runOnboard } from '../../src/onboard/run-onboard.js';
import { makeTempDir, type TestHooks } from '../support/temp-home.js';

/**
 * The onboarding engine with a fake context (STYLE §4, §10): offline (built-in catalog), a
 * temp config dir, and an Interaction whose answers the test scripts. Covers what the
 * non-interactive binary cannot reach: declining the write, the confirmation flow.
 */

const KEY = 'vapi_0123456789abcdefghijklmnopqrst';
const OLD_KEY = 'vapi_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

class Buffered implements Output {
  text = '';
  readonly isTTY = false;
  write(text: string): void {
    this.text += text;
  }
}

interface Fake {
  ctx: Context;
  stdout: Buffered;
  stderr: Buffered;
  dir: string;
  configPath: string;
}

async function fake(t: TestHooks, stdinLine = ''): Promise<Fake> {
  const dir = await makeTempDir({ prefix: 'venice-onboard-unit-', context: t });
  const stdout = new Buffered();
  const stderr = new Buffered();
  const ctx: Context = {
    env: { HOME: dir, XDG_CACHE_HOME: join(dir, 'cache') },
    stdout,
    stderr,
    readStdinLine: async () => stdinLine,
    isInteractive: false,
    color: false,
    now: () => new Date('2026-02-01T10:00:00Z'),
    prompts: async () => {
      throw new Error('no prompt may be shown in this test');
    },
    secrets: new Set(),
    homedir: dir,
  };
  return { ctx, stdout, stderr, dir, configPath: join(dir, 'state', 'openclaw.json') };
}

function options(f: Fake, over: Partial<OnboardOptions> = {}): OnboardOptions {
  return {
    config: f.configPath,
    baseUrl: 'https://api.venice.ai/api/v1',
    baseUrlGiven: false,
    json: false,
    timeoutMs: 1000,
    offline: true, // no network at all: the built-in catalog, no key check
    nonInteractive: true,
    apiKeyFlag: undefined,
    apiKeyStdin: true,
    model: undefined,
    keyStorage: undefined,
    models: 'all',
    refreshModels: false,
    skipKeyCheck: false,
    dryRun: false,
    yes: false,
    ...over,
  };
}

/** The non-interactive answers, with some replaced and every call recorded. */
function scripted(o: OnboardOptions, ctx: Context, over: Partial<Interaction>, calls: string[]): Interaction {
  const base = nonInteractive(o, ctx);
  const wrap = <K extends keyof Interaction>(name: K): Interaction[K] => {
    const fn = (over[name] ?? base[name]) as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => {
      calls.push(name);
      return fn(...args);
    }) as Interaction[K];
  };
  return {
    header: wrap('header'),
    key: wrap('key'),
    keyChecked: wrap('keyChecked'),
    missingKey: wrap('missingKey'),
    waitForCatalog: wrap('waitForCatalog'),
    model: wrap('model'),
    storage: wrap('storage'),
    confirmReplace: wrap('confirmReplace'),
    confirmWrite: wrap('confirmWrite'),
    installPlugin: wrap('installPlugin'),
  };
}

describe.concurrent('runOnboard with a fake context', () => {
  it('declining "Write these changes?": exit 130, nothing written; the preview diff had the key masked', async (t) => {
    const f = await fake(t, KEY);
    const o = options(f);
    let preview = '';
    const calls: string[] = [];
    const ask = scripted(o, f.ctx, { confirmWrite: async (diff) => ((preview = diff()), false) }, calls);
    expect(await runOnboard(o, f.ctx, ask)).toBe(ExitCode.cancelled);
    expect(f.stderr.text).toContain('Nothing was written.\n');
    expect(preview).toContain('+      "VENICE_API_KEY": "vapi…qrst",');
    expect(preview).not.toContain(KEY);
    expect(await readdir(f.dir)).not.toContain('state');
    expect(calls).toEqual(['header', 'key', 'waitForCatalog', 'model', 'storage', 'keyChecked', 'confirmWrite']);
  });

  it('offline: no key check, the built-in catalog, the config written 0600', async (t) => {
    const f = await fake(t, KEY);
    expect(await runOnboard(options(f), f.ctx, nonInteractive(options(f), f.ctx))).toBe(ExitCode.ok);
    const config = json5.parse<Record<string, any>>(await readFile(f.configPath, 'utf8')); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(config.agents.defaults.model).toEqual({ primary: 'venice/llama-3.3-70b' });
    expect(config.models.providers.venice.models).toHaveLength(25);
    expect(f.stderr.text).not.toContain('is valid');
    expect(f.stdout.text).toBe('');
  });

  it('a different stored key without --yes: confirmReplace is asked with the masked key; a refusal writes nothing', async (t) => {
    const f = await fake(t, KEY);
    await mkdir(join(f.dir, 'state'));
    const original = `{ env: { VENICE_API_KEY: "${OLD_KEY}" } }\n`;
    await writeFile(f.configPath, original);
    const o = options(f);
    let asked = '';
    const calls: string[] = [];
    const ask = scripted(
      o,
      f.ctx,
      {
        confirmReplace: async (description) => {
          asked = description;
          throw new CliError('cancelled', 'Cancelled. Nothing was written.', { exitCode: ExitCode.cancelled });
        },
      },
      calls,
    );
    await expect(runOnboard(o, f.ctx, ask)).rejects.toMatchObject({ exitCode: ExitCode.cancelled });
    expect(asked).toBe('vapi…b1a0 in the config env block');
    expect(await readFile(f.configPath, 'utf8')).toBe(original);
    expect(await readdir(join(f.dir, 'state'))).toEqual(['openclaw.json']);
    expect(calls).not.toContain('confirmWrite');
  });

  it('--yes: no confirmation asked, the key replaced', async (t) => {
    const f = await fake(t, KEY);
    await mkdir(join(f.dir, 'state'));
    await writeFile(f.configPath, `{ env: { VENICE_API_KEY: "${OLD_KEY}" } }\n`);
    const o = options(f, { yes: true });
    const calls: string[] = [];
    expect(await runOnboard(o, f.ctx, scripted(o, f.ctx, {}, calls))).toBe(ExitCode.ok);
    expect(calls).not.toContain('confirmReplace');
    expect(json5.parse<{ env: unknown }>(await readFile(f.configPath, 'utf8')).env).toEqual({ vars: { VENICE_API_KEY: KEY } });
    expect(f.stdout.text + f.stderr.text).not.toContain(OLD_KEY);
  });

  it('the interactive model answer is used, and the storage answer too', async (t) => {
    const f = await fake(t, KEY);
    const o = options(f);
    const ask = scripted(o, f.ctx, { model: async () => 'qwen3-4b', storage: async () => 'dotenv' }, []);
    expect(await runOnboard(o, f.ctx, ask)).toBe(ExitCode.ok);
    expect(await readFile(join(f.dir, 'state', '.env'), 'utf8')).toBe(`VENICE_API_KEY=${KEY}\n`);
    const config = json5.parse<Record<string, any>>(await readFile(f.configPath, 'utf8')); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(config.agents.defaults.model.primary).toBe('venice/qwen3-4b');
    expect(config.env).toBeUndefined();
  });

  it('no key and not key-storage none: the usage error of the interaction (exit 2), nothing written', async (t) => {
    const f = await fake(t, '');
    const o = options(f, { apiKeyStdin: false });
    await expect(runOnboard(o, f.ctx, nonInteractive(o, f.ctx))).rejects.toMatchObject({ exitCode: ExitCode.usage });
    expect(await readdir(f.dir)).not.toContain('state');
  });

  it('--json: one document on stdout, nothing else there', async (t) => {
    const f = await fake(t, KEY);
    const o = options(f, { json: true });
    expect(await runOnboard(o, f.ctx, nonInteractive(o, f.ctx))).toBe(ExitCode.ok);
    expect(JSON.parse(f.stdout.text)).toEqual({
      ok: true,
      configPath: f.configPath,
      changed: true,
      files: [{ label: 'config', path: f.configPath }],
      defaultModel: 'venice/llama-3.3-70b',
      keyStorage: 'config',
      catalogSource: 'static',
      openclawVersion: '2026.9.6',
    });
  });
});
