import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import JSON5 from 'json5';
import { expect } from 'vitest';
import { redactingOutput, type Context } from '../../src/context.js';
import { CliError } from '../../src/errors.js';
import { interactive } from '../../src/onboard/interactive.js';
import { toOnboardOptions } from '../../src/options.js';
import { runOnboard } from '../../src/onboard/run-onboard.js';
import { toGlobalOptions } from '../../src/options.js';
import type { Prompts } from '../../src/ui/prompt-types.js';
import { createFakePrompts, type FakePrompts, type Step } from './fake-prompts.js';
import { makeTempDir, makeTempHome, type TempDirOptions, type TempHome } from './temp-home.js';
import { TEST_API_KEY, type VeniceServer } from './venice-server.js';

/**
 * A real `Context` for command tests (STYLE §4, §10): buffered stdout/stderr behind the real
 * `redactingOutput` (so masking is the product's, not a test double's), an isolated env
 * pointing at a temp home, `isInteractive: true`, scripted prompts, and the real undici
 * network (tests point `baseUrl` at the local fake Venice server).
 */
interface FakeContext {
  ctx: Context;
  home: TempHome;
  /** Everything written to stdout so far (after masking). */
  stdout(): string;
  /** Everything written to stderr so far (after masking). */
  stderr(): string;
  /** How many times `ctx.prompts()` was called. */
  promptsLoaded(): number;
}

interface FakeContextOptions {
  prompts: Prompts;
  /** Added over the isolated env (HOME, XDG_*); `undefined` removes a variable. No CI, no VENICE_API_KEY unless given. */
  env?: Record<string, string | undefined>;
  /** Default: a fresh temp home (removed with the test, or with `hooks`' test in concurrent blocks). */
  home?: TempHome;
  hooks?: TempDirOptions['context'];
  /** What stdin holds for `--venice-api-key-stdin` (its first line is read); without it, reading stdin is an error. */
  stdin?: string;
  isInteractive?: boolean;
  color?: boolean;
  now?: () => Date;
}

export async function makeFakeContext(options: FakeContextOptions): Promise<FakeContext> {
  const home = options.home ?? (await makeTempHome(options.hooks ? { context: options.hooks } : {}));
  const env: Record<string, string | undefined> = { ...home.env, NO_COLOR: '1' };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const out: string[] = [];
  const err: string[] = [];
  const secrets = new Set<string>();
  let loads = 0;
  const ctx: Context = {
    env,
    stdout: redactingOutput({ write: (text: string) => out.push(text), isTTY: true }, secrets),
    stderr: redactingOutput({ write: (text: string) => err.push(text), isTTY: true }, secrets),
    readStdinLine: () =>
      options.stdin === undefined ? Promise.reject(new Error('fake context: the interactive flow must not read stdin')) : Promise.resolve(options.stdin.split(/\r?\n/)[0] ?? ''),
    isInteractive: options.isInteractive ?? true,
    color: options.color ?? false,
    now: options.now ?? (() => new Date()),
    prompts: async () => {
      loads++;
      return options.prompts;
    },
    secrets,
    homedir: home.home,
  };
  return { ctx, home, stdout: () => out.join(''), stderr: () => err.join(''), promptsLoaded: () => loads };
}

// ---- A scripted interactive onboarding run, shared by test/onboard/interactive*.test.ts ----

/** Valid on the fake server (with `validKeys: VALID_KEYS`): masked `vapi…0001`. */
export const OLD_KEY = 'vapi_OLDKEYabcdefghijklmnopq0001';
/** Valid too: a second key a user may type. */
export const OTHER_KEY = 'vapi_OTHERKEYabcdefghijklmno0002';
/** Well-formed but unknown to the server: answered 401. */
export const WRONG_KEYS = ['vapi_WRONGKEYabcdefghijklmn0401', 'vapi_WRONGKEYabcdefghijklmn0402', 'vapi_WRONGKEYabcdefghijklmn0403'] as const;
export const VALID_KEYS = [TEST_API_KEY, OLD_KEY, OTHER_KEY];
/** Every key a test may type or store: none may ever be printed whole. */
const ALL_KEYS = [...VALID_KEYS, ...WRONG_KEYS];

export const Q = {
  password: 'password: Venice API key (venice.ai → Settings → API Keys):',
  model: 'search: Default model (type to search):',
  storage: 'select: Where should the key be stored?',
  write: 'confirm: Write these changes?',
  envKey: (masked: string) => `confirm: Use VENICE_API_KEY from your environment (${masked})?`,
  keep: (place: string, masked: string) => `confirm: Keep the key in the ${place} (${masked})?`,
  replace: (what: string) => `confirm: Replace the existing key (${what})?`,
} as const;

