import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from './temp-home.js';

/**
 * A real pseudo-terminal for end-to-end tests of the interactive flow (SPEC §7): tmux runs the
 * command in a detached session on its own server (`-L <unique socket>`), tests type with
 * `send-keys` and read the screen with `capture-pane`. Every call is asynchronous, so a fake
 * server living in the test process keeps answering while we wait.
 */

const run = promisify(execFile);
const WIDTH = 120;
const HEIGHT = 40;

/** Fails (never skips) when tmux is missing: the PTY test is part of the contract. */
export async function requireTmux(): Promise<string> {
  try {
    const { stdout } = await run('tmux', ['-V']);
    return stdout.trim();
  } catch {
    throw new Error(
      'tmux is not installed, and the interactive end-to-end test needs it to drive a real pseudo-terminal. ' +
        'Install it (e.g. `apt-get install tmux` or `brew install tmux`); CI installs it in .ci/run.',
    );
  }
}

/** POSIX shell quoting. */
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

interface TmuxSessionOptions {
  /** argv of the program, e.g. [process.execPath, BIN_PATH, '--base-url', url]. */
  argv: readonly string[];
  /** The program's entire environment (nothing else is inherited: `env -i`). */
  env: Record<string, string>;
  cwd: string;
}

export interface TmuxSession {
  /** Every screen captured so far (with scrollback), for "the key never appeared" checks. */
  readonly screens: readonly string[];
  /** The visible screen plus scrollback, wrapped lines joined. */
  capture(): Promise<string>;
  /** Polls the screen until `pattern` appears (default 10 s); throws with the last screen otherwise. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Types text literally (no key names). */
  type(text: string): Promise<void>;
  /** Sends tmux key names: 'Enter', 'C-c', 'Down', … */
  press(...keys: string[]): Promise<void>;
  /** Waits for the program to end (default 10 s) and returns its exit status. */
  waitForExit(timeoutMs?: number): Promise<number>;
  /** Kills the tmux server of this session (idempotent). */
  kill(): Promise<void>;
}

const live = new Set<TmuxSession>();

/** Kills every session still running: call it in afterEach. */
export async function killAllTmux(): Promise<void> {
  await Promise.all([...live].map((s) => s.kill()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startTmuxSession(options: TmuxSessionOptions): Promise<TmuxSession> {
  const dir = await makeTempDir({ prefix: 'venice-onboard-tmux-' });
  const socket = `venice-onboard-${process.pid}-${randomBytes(4).toString('hex')}`;
  const codeFile = join(dir, 'exit-code');
  const conf = join(dir, 'tmux.conf');
  // The pane stays readable after the program exits; no status line eats a row.
  await writeFile(conf, 'set -g remain-on-exit on\nset -g status off\nset -g history-limit 50000\n');

  // `env -i` starts the program from an empty environment; CI is named too because CI itself
  // sets CI=true, and a CI variable would switch the tool to non-interactive mode.
  const envArgs = Object.entries(options.env).map(([k, v]) => shellQuote(`${k}=${v}`));
  const command = `cd ${shellQuote(options.cwd)} && env -i -u CI ${envArgs.join(' ')} ${options.argv.map(shellQuote).join(' ')}; echo $? > ${shellQuote(codeFile)}`;

  // The tmux client's own environment: no TMUX (we may run inside tmux), no CI, a UTF-8 locale.
  const clientEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', SHELL: '/bin/sh', TERM: 'xterm-256color' };
  const tmux = (...args: string[]) => run('tmux', ['-u', '-L', socket, ...args], { env: clientEnv });
  await tmux('-f', conf, 'new-session', '-d', '-x', String(WIDTH), '-y', String(HEIGHT), command);
  // tmux leaves its socket file behind after kill-server: remember it, to remove it too.
  const socketPath = (await tmux('display-message', '-p', '#{socket_path}')).stdout.trim();

  const screens: string[] = [];
  let killed = false;
  const session: TmuxSession = {
    screens,
    capture: async () => {
      const { stdout } = await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', '%0');
      screens.push(stdout);
      return stdout;
    },
    waitFor: async (pattern, timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs;
      const test = (s: string) => (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s));
      let screen = '';
      for (;;) {
        screen = await session.capture();
        if (test(screen)) return screen;
        if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(pattern)}. Last screen:\n${screen}`);
        await sleep(50);
      }
    },
    type: async (text) => void (await tmux('send-keys', '-t', '%0', '-l', text)),
    press: async (...keys) => void (await tmux('send-keys', '-t', '%0', ...keys)),
    waitForExit: async (timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const text = await readFile(codeFile, 'utf8').catch(() => '');
        if (/^\d+\n$/.test(text)) return Number(text.trim());
        if (Date.now() > end) throw new Error(`The program did not exit within ${timeoutMs} ms. Last screen:\n${await session.capture()}`);
        await sleep(50);
      }
    },
    kill: async () => {
      if (killed) return;
      killed = true;
      live.delete(session);
      await tmux('kill-server').catch(() => {
        /* already gone */
      });
      if (socketPath.includes(socket)) await rm(socketPath, { force: true });
    },
  };
  live.add(session);
  return session;
}
