import type { ConfigLocation } from '../config/config-path.js';
import { getPath } from '../core/openclaw-config.js';
import { chooseTarget, type Target } from '../core/openclaw-releases.js';
import { readOpenclawVersion, readVenicePlugin, type OpenclawPlace, type PluginStatus } from './commands.js';
import { findOpenclaw } from './run.js';

/** The user's `openclaw`, when it is on PATH, and where it runs. */
export interface Openclaw {
  bin: string;
  place: OpenclawPlace;
  /** What `openclaw --version` said; undefined when it was not asked (--openclaw-version) or did not say. */
  version?: string;
}

interface OpenclawProbe {
  /** Undefined when `openclaw` is not on PATH. */
  openclaw?: Openclaw;
  /** The target release, once the config is known (its `meta.lastTouchedVersion` is the third choice). */
  targetFor(config: unknown): Target;
}

/**
 * Looks for `openclaw` on PATH and, unless `--openclaw-version` already names the target, asks it
 * for its version (bounded by VERSION_TIMEOUT_MS; started at once, so that it runs while the
 * config is read and the catalog fetched).
 */
export async function probeOpenclaw(flag: string | undefined, env: Record<string, string | undefined>, loc: ConfigLocation): Promise<OpenclawProbe> {
  const bin = findOpenclaw(env);
  const place: OpenclawPlace = { env, configPath: loc.path, stateDir: loc.stateDir };
  const version = bin === undefined || flag !== undefined ? undefined : await readOpenclawVersion(bin, place);
  const openclaw = bin === undefined ? undefined : { bin, place, ...(version === undefined ? {} : { version }) };
  return {
    ...(openclaw === undefined ? {} : { openclaw }),
    targetFor: (config) => {
      const meta = getPath(config, ['meta', 'lastTouchedVersion']);
      return chooseTarget({
        flag,
        openclaw: version,
        config: typeof meta === 'string' ? meta : undefined,
        ...(bin !== undefined && flag === undefined && version === undefined ? { silentOpenclaw: bin } : {}),
      });
    },
  };
}

/** Asks OpenClaw whether the Venice plugin is installed, on releases where it is an installable plugin (else, or when it cannot say, undefined). */
export async function askVenicePlugin(target: Target, openclaw: Openclaw | undefined, config: unknown): Promise<PluginStatus | undefined> {
  if (target.shape.venice !== 'external-plugin' || openclaw === undefined) return undefined;
  return readVenicePlugin(openclaw.bin, openclaw.place, config).catch(() => undefined);
}
