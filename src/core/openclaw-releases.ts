/**
 * What each OpenClaw release accepts and runs, as data (SPEC §8). Pure: no fs, no child processes.
 *
 * Every row was found by installing releases from npm and asking them (`openclaw config validate
 * --json`, `openclaw models status --json --probe`, `openclaw plugins list --json`); `since` is the
 * first stable release with that row's behaviour, bisected between two adjacent stable releases.
 * A row holds the whole shape, so a reader sees each release's shape in one line. README "OpenClaw
 * releases" lists the releases checked and the suite (`npm run test:openclaw`) that keeps them so.
 */

export interface ReleaseShape {
  /** The first release with this shape. */
  since: string;
  /**
   * How the release ships Venice: in its core; as a bundled plugin, on by default; as an external
   * plugin that no published version supports (the only one needs plugin API 2026.9.3); as the
   * installable external plugin `@openclaw/venice-provider`, with its own catalog and live prices.
   */
  venice: 'core' | 'bundled-plugin' | 'external-unavailable' | 'external-plugin';
  /**
   * Where auth profiles live: `agents/main/agent/auth-profiles.json`, which we write; or OpenClaw's
   * SQLite state, written through `openclaw models auth paste-api-key` (the JSON file is then
   * ignored, and from 2026.8.1 makes OpenClaw refuse to run until `openclaw doctor --fix`).
   */
  authStore: 'json-file' | 'sqlite';
  /** `openclaw models auth logout <profile> --yes` removes a saved profile. */
  authLogout: boolean;
  /**
   * With the key stored nowhere (key storage none), OpenClaw reads VENICE_API_KEY from its
   * environment only through the Venice block's `apiKey: "${VENICE_API_KEY}"`.
   */
  envKeyNeedsRef: boolean;
  /** A `${VAR}` that nothing sets makes OpenClaw refuse the config (later releases warn and run without it). */
  refusesUnsetVar: boolean;
  /** `env.<KEY>` outside `env.vars` (the product page's `env.VENICE_API_KEY`) is refused. */
  strictEnv: boolean;
  /** `agents.defaults.modelPolicy.allow` is the allowlist (`agents.defaults.models` an alias catalog). */
  modelPolicy: boolean;
  /** Model rows carry `cost`. False: the plugin prices them from Venice's live list, and a row's cost would pin it. */
  pinCost: boolean;
}

export const RELEASE_SHAPES: readonly ReleaseShape[] = [
  { since: '2026.1.29', venice: 'core', authStore: 'json-file', authLogout: false, envKeyNeedsRef: false, refusesUnsetVar: true, strictEnv: false, modelPolicy: false, pinCost: true },
  { since: '2026.3.7', venice: 'core', authStore: 'json-file', authLogout: false, envKeyNeedsRef: false, refusesUnsetVar: false, strictEnv: false, modelPolicy: false, pinCost: true },
  { since: '2026.3.22', venice: 'bundled-plugin', authStore: 'json-file', authLogout: false, envKeyNeedsRef: false, refusesUnsetVar: false, strictEnv: false, modelPolicy: false, pinCost: true },
  { since: '2026.6.5', venice: 'bundled-plugin', authStore: 'sqlite', authLogout: false, envKeyNeedsRef: false, refusesUnsetVar: false, strictEnv: false, modelPolicy: false, pinCost: true },
  { since: '2026.6.11', venice: 'external-unavailable', authStore: 'sqlite', authLogout: false, envKeyNeedsRef: true, refusesUnsetVar: false, strictEnv: false, modelPolicy: false, pinCost: true },
  { since: '2026.8.1', venice: 'external-unavailable', authStore: 'sqlite', authLogout: true, envKeyNeedsRef: true, refusesUnsetVar: false, strictEnv: true, modelPolicy: true, pinCost: true },
  { since: '2026.9.3', venice: 'external-plugin', authStore: 'sqlite', authLogout: true, envKeyNeedsRef: true, refusesUnsetVar: false, strictEnv: true, modelPolicy: true, pinCost: false },
];

/** The newest release this table was checked against: the target when nothing else names one. */
export const NEWEST_KNOWN_RELEASE = '2026.9.6';
const OLDEST_KNOWN_RELEASE = RELEASE_SHAPES[0]!.since;

export const VENICE_PLUGIN_PACKAGE = '@openclaw/venice-provider';
export const VENICE_PLUGIN_INSTALL = `openclaw plugins install ${VENICE_PLUGIN_PACKAGE}`;

/**
 * An OpenClaw version: `2026.9.6`, a prerelease `2026.8.1-beta.2` (before 2026.8.1), or a
 * republished release `2026.3.23-1` (after 2026.3.23, as npm lists them).
 */
