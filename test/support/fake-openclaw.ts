import { readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, type TestHooks } from './temp-home.js';

/**
 * A stand-in `openclaw` on PATH for the fast end-to-end tests: it answers the commands
 * venice-onboard runs the way the real releases do (their outputs were read from 2026.6.5–2026.9.6),
 * and records each call. The real releases judge the same flows in test/openclaw/ (npm run
 * test:openclaw); this one lets `npm test` check what we send OpenClaw and what we do with its answers.
 */

export interface FakeOpenclawBehaviour {
  /** What `openclaw --version` prints the version as. */
  version: string;
  /** Whether `plugins list --json` lists the Venice plugin. */
  plugin: 'installed' | 'missing';
  /** The `config validate --json` document (default: valid). */
  validate?: Record<string, unknown>;
  /** `models auth paste-api-key` fails with this message. */
  pasteFails?: string;
}

export interface FakeOpenclawCall {
  args: string[];
  /** OPENCLAW_CONFIG_PATH and OPENCLAW_STATE_DIR as OpenClaw saw them. */
  configPath: string;
  stateDir: string;
  /** The config file's text when OpenClaw started. */
  configText: string | null;
  stdin: string;
}

export interface FakeOpenclaw {
  /** The directory to put first on PATH. */
  binDir: string;
  /** `PATH` with binDir first. */
  path: string;
  calls(): Promise<FakeOpenclawCall[]>;
  /** The profiles `paste-api-key` saved (the fake's "database"), keyed by profile id. */
  savedProfiles(stateDir: string): Promise<Record<string, string>>;
}

const SCRIPT = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const dir = __dirname;
const behaviour = JSON.parse(fs.readFileSync(path.join(dir, 'behaviour.json'), 'utf8'));
const args = process.argv.slice(2);
const configPath = process.env.OPENCLAW_CONFIG_PATH || '';
const stateDir = process.env.OPENCLAW_STATE_DIR || '';
let configText = null;
try { configText = fs.readFileSync(configPath, 'utf8'); } catch {}
let stdin = '';
try { stdin = fs.readFileSync(0, 'utf8'); } catch {}
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({ args, configPath, stateDir, configText, stdin }) + '\n');
const db = path.join(stateDir, 'fake-openclaw-profiles.json');
const readDb = () => { try { return JSON.parse(fs.readFileSync(db, 'utf8')); } catch { return {}; } };
const is = (...words) => words.every((w, i) => args[i] === w);
// Like the real releases, a command that saves the config rewrites it as plain JSON (no comments).
const saveConfig = () => { if (configPath) fs.writeFileSync(configPath, JSON.stringify({ rewrittenBy: 'openclaw' }, null, 2)); };
if (is('--version')) {
  console.log('OpenClaw ' + behaviour.version + ' (abc1234)');
} else if (is('plugins', 'list', '--json')) {
  const plugins = [{ id: 'openai', status: 'loaded', enabled: true, origin: 'bundled' }];
  if (behaviour.plugin === 'installed') plugins.push({ id: 'venice', name: 'Venice', version: '2026.9.3', status: 'loaded', enabled: true, origin: 'global' });
  console.log(JSON.stringify({ workspaceDir: stateDir, plugins, diagnostics: [] }, null, 2));
} else if (is('config', 'validate', '--json')) {
  console.log(JSON.stringify(behaviour.validate || { valid: true, path: configPath }, null, 2));
} else if (is('models', 'auth', 'paste-api-key')) {
  if (behaviour.pasteFails) { console.error('[openclaw] ' + behaviour.pasteFails); process.exit(1); }
  const id = args[args.indexOf('--profile-id') + 1];
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(db, JSON.stringify({ ...readDb(), [id]: stdin.trim() }), { mode: 0o600 });
  saveConfig();
  console.log('Saved auth profile ' + id);
} else if (is('models', 'auth', 'logout')) {
  const profiles = readDb();
  delete profiles[args[3]];
  fs.writeFileSync(db, JSON.stringify(profiles), { mode: 0o600 });
  saveConfig();
} else if (is('plugins', 'install')) {
  behaviour.plugin = 'installed';
  fs.writeFileSync(path.join(dir, 'behaviour.json'), JSON.stringify(behaviour));
  saveConfig();
  console.log('Installed plugin: venice');
} else {
  console.error("error: unknown command '" + args.join(' ') + "'");
  process.exit(1);
}
`;

export async function installFakeOpenclaw(t: TestHooks, behaviour: FakeOpenclawBehaviour): Promise<FakeOpenclaw> {
  const binDir = await makeTempDir({ prefix: 'venice-onboard-fake-openclaw-', context: t });
  const bin = join(binDir, 'openclaw');
  await writeFile(bin, `#!${process.execPath}\n${SCRIPT}`);
  await chmod(bin, 0o755);
  await writeFile(join(binDir, 'behaviour.json'), JSON.stringify(behaviour));
  return {
    binDir,
    path: `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    calls: async () =>
      (await readFile(join(binDir, 'calls.jsonl'), 'utf8').catch(() => ''))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as FakeOpenclawCall),
    savedProfiles: async (stateDir) => JSON.parse(await readFile(join(stateDir, 'fake-openclaw-profiles.json'), 'utf8').catch(() => '{}')) as Record<string, string>,
  };
}
