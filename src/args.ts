import { CliError, ExitCode } from './errors.js';
import { levenshtein } from './catalog/resolve-model.js';
import type { RawFlags } from './options.js';
import { LISTED_TIERS } from './options.js';

/**
 * The command line (STYLE §2): one table of commands and flags, read by the parser and by the help
 * text, so the two cannot disagree. Flags are commander's conventions (camelCase keys, `--no-x`
 * sets `x: false`, `--flag=value`, global flags before or after the command); a few dozen lines
 * instead of a 40 KB library that every start compiled (start-up time, SPEC §7).
 */
export type CommandName = 'onboard' | 'verify' | 'models list' | 'models set';

interface Flag {
  /** `--long`; `no-color` is the negation of `color`. */
  long: string;
  short?: string;
  /** The value's name in help, e.g. `path` for `--config <path>`; none for a boolean flag. */
  value?: string;
  help: string;
  choices?: readonly string[];
  /** Every use is kept, in order (an array). */
  repeatable?: boolean;
  /** The raw value when the flag is not given (shown in help). */
  default?: string;
}

interface CommandSpec {
  description: string;
  flags: readonly Flag[];
  argument?: { name: string; help: string };
}

const OPENCLAW_VERSION = (what: string): Flag => ({ long: 'openclaw-version', value: 'version', help: `the OpenClaw release to ${what} (default: openclaw --version, else the newest known)` });
const DRY_RUN: Flag = { long: 'dry-run', help: 'print the diff of what would change; write nothing' };

const GLOBAL_FLAGS: readonly Flag[] = [
  { long: 'config', value: 'path', help: 'OpenClaw config file (default: $OPENCLAW_CONFIG_PATH, else ~/.openclaw/openclaw.json)' },
  { long: 'base-url', value: 'url', help: 'Venice API base URL (default: $VENICE_BASE_URL, else https://api.venice.ai/api/v1)' },
  { long: 'json', help: 'print one JSON document on stdout' },
  { long: 'no-color', help: 'no colour (also NO_COLOR; FORCE_COLOR forces it)' },
  { long: 'timeout', value: 'ms', help: 'network timeout in milliseconds', default: '10000' },
  { long: 'offline', help: 'no network at all (cached or built-in model list)' },
];

const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  onboard: {
    description: 'set up Venice in your OpenClaw config (interactive unless flags or CI say otherwise)',
    flags: [
      { long: 'non-interactive', help: 'never prompt; missing input is an error (implied without a TTY or with CI set)' },
      { long: 'auth-choice', value: 'choice', help: 'authentication method (compatibility with openclaw onboard)', choices: ['venice-api-key'] },
      { long: 'venice-api-key', value: 'key', help: 'the API key (visible in shell history: prefer --venice-api-key-stdin)' },
      { long: 'venice-api-key-stdin', help: 'read the API key from the first line of stdin' },
      { long: 'model', value: 'id', help: 'default model, venice/<id> or <id> (non-interactive default: llama-3.3-70b)' },
      { long: 'key-storage', value: 'mode', help: 'where the key goes', choices: ['config', 'dotenv', 'auth-profile', 'none'] },
      { long: 'models', value: 'which', help: 'model entries to write: every catalog model, or only the default', choices: ['all', 'default'], default: 'all' },
      { long: 'refresh-models', help: 'also update model entries already in the provider block' },
      { long: 'skip-key-check', help: 'do not check the key online' },
      DRY_RUN,
      { long: 'yes', short: 'y', help: 'accept confirmations (e.g. replacing an existing key)' },
      { long: 'accept-risk', help: 'accepted and ignored (compatibility with openclaw onboard)' },
      OPENCLAW_VERSION('write for'),
    ],
  },
  verify: {
    description: 'diagnose a setup: one line per check, with a fix for each problem',
    flags: [
      { long: 'chat', help: 'also send a short chat request (uses a few tokens of your balance)' },
      { long: 'model', value: 'id', help: 'check this model instead of the configured default' },
      OPENCLAW_VERSION('check for'),
    ],
  },
  'models list': {
    description: 'the Venice model catalog, grouped by privacy tier',
    flags: [
      { long: 'privacy', value: 'tier', help: 'only this privacy tier', choices: LISTED_TIERS },
      { long: 'capability', value: 'capability', help: 'only models with this capability (repeatable)', choices: ['vision', 'tools', 'reasoning', 'code'], repeatable: true },
      { long: 'search', value: 'text', help: 'only models whose id or name contains the text' },
      { long: 'plain', help: 'one venice/<id> per line' },
    ],
  },
  'models set': {
    description: 'change the default model',
    flags: [DRY_RUN, OPENCLAW_VERSION('write for')],
    argument: { name: 'model', help: 'venice/<id> or <id>' },
  },
};

