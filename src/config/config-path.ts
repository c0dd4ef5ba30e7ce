import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Which OpenClaw config file we use, and why (SPEC §5.1). */
export interface ConfigLocation {
  path: string;
  /** Shown to the user: "--config", "OPENCLAW_CONFIG_PATH", "OPENCLAW_STATE_DIR", "default", "legacy". */
  reason: 'flag' | 'env' | 'state-dir' | 'default' | 'legacy';
  exists: boolean;
  /** The state dir: the config's directory (holds `.env` and `agents/`). */
  stateDir: string;
}

interface PathDeps {
  env: Record<string, string | undefined>;
  homedir: string;
  cwd?: string;
  exists?: (path: string) => boolean;
}

function home(deps: PathDeps): string {
  const openclawHome = deps.env.OPENCLAW_HOME?.trim();
  return openclawHome ? expandHome(openclawHome, deps.homedir, deps.cwd) : deps.homedir;
}

/** `~` and `~/x` expand to the home dir; relative paths resolve against cwd. */
function expandHome(path: string, homeDir: string, cwd = process.cwd()): string {
  const expanded = path === '~' ? homeDir : path.startsWith('~/') ? join(homeDir, path.slice(2)) : path;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}

const LEGACY = ['.openclaw/clawdbot.json', '.openclaw/moltbot.json', '.clawdbot/clawdbot.json', '.clawdbot/moltbot.json', '.moltbot/moltbot.json'];

export function resolveConfigPath(flag: string | undefined, deps: PathDeps): ConfigLocation {
  const exists = deps.exists ?? existsSync;
  const h = home(deps);
  const make = (path: string, reason: ConfigLocation['reason']): ConfigLocation => ({
    path,
    reason,
    exists: exists(path),
    stateDir: dirname(path),
  });
  if (flag?.trim()) return make(expandHome(flag.trim(), h, deps.cwd), 'flag');
  const envPath = deps.env.OPENCLAW_CONFIG_PATH?.trim();
  if (envPath) return make(expandHome(envPath, h, deps.cwd), 'env');
  const stateDir = deps.env.OPENCLAW_STATE_DIR?.trim();
  if (stateDir) return make(join(expandHome(stateDir, h, deps.cwd), 'openclaw.json'), 'state-dir');
  const standard = make(join(h, '.openclaw', 'openclaw.json'), 'default');
  if (standard.exists) return standard;
  for (const legacy of LEGACY) {
    const candidate = join(h, legacy);
    if (exists(candidate)) return make(candidate, 'legacy');
  }
  return standard;
}

export function describeLocation(loc: ConfigLocation): string {
  const why = {
    flag: 'from --config',
    env: 'from OPENCLAW_CONFIG_PATH',
    'state-dir': 'from OPENCLAW_STATE_DIR',
    default: 'default location',
    legacy: 'legacy file name, used because ~/.openclaw/openclaw.json does not exist',
  }[loc.reason];
  return `${loc.path} (${why}${loc.exists ? '' : ', does not exist yet'})`;
}
