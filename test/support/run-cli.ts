import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from './temp-home.js';

/** The built launcher: tests run what users run (`node bin/venice-onboard.cjs`). */
export const BIN_PATH = fileURLToPath(new URL('../../bin/venice-onboard.cjs', import.meta.url));
export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));

interface RunCliOptions {
  /** `$HOME`; default: a fresh temp dir, removed after the test file (safe in concurrent tests). */
  home?: string;
  /** `$XDG_CACHE_HOME`; default `<home>/.cache`. */
  cacheDir?: string;
  /** Added over the isolated environment; `undefined` removes a variable (e.g. `NO_COLOR`). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed. Without it stdin is closed at once (no TTY, no wait). */
  stdin?: string;
  /** SIGKILL after this many ms (default 15000); the result then has `timedOut: true`. */
  timeoutMs?: number;
  cwd?: string;
  /** The Node binary that runs the tool (default: this one); the real-OpenClaw suite uses Node 24. */
  node?: string;
}

export interface CliResult {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

/** Variables kept from the test process; everything else (proxies, CI, OPENCLAW_*, VENICE_*, DEBUG, …) is dropped. */
const INHERITED = ['PATH', 'SystemRoot', 'TEMP', 'TMP', 'TMPDIR', 'LANG', 'TZ'];

/** The environment of a run: nothing from the real machine but PATH-like basics (STYLE §12). */
export function isolatedEnv(home: string, options: Pick<RunCliOptions, 'cacheDir' | 'env'> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {};
  for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name];
  // An openclaw installed on this machine would change what onboarding writes (it targets that
  // release): runs see none, unless a test puts its own on PATH through `env`.
  if (env.PATH !== undefined) env.PATH = env.PATH.split(delimiter).filter((dir) => dir !== '' && !existsSync(join(dir, 'openclaw'))).join(delimiter);
  Object.assign(env, {
    HOME: home,
    USERPROFILE: home,
    XDG_CACHE_HOME: options.cacheDir ?? join(home, '.cache'),
    XDG_CONFIG_HOME: join(home, '.config'),
    NO_COLOR: '1',
  });
  for (const [name, value] of Object.entries(options.env ?? {})) env[name] = value;
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Runs `node bin/venice-onboard.cjs ...args` asynchronously (the fake Venice server lives in
 * this process, so a synchronous spawn would deadlock it) and collects its output.
 */
export async function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  const home = options.home ?? (await makeTempDir({ prefix: 'venice-onboard-home-', scope: 'file' }));
  const env = isolatedEnv(home, options);
  const started = performance.now();
  const child = spawn(options.node ?? process.execPath, [BIN_PATH, ...args], {
    cwd: options.cwd ?? home,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => {
    /* the CLI may exit before reading stdin: EPIPE is not a test failure */
  });
  child.stdin.end(options.stdin ?? '');

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 15000);

  return new Promise<CliResult>((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: Math.round(performance.now() - started),
        timedOut,
      });
    });
  });
}

/** Parses stdout as exactly one JSON document (fails the test otherwise). */
export function parseJsonOutput(result: Pick<CliResult, 'stdout'>): unknown {
  const text = result.stdout.trim();
  if (text === '') throw new Error('stdout is empty, expected one JSON document');
  return JSON.parse(text) as unknown;
}
