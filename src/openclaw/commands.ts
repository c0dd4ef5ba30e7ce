import { AUTH_PROFILE_ID } from '../core/plan-venice.js';
import { parseReleaseVersion, VENICE_PLUGIN_PACKAGE } from '../core/openclaw-releases.js';
import { CliError } from '../errors.js';
import { lastLine, parseJsonOutput, runOpenclaw, type RunOptions } from './run.js';

/**
 * The OpenClaw commands venice-onboard asks (SPEC §8), each bounded by its own timeout. Their
 * outputs were read from the releases of the capability table (core/openclaw-releases.ts).
 */

/** Where OpenClaw runs: the user's environment, config and state dir. */
export type OpenclawPlace = Omit<RunOptions, 'configText' | 'input' | 'timeoutMs'>;

/**
 * `openclaw --version` prints `OpenClaw 2026.9.6 (eb377ac)` in 0.1 s, but `2026.1.29` takes 2 s
 * warm and went past 10 s on a busy 2-core machine with cold files (the real-OpenClaw suite,
 * twice). Giving up writes for the newest release, which an old one may refuse: a wait is the
 * smaller harm, and it runs alongside the network requests.
 */
const VERSION_TIMEOUT_MS = 30_000;

export async function readOpenclawVersion(bin: string, place: OpenclawPlace): Promise<string | undefined> {
  const run = await runOpenclaw(bin, ['--version'], { ...place, timeoutMs: VERSION_TIMEOUT_MS });
  return run.code === 0 ? parseReleaseVersion(run.stdout)?.text : undefined;
}

export interface PluginStatus {
  installed: boolean;
  version?: string;
  enabled?: boolean;
}

/**
 * Whether OpenClaw has the Venice plugin (`openclaw plugins list --json`); undefined when it cannot
 * say. OpenClaw refuses to list plugins under a config it rejects (the product page's
 * env.VENICE_API_KEY, say), so it is shown only the config's `plugins` block, which is all that
 * decides the answer.
 */
export async function readVenicePlugin(bin: string, place: OpenclawPlace, config: unknown): Promise<PluginStatus | undefined> {
  const block = typeof config === 'object' && config !== null ? (config as Record<string, unknown>).plugins : undefined;
  const configText = JSON.stringify(block === undefined ? {} : { plugins: block });
  const run = await runOpenclaw(bin, ['plugins', 'list', '--json'], { ...place, configText, timeoutMs: 30000 });
  const doc = parseJsonOutput(run.stdout);
  const plugins = Array.isArray(doc?.plugins) ? (doc.plugins as Record<string, unknown>[]) : undefined;
  if (plugins === undefined) return undefined;
  const venice = plugins.find((p) => p?.id === 'venice');
  if (venice === undefined) return { installed: false };
  return {
    installed: true,
    ...(typeof venice.version === 'string' ? { version: venice.version } : {}),
    enabled: venice.enabled !== false && venice.status !== 'disabled',
  };
}

export interface ValidateIssue {
  path: string;
  message: string;
}

export type ValidateVerdict =
  | { kind: 'verdict'; valid: boolean; issues: ValidateIssue[]; warnings: ValidateIssue[] }
  /** This release has no `config validate --json` (2026.1.29 has none; 2026.3.2 has it). */
  | { kind: 'unsupported' }
  | { kind: 'failed'; reason: string };

const issuesOf = (value: unknown): ValidateIssue[] =>
  (Array.isArray(value) ? value : [])
    .filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null)
    .map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }));

/** OpenClaw's own verdict on the config (`openclaw config validate --json`). */
export async function validateWithOpenclaw(bin: string, place: OpenclawPlace): Promise<ValidateVerdict> {
  const run = await runOpenclaw(bin, ['config', 'validate', '--json'], { ...place, timeoutMs: 60000 });
  const doc = parseJsonOutput(run.stdout);
  if (doc === undefined || typeof doc.valid !== 'boolean') {
    if (/unknown (option|command)/i.test(run.stderr + run.stdout)) return { kind: 'unsupported' };
    return { kind: 'failed', reason: lastLine(run) };
  }
  return { kind: 'verdict', valid: doc.valid, issues: issuesOf(doc.issues), warnings: issuesOf(doc.warnings) };
}

/** Runs a command that changes OpenClaw's state; a failure is a CliError with OpenClaw's reason and `hint`. */
async function runOrRefuse(bin: string, args: string[], options: RunOptions, what: string, hint: string): Promise<void> {
  const run = await runOpenclaw(bin, args, options);
  if (run.code !== 0) throw new CliError('openclaw-failed', `OpenClaw could not ${what}: ${lastLine(run)}`, { hint });
}

/**
 * Saves the key as the auth profile venice:default in OpenClaw's own store (SQLite releases).
 * `configText` is the config as we are about to write it: OpenClaw checks it and saves its own
 * version of it, which goes to the discarded copy.
 */
export function saveKeyInProfile(bin: string, place: OpenclawPlace, configText: string, key: string): Promise<void> {
  return runOrRefuse(
    bin,
    ['models', 'auth', 'paste-api-key', '--provider', 'venice', '--profile-id', AUTH_PROFILE_ID],
    { ...place, configText, input: `${key}\n`, timeoutMs: 60000 },
    'save the key in its auth profile',
    'Run openclaw config validate to see what OpenClaw refuses, or choose --key-storage config, dotenv or none. Nothing was written.',
  );
}

/** Removes the auth profile venice:default from OpenClaw's store (releases with `models auth logout`). */
export function removeKeyFromProfile(bin: string, place: OpenclawPlace, configText: string): Promise<void> {
  return runOrRefuse(bin, ['models', 'auth', 'logout', AUTH_PROFILE_ID, '--yes'], { ...place, configText, timeoutMs: 60000 }, `remove the auth profile ${AUTH_PROFILE_ID}`, `Remove it yourself: openclaw models auth logout ${AUTH_PROFILE_ID}`);
}

/** `openclaw plugins install @openclaw/venice-provider`, on a copy of the config (see run.ts). */
export function installVenicePlugin(bin: string, place: OpenclawPlace, configText: string): Promise<void> {
  return runOrRefuse(
    bin,
    ['plugins', 'install', VENICE_PLUGIN_PACKAGE],
    { ...place, configText, timeoutMs: 300000 },
    `install ${VENICE_PLUGIN_PACKAGE}`,
    `Install it yourself: openclaw plugins install ${VENICE_PLUGIN_PACKAGE}, then run venice-onboard again. Nothing was written.`,
  );
}
