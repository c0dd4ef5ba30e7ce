import { read } from 'node:fs';
import { homedir } from 'node:os';
import { createRequire } from 'node:module';
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { redactingOutput, type Context } from './context.js';
import { CliError, ExitCode } from './errors.js';
import { toGlobalOptions, type RawGlobalFlags } from './options.js';
import { loadPalette, palette, shouldColor } from './ui/style.js';

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
export function buildProgram(run: (load: () => Promise<CommandRunner>, opts: Record<string, unknown>, args: string[]) => Promise<void>): Command {
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
    .action((_opts, cmd: Command) => run(async () => (await import('./commands/onboard.js')).onboardCommand, cmd.optsWithGlobals(), cmd.args));

  program
    .command('verify')
    .description('diagnose a setup: one line per check, with a fix for each problem')
    .option('--chat', 'also send a short chat request (uses a few tokens of your balance)')
    .option('--model <id>', 'check this model instead of the configured default')
    .option('--openclaw-version <version>', 'the OpenClaw release to check for (default: openclaw --version, else the newest known)')
    .action((_opts, cmd: Command) => run(async () => (await import('./commands/verify.js')).verifyCommand, cmd.optsWithGlobals(), cmd.args));

  const models = program.command('models').description('list the Venice catalog or change the default model');
  models
    .command('list')
    .description('the Venice model catalog, grouped by privacy')
    .addOption(new Option('--privacy <privacy>', 'only this privacy mode').choices(['private', 'anonymized']))
    .addOption(new Option('--capability <capability>', 'only models with this capability (repeatable)').argParser(collectCapability))
    .option('--search <text>', 'only models whose id or name contains the text')
    .option('--plain', 'one venice/<id> per line')
    .action((_opts, cmd: Command) => run(async () => (await import('./commands/models-list.js')).modelsListCommand, cmd.optsWithGlobals(), cmd.args));
  models
    .command('set')
    .description('change the default model')
    .argument('<model>', 'venice/<id> or <id>')
    .option('--dry-run', 'print the diff of what would change; write nothing')
    .option('--openclaw-version <version>', 'the OpenClaw release to write for (default: openclaw --version, else the newest known)')
    .action((model: string, _opts, cmd: Command) => run(async () => (await import('./commands/models-set.js')).modelsSetCommand, cmd.optsWithGlobals(), [model]));

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

/** A command module's entry: raw flags in, typed options built inside, output through ctx. */
export type CommandRunner = (flags: Record<string, unknown>, args: string[], ctx: Context) => Promise<number | void>;

/**
 * The first line of stdin, without its line break (all of stdin when it has none), read from file
 * descriptor 0 directly: `process.stdin` would first build a socket and a stream for a pipe, which
 * costs more than reading the key (start-up time, SPEC §7). Reading stops at the first line break:
 * a pipe its writer keeps open (a secret manager, `yes`) does not hold the run, and the key's
 * check starts one read sooner. A descriptor left non-blocking by the parent (EAGAIN) is read
 * through `process.stdin` after all.
 */
async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  const hasLineBreak = (chunk: Buffer) => chunk.includes(10); // '\n', also the end of '\r\n'
  for (;;) {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let bytes: number;
    try {
      bytes = await new Promise<number>((resolve, reject) => read(0, buffer, 0, buffer.length, null, (error, n) => (error ? reject(error) : resolve(n))));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') break; // Windows: the end of a pipe
      if (code !== 'EAGAIN') throw error;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        if (hasLineBreak(chunk as Buffer)) break;
      }
      break;
    }
    if (bytes === 0) break;
    const chunk = buffer.subarray(0, bytes);
    chunks.push(chunk);
    if (hasLineBreak(chunk)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
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

function createContext(flags: { color?: boolean }): Context {
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

/** Prints an error once, as text on stderr or as the `--json` envelope on stdout (SPEC §2). */
export function reportError(error: unknown, ctx: Pick<Context, 'stdout' | 'stderr' | 'color' | 'env'>, json: boolean): number {
  const debug = (ctx.env.DEBUG ?? '').split(',').includes('venice-onboard');
  const cli =
    error instanceof CliError
      ? error
      : new CliError('internal', `Unexpected error: ${(error as Error)?.message ?? String(error)}`, {
          hint: 'This is a bug in venice-onboard. Run again with DEBUG=venice-onboard and report what it prints.',
        });
  if (json) {
    const envelope = { ok: false, error: { code: cli.code, message: cli.message, hint: cli.hint ?? null } };
    ctx.stdout.write(`${JSON.stringify(envelope)}\n`);
  } else {
    const c = palette(ctx.color);
    ctx.stderr.write(`${c.red('✗')} ${cli.message}\n`);
    if (cli.detail) ctx.stderr.write(`${cli.detail}\n`);
    if (cli.hint) ctx.stderr.write(`  ${c.dim('Hint:')} ${cli.hint}\n`);
  }
  if (debug && !(error instanceof CliError && error.code === 'usage')) {
    ctx.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  }
  return cli.exitCode;
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
  const run = async (load: () => Promise<CommandRunner>, flags: Record<string, unknown>, args: string[]) => {
    ctx = createContext(flags as { color?: boolean });
    json = flags.json === true;
    await loadPalette(ctx.color);
    const globals = toGlobalOptions(flags as RawGlobalFlags, ctx.env);
    const runner = await load();
    // `baseUrlFlag`: whether --base-url was given at all (verify then prefers the config's own URL).
    const code = await runner({ ...flags, ...globals, baseUrlFlag: flags.baseUrl }, args, ctx);
    process.exitCode = code ?? ExitCode.ok;
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
    await loadPalette(ctx.color);
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
      const message = error.message.replace(/^error: /, '');
      const usage = new CliError('usage', message.charAt(0).toUpperCase() + message.slice(1), {
        hint: 'Run venice-onboard --help to see the commands and flags.',
        exitCode: ExitCode.usage,
      });
      process.exitCode = reportError(usage, ctx, wantsJson);
      return;
    }
    process.exitCode = reportError(error, ctx, json);
  }
}
