/** Exit codes: the public contract of SPEC §2. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  cancelled: 130,
} as const;
type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The only error type meant for users. Thrown anywhere, printed once by `cli.ts`.
 * `code` is stable (it appears in the `--json` envelope); `message` and `hint` are one line each.
 */
export class CliError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;
  /** Extra lines printed after the message (e.g. a snippet to paste by hand). */
  readonly detail: string | undefined;

  constructor(
    code: string,
    message: string,
    options: { hint?: string; exitCode?: ExitCodeValue; detail?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.failed;
    this.detail = options.detail;
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError('usage', message, { hint, exitCode: ExitCode.usage });
}

export function cancelledError(): CliError {
  return new CliError('cancelled', 'Cancelled. Nothing was written.', { exitCode: ExitCode.cancelled });
}
