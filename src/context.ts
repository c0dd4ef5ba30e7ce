import type { Dispatcher } from 'undici';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { redact } from './core/mask.js';
import { readStdinLine } from './stdin.js';
import { shouldColor } from './ui/style.js';
import type { Prompts } from './ui/prompt-types.js';

/** A text sink: stdout or stderr, or a buffer in tests. */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
}

/**
 * Everything a command needs from the outside world (STYLE §4). Commands take
 * `Pick<Context, …>` of what they use so tests can hand them fakes.
 */
export interface Context {
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  /** The first line of stdin, without its line break (used by `--venice-api-key-stdin`). */
  readStdinLine: () => Promise<string>;
  /** True when we may prompt: stdin and stdout are TTYs and `CI` is unset. */
  isInteractive: boolean;
  /** Colour for stderr talk and stdout tables. */
  color: boolean;
  now: () => Date;
  /** The undici dispatcher; tests may pass a MockAgent. Undefined → created lazily with proxy support. */
  dispatcher?: Dispatcher;
  /** Prompts, loaded lazily so that commands which never ask do not pay for them. */
  prompts: () => Promise<Prompts>;
  /** Every secret registered here is masked in whatever goes through stdout/stderr. */
  secrets: Set<string>;
  homedir: string;
}

/** Wraps a raw stream so that any registered secret is masked on the way out. */
export function redactingOutput(
  stream: { write(text: string): unknown; isTTY?: boolean },
  secrets: Set<string>,
): Output {
  return {
    write: (text) => {
      stream.write(secrets.size === 0 ? text : redact(text, [...secrets]));
    },
    isTTY: stream.isTTY === true,
  };
}

/**
 * isatty(0), asked only by the commands that need it: not process.stdin.isTTY, whose getter builds
 * stdin's stream just to answer, and not a static import of node:tty, which loads net and the
 * streams before any command runs (start-up time, SPEC §7).
 */
function stdinIsTerminal(): boolean {
  const { isatty } = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return isatty(0);
}

/** The real process as a Context: stdout/stderr masked, stdin and the terminal asked lazily. */
export function createContext(flags: { color?: boolean }): Context {
  const secrets = new Set<string>();
  const env = process.env;
  const color = shouldColor(env, process.stdout.isTTY === true, flags.color === false);
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return {
    env,
    stdout: redactingOutput(process.stdout, secrets),
    stderr: redactingOutput(process.stderr, secrets),
    readStdinLine,
    get isInteractive() {
      return stdinIsTerminal() && process.stdout.isTTY === true && !ci;
    },
    color,
    now: () => new Date(),
    prompts: async () => (await import('./ui/prompts.js')).createPrompts(),
    secrets,
    homedir: env.HOME?.trim() ? env.HOME : homedir(),
  };
}