interface ReleaseVersion {
  text: string;
  parts: [number, number, number];
  /** -1: a prerelease of `parts`; 0: the release; n > 0: its n-th republication. */
  revision: number;
}

const VERSION = /(\d{4})\.(\d{1,2})\.(\d{1,3})(?:-([0-9A-Za-z.-]+))?/;

/** The first version in `text` (`OpenClaw 2026.9.6 (eb377ac)`, `2026.1.29`), or undefined. */
export function parseReleaseVersion(text: string): ReleaseVersion | undefined {
  const m = VERSION.exec(text);
  if (!m) return undefined;
  const suffix = m[4];
  const revision = suffix === undefined ? 0 : /^\d+$/.test(suffix) ? Number(suffix) : -1;
  return { text: m[0], parts: [Number(m[1]), Number(m[2]), Number(m[3])], revision };
}

export function compareReleases(a: ReleaseVersion, b: ReleaseVersion): number {
  for (let i = 0; i < 3; i++) if (a.parts[i] !== b.parts[i]) return a.parts[i]! - b.parts[i]!;
  return a.revision - b.revision;
}

const parsedSince = RELEASE_SHAPES.map((row) => parseReleaseVersion(row.since)!);

/** The shape of `version`: the last row that starts at or before it (the first row for older ones). */
export function shapeOf(version: ReleaseVersion): ReleaseShape {
  let shape = RELEASE_SHAPES[0]!;
  RELEASE_SHAPES.forEach((row, i) => {
    if (compareReleases(parsedSince[i]!, version) <= 0) shape = row;
  });
  return shape;
}

/** The first release of the row where `flag` first holds, for messages ("OpenClaw 2026.8.1 and later"). */
export function firstReleaseWhere(test: (shape: ReleaseShape) => boolean): string | undefined {
  return RELEASE_SHAPES.find(test)?.since;
}

/** Where the target release came from (SPEC §8, in this order). */
export type TargetSource = 'flag' | 'openclaw' | 'config' | 'default';

export interface Target {
  version: string;
  source: TargetSource;
  shape: ReleaseShape;
  /** Set when the version is outside the releases this table was checked against, or openclaw did not say its own. */
  note?: string;
}

/**
 * The release to write for, from the first of: `--openclaw-version`, `openclaw --version`,
 * `meta.lastTouchedVersion`, else the newest known release. Versions newer than the newest known
 * get its shape; older than the oldest, the oldest's.
 */
export function chooseTarget(candidates: { flag?: string; openclaw?: string; config?: string; silentOpenclaw?: string }): Target {
  const order: [TargetSource, string | undefined][] = [
    ['flag', candidates.flag],
    ['openclaw', candidates.openclaw],
    ['config', candidates.config],
  ];
  for (const [source, text] of order) {
    const version = text === undefined ? undefined : parseReleaseVersion(text);
    if (version === undefined) continue;
    const target: Target = { version: version.text, source, shape: shapeOf(version) };
    if (source === 'config' && candidates.silentOpenclaw !== undefined) target.note = silentNote(candidates.silentOpenclaw, version.text);
    else if (compareReleases(version, parseReleaseVersion(NEWEST_KNOWN_RELEASE)!) > 0) {
      target.note = `OpenClaw ${version.text} is newer than the releases venice-onboard was checked against; writing what ${NEWEST_KNOWN_RELEASE} accepts.`;
    } else if (compareReleases(version, parsedSince[0]!) < 0) {
      target.note = `OpenClaw ${version.text} is older than ${OLDEST_KNOWN_RELEASE}, the oldest release venice-onboard knows; writing what ${OLDEST_KNOWN_RELEASE} accepts.`;
    }
    return target;
  }
  const fallback: Target = { version: NEWEST_KNOWN_RELEASE, source: 'default', shape: shapeOf(parseReleaseVersion(NEWEST_KNOWN_RELEASE)!) };
  if (candidates.silentOpenclaw !== undefined) fallback.note = silentNote(candidates.silentOpenclaw, NEWEST_KNOWN_RELEASE);
  return fallback;
}

/** `openclaw` is on PATH but `openclaw --version` said nothing usable (in time). */
const silentNote = (bin: string, version: string) =>
  `${bin} did not say its version; writing for OpenClaw ${version}. Name your release with --openclaw-version <version>.`;

export function describeTarget(target: Target): string {
  const why = {
    flag: 'from --openclaw-version',
    openclaw: 'the openclaw on your PATH',
    config: 'meta.lastTouchedVersion in the config',
    default: target.note === undefined ? 'the newest release venice-onboard knows; no openclaw on PATH' : 'the newest release venice-onboard knows',
  }[target.source];
  return `${target.version} (${why})`;
}
