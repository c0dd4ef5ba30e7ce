import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { createContext, type Context } from './context.js';
import { CliError, ExitCode } from './errors.js';
import {
  LISTED_TIERS,
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

const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    failed (a check, a network or file error)
  2    usage error (bad flag, missing input in non-interactive mode)
  130  cancelled (Ctrl+C)

Environment: VENICE_API_KEY, VENICE_BASE_URL, OPENCLAW_CONFIG_PATH, OPENCLAW_STATE_DIR,
OPENCLAW_HOME, NO_COLOR, FORCE_COLOR, HTTPS_PROXY/HTTP_PROXY/NO_PROXY, DEBUG=venice-onboard.`;

const CAPABILITY_CHOICES = ['vision', 'tools', 'reasoning', 'code'];
function collectCapability(value: string, previous: string[] = []): string[] {
  if (!CAPABILITY_CHOICES.includes(value)) {
    throw new InvalidArgumentError(`Allowed choices are ${CAPABILITY_CHOICES.join(', ')}.`);
  }
  return [...previous, value];
}

/**
 * The one registry of commands (STYLE §2). Actions import their module lazily so that
 * `--help` and `--version` load nothing heavy.
 */
function buildProgram(run: (name: CommandName, raw: RawFlags, args: string[]) => Promise<void>): Command {
  const program = new Command('venice-onboard')
    .description('Set up Venice AI as the model provider of your OpenClaw agent.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--config <path>', 'OpenClaw config file (default: $OPENCLAW_CONFIG_PATH, else ~/.openclaw/openclaw.json)')
    .option('--base-url <url>', 'Venice API base URL (default: $VENICE_BASE_URL, else https://api.venice.ai/api/v1)')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-color', 'no colour (also NO_COLOR; FORCE_COLOR forces it)')
    .option('--timeout <ms>', 'network timeout in milliseconds', '10000')
    .option('--offline', 'no network at all (cached or built-in model list)')
    .addHelpText('after', EXIT_CODES_HELP)
    .showSuggestionAfterError(true);

  program
    .command('onboard', { isDefault: true })
    .description('set up Venice in your OpenClaw config (interactive unless flags or CI say otherwise)')
    .option('--non-interactive', 'never prompt; missing input is an error (implied without a TTY or with CI set)')
    .addOption(new Option('--auth-choice <choice>', 'authentication method (compatibility with openclaw onboard)').choices(['venice-api-key']))
    .option('--venice-api-key <key>', 'the API key (visible in shell history: prefer --venice-api-key-stdin)')
    .option('--venice-api-key-stdin', 'read the API key from the first line of stdin')
    .option('--model <id>', 'default model, venice/<id> or <id> (non-interactive default: llama-3.3-70b)')
    .addOption(new Option('--key-storage <mode>', 'where the key goes').choices(['config', 'dotenv', 'auth-profile', 'none']))
    .addOption(new Option('--models <which>', 'model entries to write: every catalog model, or only the default').choices(['all', 'default']).default('all'))
    .option('--refresh-models', 'also update model entries already in the provider block')
    .option('--skip-key-check', 'do not check the key online')
    .option('--dry-run', 'print the diff of what would change; write nothing')
    .option('-y, --yes', 'accept confirmations (e.g. replacing an existing key)')
    .option('--accept-risk', 'accepted and ignored (compatibility with openclaw onboard)')
    .option('--openclaw-version <version>', 'the OpenClaw release to write for (default: openclaw --version, else the newest known)')
    .action((_opts, cmd: Command) => run('onboard', cmd.optsWithGlobals(), cmd.args));

  program
    .command('verify')
    .description('diagnose a setup: one line per check, with a fix for each problem')
    .option('--chat', 'also send a short chat request (uses a few tokens of your balance)')
    .option('--model <id>', 'check this model instead of the configured default')
    .option('--openclaw-version <version>', 'the OpenClaw release to check for (default: openclaw --version, else the newest known)')
    .action((_opts, cmd: Command) => run('verify', cmd.optsWithGlobals(), cmd.args));

  const models = program.command('models').description('list the Venice catalog or change the default model');
  models
    .command('list')
    .description('the Venice model catalog, grouped by privacy tier')
    .addOption(new Option('--privacy <tier>', 'only this privacy tier').choices(LISTED_TIERS))
    .addOption(new Option('--capability <capability>', 'only models with this capability (repeatable)').argParser(collectCapability))
    .option('--search <text>', 'only models whose id or name contains the text')
    .option('--plain', 'one venice/<id> per line')
    .action((_opts, cmd: Command) => run('models list', cmd.optsWithGlobals(), cmd.args));
  models
    .command('set')
    .description('change the default model')
    .argument('<model>', 'venice/<id> or <id>')
    .option('--dry-run', 'print the diff of what would change; write nothing')
    .option('--openclaw-version <version>', 'the OpenClaw release to write for (default: openclaw --version, else the newest known)')
    .action((model: string, _opts, cmd: Command) => run('models set', cmd.optsWithGlobals(), [model]));

  // The top-level help lists `models list` and `models set` themselves, not just `models`.
  const defaults = new Help();
  program.configureHelp({
    visibleCommands: (cmd) =>
      defaults
        .visibleCommands(cmd)
        .flatMap((c) => (cmd === program && c.commands.length > 0 ? defaults.visibleCommands(c).filter((s) => s.name() !== 'help') : [c])),
    subcommandTerm: (cmd) => `${cmd.parent && cmd.parent !== program ? `${cmd.parent.name()} ` : ''}${defaults.subcommandTerm(cmd)}`,
  });
  return program;
}

type CommandName = 'onboard' | 'verify' | 'models list' | 'models set';

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

/** commander's own refusal (an unknown flag, a bad choice) as our usage error, exit 2. */
function usageErrorOf(error: CommanderError): CliError {
  const message = error.message.replace(/^error: /, '');
  return new CliError('usage', message.charAt(0).toUpperCase() + message.slice(1), {
    hint: 'Run venice-onboard --help to see the commands and flags.',
    exitCode: ExitCode.usage,
  });
}

/** argv → the command and its typed options, without running it (test/cli-wiring.test.ts, test/support/run-in-process.ts); undefined for help and version. */
export async function parseCommandLine(argv: string[], ctx: Context): Promise<Invocation | undefined> {
  let invocation: Invocation | undefined;
  const program = buildProgram(async (name, raw, args) => {
    invocation = toInvocation(name, raw, args, ctx);
  });
  program.exitOverride();
  program.configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
  for (const cmd of program.commands.flatMap((c) => [c, ...c.commands])) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return undefined;
    throw usageErrorOf(error);
  }
  return invocation;
}

export async function main(argv: string[]): Promise<void> {
  // `venice-onboard models list | head`: a closed pipe is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const wantsJson = argv.includes('--json');
  let ctx = createContext({ color: !argv.includes('--no-color') });
  let json = wantsJson;
  const run = async (name: CommandName, raw: RawFlags, args: string[]) => {
    ctx = createContext({ color: raw.color !== false });
    json = raw.json === true;
    process.exitCode = await dispatch(toInvocation(name, raw, args, ctx), ctx);
  };
  const program = buildProgram(run);
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    outputError: () => {
      /* printed by reportError, once */
    },
  });
  for (const cmd of program.commands.flatMap((c) => [c, ...c.commands])) {
    cmd.exitOverride();
    cmd.configureOutput({ outputError: () => {} });
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        process.exitCode = ExitCode.ok;
        return;
      }
      if (error.code === 'commander.help') {
        // A command group called without its subcommand (`venice-onboard models`): help went to stderr.
        process.exitCode = ExitCode.usage;
        return;
      }
      process.exitCode = reportError(usageErrorOf(error), ctx, wantsJson);
      return;
    }
    process.exitCode = reportError(error, ctx, json);
  }
}