type ParsedLine =
  | { kind: 'run'; command: CommandName; raw: RawFlags; args: string[] }
  /** Help text for stdout (exit 0), or for stderr after a command group without its command (exit 2). */
  | { kind: 'help'; text: string; exitCode: 0 | 2 }
  | { kind: 'version' };

const camel = (long: string) => long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const term = (f: Flag) => `${f.short ? `-${f.short}, ` : ''}--${f.long}${f.value ? ` <${f.value}>` : ''}`;

function usage(message: string): CliError {
  return new CliError('usage', message, { hint: 'Run venice-onboard --help to see the commands and flags.', exitCode: ExitCode.usage });
}

/** argv after `node script`: the command, its raw flags and arguments; or help, or the version. Throws usage errors. */
export function parseArgv(argv: readonly string[]): ParsedLine {
  const words: string[] = [];
  const given: Array<{ name: string; value?: string }> = [];
  let help = false;
  let version = false;
  // A flag that takes a value takes the next token, as commander does; which flags take one is the
  // same in every command, so this is known before the command is.
  const known = [...GLOBAL_FLAGS, ...Object.values(COMMANDS).flatMap((c) => c.flags)];
  const takesValue = (name: string) => known.some((f) => f.value !== undefined && (name === `--${f.long}` || name === `-${f.short}`));
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h' || token === '--help') help = true;
    else if (token === '-V' || token === '--version') version = true;
    else if (token.startsWith('-') && token !== '-') {
      const eq = token.indexOf('=');
      const name = eq > 0 ? token.slice(0, eq) : token;
      if (eq > 0) given.push({ name, value: token.slice(eq + 1) });
      else if (takesValue(name) && i + 1 < argv.length) given.push({ name, value: argv[++i]! });
      else given.push({ name });
    } else words.push(token);
  }
  if (version) return { kind: 'version' };

  const [first, second] = words;
  let command: CommandName;
  let args: string[];
  if (help && first === undefined) return { kind: 'help', text: helpText(), exitCode: 0 };
  if (first === 'help') {
    const text = words[1] === 'models' ? (words[2] === undefined ? modelsHelp() : helpText(commandOf(words[2]))) : helpText(commandOf(words[1]));
    return { kind: 'help', text, exitCode: 0 };
  }
  if (first === undefined || first === 'onboard') [command, args] = ['onboard', words.slice(first === undefined ? 0 : 1)];
  else if (first === 'verify') [command, args] = ['verify', words.slice(1)];
  else if (first === 'models' && (second === 'list' || second === 'set')) [command, args] = [`models ${second}`, words.slice(2)];
  else if (first === 'models') {
    if (second === undefined && !help) return { kind: 'help', text: modelsHelp(), exitCode: 2 };
    if (second === undefined) return { kind: 'help', text: modelsHelp(), exitCode: 0 };
    throw usage(`Unknown command 'models ${second}'${didYouMean(second, ['list', 'set'], 'models ')}`);
  } else throw usage(`Unknown command '${first}'${didYouMean(first, ['onboard', 'verify', 'models'])}`);
  if (help) return { kind: 'help', text: helpText(command), exitCode: 0 };

  const spec = COMMANDS[command];
  const flags = [...spec.flags, ...GLOBAL_FLAGS];
  const raw: RawFlags = {};
  for (const f of flags) if (f.default !== undefined) raw[camel(f.long)] = f.default;
  for (const { name, value } of given) {
    const flag = flags.find((f) => name === `--${f.long}` || (f.short !== undefined && name === `-${f.short}`));
    if (flag === undefined) {
      const names = flags.map((f) => `--${f.long}`);
      throw usage(`Unknown option '${name}'${name.startsWith('--') ? didYouMean(name, names) : ''}`);
    }
    if (flag.long.startsWith('no-')) {
      raw[camel(flag.long.slice(3))] = false;
      continue;
    }
    if (flag.value === undefined) {
      if (value !== undefined) throw usage(`Option '${term(flag)}' takes no value`);
      raw[camel(flag.long)] = true;
      continue;
    }
    if (value === undefined) throw usage(`Option '${term(flag)}' argument missing`);
    if (flag.choices !== undefined && !flag.choices.includes(value)) {
      throw usage(`Option '${term(flag)}' argument '${value}' is invalid. Allowed choices are ${flag.choices.join(', ')}.`);
    }
    const key = camel(flag.long);
    raw[key] = flag.repeatable ? [...((raw[key] as string[] | undefined) ?? []), value] : value;
  }
  const expected = spec.argument ? 1 : 0;
  if (args.length > expected) {
    throw usage(`Too many arguments for '${command}': expected ${expected === 0 ? 'none' : `<${spec.argument!.name}>`}, got ${args.map((a) => `'${a}'`).join(' ')}`);
  }
  if (spec.argument !== undefined && args.length === 0) throw usage(`Missing the argument <${spec.argument.name}> of '${command}'`);
  return { kind: 'run', command, raw, args };
}

