import { dispatch, parseCommandLine } from '../../src/cli.js';
import { reportError } from '../../src/report-error.js';
import { makeFakeContext } from './fake-context.js';
import { createFakePrompts } from './fake-prompts.js';
import type { CliResult } from './run-cli.js';
import type { TempHome } from './temp-home.js';

/**
 * A command run in this process with a fake context (no terminal, no openclaw on PATH), through
 * the CLI's own argv parsing, dispatch and error report: the layer for a command's logic. The
 * result has the shape of runCli's, which spawns the built binary (the end-to-end layer).
 */
export async function runInProcess(args: readonly string[], options: { home: TempHome; env?: Record<string, string | undefined>; stdin?: string }): Promise<CliResult> {
  const fc = await makeFakeContext({
    prompts: createFakePrompts([]),
    home: options.home,
    isInteractive: false,
    ...(options.env ? { env: options.env } : {}),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
  const started = performance.now();
  let code: number;
  try {
    const invocation = await parseCommandLine(['node', 'venice-onboard', ...args], fc.ctx);
    code = invocation === undefined ? 0 : await dispatch(invocation, fc.ctx);
  } catch (error) {
    code = reportError(error, fc.ctx, args.includes('--json'));
  }
  return { code, signal: null, stdout: fc.stdout(), stderr: fc.stderr(), durationMs: Math.round(performance.now() - started), timedOut: false };
}
