import type { ConfigLocation } from '../config/config-path.js';
import type { FoundKey } from '../config/key-stores.js';
import { firstReleaseWhere, VENICE_PLUGIN_INSTALL, VENICE_PLUGIN_PACKAGE, type Target } from '../core/openclaw-releases.js';
import { AUTH_PROFILE_ID } from '../core/plan-venice.js';
import { CliError, ExitCode } from '../errors.js';
import { installVenicePlugin, removeKeyFromProfile, saveKeyInProfile, type PluginStatus } from '../openclaw/commands.js';
import type { Openclaw } from '../openclaw/target.js';

/**
 * What onboarding asks of the user's own OpenClaw on releases that keep Venice or its key outside
 * the config file (SPEC §3.3, §8): the Venice plugin and the SQLite auth store. Each step runs at
 * write time, before the files are written, on a copy of the config as it will be written.
 */
export interface OpenclawStep {
  /** The command, as shown in the preview and the dry run (never the key). */
  command: string;
  run(configText: string): Promise<void>;
}

const SQLITE_SINCE = firstReleaseWhere((s) => s.authStore === 'sqlite');

/** `--key-storage auth-profile` on a SQLite release writes through OpenClaw: without it, exit 2 before anything is written. */
export function requireOpenclawForProfile(target: Target, openclaw: Openclaw | undefined, loc: ConfigLocation): void {
  if (target.shape.authStore !== 'sqlite' || openclaw !== undefined) return;
  throw new CliError(
    'openclaw-missing',
    `--key-storage auth-profile needs the openclaw command on PATH: OpenClaw ${target.version} (like every release since ${SQLITE_SINCE}) keeps auth profiles in its own database under ${loc.stateDir}/, which only OpenClaw writes.`,
    {
      hint: 'Install OpenClaw first, or use --key-storage config, dotenv or none (or --openclaw-version for an older release). Nothing was written.',
      exitCode: ExitCode.usage,
    },
  );
}

export function saveKeyStep(openclaw: Openclaw, key: string): OpenclawStep {
  return {
    command: `openclaw models auth paste-api-key --provider venice --profile-id ${AUTH_PROFILE_ID} (the key on its stdin)`,
    run: (configText) => saveKeyInProfile(openclaw.bin, openclaw.place, configText, key),
  };
}

export function removeKeyStep(openclaw: Openclaw): OpenclawStep {
  return { command: `openclaw models auth logout ${AUTH_PROFILE_ID} --yes`, run: (configText) => removeKeyFromProfile(openclaw.bin, openclaw.place, configText) };
}

export function installPluginStep(openclaw: Openclaw): OpenclawStep {
  return { command: VENICE_PLUGIN_INSTALL, run: (configText) => installVenicePlugin(openclaw.bin, openclaw.place, configText) };
}

/** One line on the plugin for the run's summary, and the install command when it is missing. */
export function describePlugin(target: Target, openclaw: Openclaw | undefined, status: PluginStatus | undefined): { line: string; missing: boolean } {
  if (target.shape.venice !== 'external-plugin') return { line: '', missing: false };
  if (status?.installed) {
    return { line: `Venice plugin: ${VENICE_PLUGIN_PACKAGE}${status.version ? ` ${status.version}` : ''} is installed${status.enabled === false ? ' (disabled; the config enables it)' : ''}.`, missing: false };
  }
  const why = openclaw === undefined ? 'is a plugin of OpenClaw ' + target.version : status === undefined ? 'may not be installed (OpenClaw could not say)' : 'is not installed';
  return {
    line: `Venice ${why}: install it with ${VENICE_PLUGIN_INSTALL}. The Venice block written here works without it; OpenClaw saves the config in its own format (without comments) when it installs a plugin.`,
    missing: true,
  };
}

/** The stored keys that are OpenClaw's auth profile file, which SQLite releases no longer read. */
export function legacyProfileFile(found: readonly FoundKey[], target: Target): FoundKey | undefined {
  return target.shape.authStore === 'sqlite' ? found.find((f) => f.place === 'auth-profile') : undefined;
}