interface OnboardRun extends FakeContext {
  fake: FakePrompts;
  /** The exit code runOnboard returned, or undefined when it threw. */
  code: number | undefined;
  error: unknown;
  /** stdout + stderr as the user would have seen them (after masking). */
  output: string;
}

interface RunOptions {
  server: VeniceServer;
  /** Raw commander-style flags (camelCase), e.g. `{ offline: true, keyStorage: 'dotenv' }`. */
  flags?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  home?: TempHome;
}

/** `runOnboard(toOnboardOptions(flags, true), ctx, await interactive(options, ctx))` with scripted answers. */
export async function onboard(script: readonly Step[], options: RunOptions): Promise<OnboardRun> {
  const fake = createFakePrompts(script);
  const env = { XDG_CACHE_HOME: await runCacheDir(), ...options.env };
  const fc = await makeFakeContext({ prompts: fake, env, home: options.home ?? (await makeTempHome()) });
  const { offline, timeout, config, ...rest } = options.flags ?? {};
  const globals = toGlobalOptions({ baseUrl: options.server.baseUrl, offline, timeout, config }, fc.ctx.env);
  const o = toOnboardOptions({ models: 'all', ...rest }, globals, true);
  let code: number | undefined;
  let error: unknown;
  try {
    code = await runOnboard(o, fc.ctx, await interactive(o, fc.ctx));
  } catch (e) {
    error = e;
  }
  const output = fc.stdout() + fc.stderr();
  const run = { ...fc, fake, code, error, output };
  // Checked on every run: the script was followed to the end, and no key was ever printed whole,
  // not even in the error that cli.ts would print.
  fake.assertDone();
  const shown = error instanceof CliError ? `${output}${error.message}${error.hint ?? ''}${error.detail ?? ''}` : output;
  for (const key of ALL_KEYS) expect(shown, `the whole key ${key.slice(0, 9)}… was printed`).not.toContain(key);
  return run;
}

/**
 * The catalog is fetched in the background from the first moment (SPEC §1.1 step 3), so a run
 * that ends early (Ctrl+C, 401) may still be writing the cache after its test. The cache therefore
 * lives in a dir kept for the whole test file, not in the per-test home that is removed at once.
 * Entries are keyed by base URL and every test starts its own server, so tests never share one.
 */
let fileCacheDir: Promise<string> | undefined;
const runCacheDir = () => (fileCacheDir ??= makeTempDir({ prefix: 'venice-onboard-cache-', scope: 'file' }));

/** The exit code the CLI would end with: the one returned, or the thrown CliError's. */
export function exitCodeOf(run: Pick<OnboardRun, 'code' | 'error'>): number | undefined {
  return run.code ?? (run.error instanceof CliError ? run.error.exitCode : undefined);
}

/** The run must have thrown the user-facing cancel error (exit 130). */
export function expectCancelled(run: OnboardRun, message = 'Cancelled. Nothing was written.'): void {
  expect(run.error, `expected a cancel CliError, got ${String(run.error)}`).toBeInstanceOf(CliError);
  expect(run.error).toMatchObject({ code: 'cancelled', exitCode: 130, message });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readConfig(path: string): Promise<Record<string, any>> {
  return JSON5.parse(await readFile(path, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** Every file under `dir` with its bytes: "nothing was written" means this does not change. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out[relative(dir, path)] = (await readFile(path)).toString('base64');
    }
  };
  if (existsSync(dir)) await walk(dir);
  return out;
}

/** An existing OpenClaw config with a Venice block, a comment, fallbacks and (optionally) a key in its env block. */
export function existingConfig(baseUrl: string, opts: { key?: string; primary?: string } = {}): string {
  return `// my OpenClaw config
{
${opts.key === undefined ? '' : `  env: { vars: { VENICE_API_KEY: '${opts.key}' } },\n`}  agents: {
    defaults: {
      model: { primary: '${opts.primary ?? 'venice/deepseek-v3.2'}', fallbacks: ['venice/llama-3.3-70b'] },
    },
  },
  models: {
    mode: 'merge',
    providers: {
      venice: {
        baseUrl: '${baseUrl}',
        apiKey: '\${VENICE_API_KEY}',
        api: 'openai-completions',
        models: [
          { id: 'my-finetune', name: 'My fine-tune', reasoning: false, input: ['text'], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 32768, maxTokens: 4096 }, // mine
        ],
      },
    },
  },
}
`;
}