function commandOf(word: string | undefined): CommandName | undefined {
  return word === 'list' || word === 'set' ? `models ${word}` : word === 'onboard' || word === 'verify' ? word : undefined;
}

/** A typo's likely target: the nearest candidate within two edits (a quarter of a long word). */
function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
  const scored = candidates.map((c) => ({ c, d: levenshtein(word, c) })).sort((a, b) => a.d - b.d);
  const near = scored[0];
  return near !== undefined && near.d <= Math.max(2, Math.floor(word.length / 4)) ? ` (did you mean ${prefix}${near.c}?)` : '';
}

// ---------------------------------------------------------------------------------------------
// Help, in commander's layout: terms in a column, descriptions wrapped at 80 columns.

const WIDTH = 80;

type Rows = ReadonlyArray<readonly [string, string]>;
const padOf = (...sections: Rows[]) => Math.max(...sections.flat().map(([t]) => t.length)) + 2;

/** Terms padded to `pad`, descriptions wrapped at WIDTH (one pad for every section of a help, as commander does). */
function columns(rows: Rows, pad = padOf(rows)): string[] {
  return rows.flatMap(([t, d]) => {
    const lines: string[] = [];
    let line = '';
    for (const word of d.split(' ')) {
      if (line !== '' && pad + 2 + line.length + 1 + word.length > WIDTH) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
    return lines.map((l, i) => `  ${(i === 0 ? t : '').padEnd(pad)}${l}`.trimEnd());
  });
}

const describe = (f: Flag) =>
  `${f.help}${f.choices && !f.repeatable ? ` (choices: ${f.choices.map((c) => `"${c}"`).join(', ')})` : ''}${f.default !== undefined ? ` (default: "${f.default}")` : ''}`;
const HELP_FLAG: readonly [string, string] = ['-h, --help', 'show help'];

const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    failed (a check, a network or file error)
  2    usage error (bad flag, missing input in non-interactive mode)
  130  cancelled (Ctrl+C)

Environment: VENICE_API_KEY, VENICE_BASE_URL, OPENCLAW_CONFIG_PATH, OPENCLAW_STATE_DIR,
OPENCLAW_HOME, NO_COLOR, FORCE_COLOR, HTTPS_PROXY/HTTP_PROXY/NO_PROXY, DEBUG=venice-onboard.`;

const commandTerm = (name: CommandName) => `${name} [options]${COMMANDS[name].argument ? ` <${COMMANDS[name].argument!.name}>` : ''}`;

/** The help of one command, or of the whole tool. */
function helpText(command?: CommandName): string {
  if (command !== undefined) {
    const spec = COMMANDS[command];
    return [
      `Usage: venice-onboard ${commandTerm(command)}`,
      '',
      spec.description,
      '',
      ...(spec.argument ? ['Arguments:', ...columns([[spec.argument.name, spec.argument.help]]), ''] : []),
      'Options:',
      ...columns([...spec.flags.map((f) => [term(f), describe(f)] as const), HELP_FLAG]),
      '',
    ].join('\n');
  }
  const names = Object.keys(COMMANDS) as CommandName[];
  const options: Rows = [['-V, --version', 'print the version'], ...GLOBAL_FLAGS.map((f) => [term(f), describe(f)] as const), HELP_FLAG];
  const commands: Rows = [...names.map((n) => [commandTerm(n), COMMANDS[n].description] as const), ['help [command]', 'display help for command']];
  const pad = padOf(options, commands);
  return [
    'Usage: venice-onboard [options] [command]',
    '',
    'Set up Venice AI as the model provider of your OpenClaw agent.',
    '',
    'Options:',
    ...columns(options, pad),
    '',
    'Commands:',
    ...columns(commands, pad),
    '',
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}

function modelsHelp(): string {
  return [
    'Usage: venice-onboard models [command]',
    '',
    'list the Venice catalog or change the default model',
    '',
    'Commands:',
    ...columns([
      [commandTerm('models list').slice('models '.length), COMMANDS['models list'].description],
      [commandTerm('models set').slice('models '.length), COMMANDS['models set'].description],
    ]),
    '',
  ].join('\n');
}
