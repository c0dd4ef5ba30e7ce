import { parseArgv, type CommandName } from './args.js';
import { createContext, type Context } from './context.js';
import {
  toGlobalOptions,
  toModelsListOptions,
  toModelsSetOptions,
  toOnboardOptions,
  toVerifyOptions,
  type ModelsListOptions,
  type ModelsSetOptions,
  type OnboardOptions,
  type RawFlags,
  type VerifyOptions,
} from './options.js';
import { reportError } from './report-error.js';

declare const __VERSION__: string;
/** Set by the build from package.json; tests that import this module directly see 'dev'. */
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** A command with its options, typed once here (STYLE §3). */
export type Invocation =
  | { command: 'onboard'; options: OnboardOptions }
  | { command: 'verify'; options: VerifyOptions }
  | { command: 'models list'; options: ModelsListOptions }
  | { command: 'models set'; options: ModelsSetOptions };

function toInvocation(command: CommandName, raw: RawFlags, args: string[], ctx: Context): Invocation {
  const globals = toGlobalOptions(raw, ctx.env);
  switch (command) {
    case 'onboard':
      // --non-interactive settles it: no need to ask whether stdin is a terminal (that loads node:tty).
      return { command, options: toOnboardOptions(raw, globals, raw.nonInteractive !== true && ctx.isInteractive) };
    case 'verify':
      return { command, options: toVerifyOptions(raw, globals) };
    case 'models list':
      return { command, options: toModelsListOptions(raw, globals) };
    case 'models set':
      return { command, options: toModelsSetOptions(raw, globals, args[0]) };
  }
}

/** Runs the command (its module imported now, so `--help` and other commands load none of it); tests run it in-process. */
export async function dispatch(inv: Invocation, ctx: Context): Promise<number> {
  switch (inv.command) {
    case 'onboard':
      return (await import('./commands/onboard.js')).onboardCommand(inv.options, ctx);
    case 'verify':
      return (await import('./commands/verify.js')).runVerify(inv.options, ctx);
    case 'models list':
      return (await import('./commands/models-list.js')).runModelsList(inv.options, ctx);
    case 'models set':
      return (await import('./commands/models-set.js')).runModelsSet(inv.options, ctx);
  }
}

/** argv → the command and its typed options, without running it (test/cli-wiring.test.ts, test/support/run-in-process.ts); undefined for help and version. */
export async function parseCommandLine(argv: string[], ctx: Context): Promise<Invocation | undefined> {
  const line = parseArgv(argv.slice(2));
  return line.kind === 'run' ? toInvocation(line.command, line.raw, line.args, ctx) : undefined;
}

export async function main(argv: string[]): Promise<void> {
  // `venice-onboard models list | head`: a closed pipe is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  let ctx = createContext({ color: !argv.includes('--no-color') });
  let json = argv.includes('--json');
  try {
    const line = parseArgv(argv.slice(2));
    if (line.kind === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return;
    }
    if (line.kind === 'help') {
      // A command group without its command (`venice-onboard models`): its help, on stderr, exit 2.
      (line.exitCode === 0 ? process.stdout : process.stderr).write(line.text);
      process.exitCode = line.exitCode;
      return;
    }
    ctx = createContext({ color: line.raw.color !== false });
    json = line.raw.json === true;
    process.exitCode = await dispatch(toInvocation(line.command, line.raw, line.args, ctx), ctx);
  } catch (error) {
    process.exitCode = reportError(error, ctx, json);
  }
}
