import type { Dispatcher } from 'undici';
import { redact } from './core/mask.js';
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
