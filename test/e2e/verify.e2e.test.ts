import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonOutput, runCli, type CliResult } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';
import { makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import { deadBaseUrl, startVeniceServer, TEST_API_KEY, type VeniceServer, type VeniceServerOptions } from '../support/venice-server.js';

/**
 * `verify` (SPEC §1.2) against the local Venice-like server, each test with its own temp HOME and
 * server: the command run in this process through the CLI's own parsing and dispatch, with a fake
 * context (test/support/run-in-process.ts), and a few runs of the built binary (`binary: true`).
 * Every run is made twice, human and `--json`: the human lines must be the JSON checks, and the
 * whole key must appear in neither.
 */

type Status = 'pass' | 'warn' | 'fail' | 'skip';
interface Check {
  id: string;
  status: Status;
  message: string;
  hint: string | null;
  durationMs: number;
}
interface Report {
  ok: boolean;
  configPath: string;
  checks: Check[];
}

const IDS = [
  'config.found',
  'config.parse',
  'config.provider',
  'config.default-model',
  'config.env-refs',
  'key.present',
  'key.format',
  'api.reachable',
  'key.valid',
  'model.available',
  'model.limits',
  'model.attestation',
  'agents.overrides',
  'openclaw.release',
  'openclaw.validate',
] as const;
const CHAT_IDS = [...IDS, 'chat.probe'] as const;
type CheckId = (typeof CHAT_IDS)[number];
const NETWORK_IDS = ['api.reachable', 'key.valid', 'model.available', 'model.limits', 'model.attestation'] as const;

const SYMBOL: Record<Status, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };
const MASKED = 'vapi…qrst';

const HINT = {
  onboard: 'Run venice-onboard onboard to write a valid Venice block.',
  refresh: 'Run venice-onboard onboard: it lowers the entry to the live limits and keeps your other fields.',
  noKey: 'Run venice-onboard onboard, or export VENICE_API_KEY.',
  unreachable: 'Check your connection, proxy (HTTPS_PROXY) or --base-url, or raise --timeout.',
  retry: 'Run venice-onboard verify again in a minute.',
  pickModel: 'Pick another model: venice-onboard models set <model>.',
};

// ---------------------------------------------------------------------------------------------
// Running verify

interface VerifyRun {
  human: CliResult;
  json: CliResult;
  report: Report;
  check(id: CheckId): Check;
}

interface VerifyOptions {
  baseUrl?: string;
  env?: Record<string, string | undefined>;
  /** Keys that must never appear whole (TEST_API_KEY always). */
  secrets?: string[];
  /** Run the built binary (the end-to-end layer) instead of the command in this process. */
  binary?: boolean;
}

/** The human lines `verify` prints for these checks; latencies are normalised. */
function renderHuman(checks: readonly Check[]): string {
  return checks.map((c) => `${SYMBOL[c.status]} ${c.id.padEnd(21)}${c.message}\n${c.hint ? `  ${' '.repeat(21)}→ ${c.hint}\n` : ''}`).join('');
}
const normaliseMs = (text: string) => text.replace(/\d+ ms\b/g, 'N ms');

function expectNoSecret(results: readonly CliResult[], secrets: readonly string[]): void {
  for (const r of results) {
    for (const secret of secrets) {
      expect(r.stdout.includes(secret), `the whole key ${secret.slice(0, 9)}… is on stdout:\n${r.stdout}`).toBe(false);
      expect(r.stderr.includes(secret), `the whole key ${secret.slice(0, 9)}… is on stderr:\n${r.stderr}`).toBe(false);
    }
  }
}

/** Runs `verify ...args` human and `--json`, and checks what every run must satisfy (SPEC §1.2, §2). */
async function verify(h: TempHome, args: string[], o: VerifyOptions = {}): Promise<VerifyRun> {
  const full = ['verify', ...args, ...(o.baseUrl ? ['--base-url', o.baseUrl] : [])];
  // In this process (src/commands/verify.ts with a fake context), unless the test asks for the built binary.
  const run = o.binary === true ? (a: string[]) => runCli(a, { home: h.home, env: o.env }) : (a: string[]) => runInProcess(a, { home: h, env: o.env ?? {} });
  const [human, json] = await Promise.all([run(full), run([...full, '--json'])]);
  expectNoSecret([human, json], [TEST_API_KEY, ...(o.secrets ?? [])]);

  // --json: exactly one document on stdout, nothing on stderr, the documented shape.
  expect(json.stderr).toBe('');
  expect(json.stdout.endsWith('}\n')).toBe(true);
  const report = parseJsonOutput(json) as Report;
  expect(Object.keys(report)).toEqual(['ok', 'configPath', 'checks']);
  for (const c of report.checks) {
    expect(Object.keys(c), c.id).toEqual(['id', 'status', 'message', 'hint', 'durationMs']);
    // One line; openclaw.validate gives one line per problem OpenClaw names (issue 13).
    expect(c.message, c.id).toMatch(c.id === 'openclaw.validate' ? /^[^\n]+(\n[^\n]+)*$/ : /^[^\n]+$/);
    expect(Number.isInteger(c.durationMs) && c.durationMs >= 0, `${c.id} durationMs`).toBe(true);
    // A one-line fix hint for warn and fail, none for pass and skip, except the openclaw.* skips,
    // whose hint says how to let verify ask OpenClaw.
    if (c.status === 'warn' || c.status === 'fail') expect(c.hint, c.id).toMatch(/^[^\n]+$/);
    else if (c.status === 'skip' && c.id.startsWith('openclaw.') && c.message.includes('not on PATH')) expect(c.hint, c.id).toMatch(/^[^\n]+$/);
    else expect(c.hint, c.id).toBeNull();
  }
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  expect(report.ok).toBe(failed === 0);
  expect(json.code).toBe(failed === 0 ? 0 : 1);

  // Human: one line per check (and its hint), the summary on stderr, the same exit code.
  expect(human.code).toBe(json.code);
  expect(normaliseMs(human.stdout)).toBe(normaliseMs(renderHuman(report.checks)));
  expect(human.stderr).toBe(failed === 0 ? 'All checks passed.\n' : `${failed} check(s) failed.\n`);

  return {
    human,
    json,
    report,
    check: (id) => {
      const c = report.checks.find((x) => x.id === id);
      if (c === undefined) throw new Error(`no check ${id} in ${JSON.stringify(report.checks.map((x) => x.id))}`);
      return c;
    },
  };
}

/**
 * The exact ids, in order, and their statuses: every id not named is expected to pass, except the
 * openclaw.* checks, which skip (these tests run without openclaw on PATH; openclaw-on-path tests name them).
 */
function expectStatuses(run: VerifyRun, expected: Partial<Record<CheckId, Status>>, ids: readonly CheckId[] = IDS): void {
  expect(run.report.checks.map((c) => c.id)).toEqual(ids);
  // Without openclaw on PATH its checks skip; the default llama-3.3-70b is no TEE model: no attestation.
  const want = Object.fromEntries(ids.map((id) => [id, expected[id] ?? (id.startsWith('openclaw.') || id === 'model.attestation' ? 'skip' : 'pass')]));
  const got = Object.fromEntries(run.report.checks.map((c) => [c.id, c.status]));
  expect(got, `checks:\n${run.human.stdout}`).toEqual(want);
}

const outcome = (c: Check) => ({ status: c.status, message: c.message, hint: c.hint });

// ---------------------------------------------------------------------------------------------
// Setting up a home

async function serve(t: TestHooks, options?: VeniceServerOptions): Promise<VeniceServer> {
  const server = await startVeniceServer(options);
  t.onTestFinished(() => server.close());
  return server;
}

/**
 * A home onboarded with this key storage: onboarding runs once per mode for the whole file (against
 * a server of its own) and each test gets a copy of the resulting state dir, which is what the
 * test would have after running it itself. Tests that look at onboarding's own output run it.
 */
const templates = new Map<string, Promise<TempHome>>();
let templateServer: Promise<VeniceServer> | undefined;
afterAll(async () => {
  if (templateServer) await (await templateServer).close();
});
function template(storage: string): Promise<TempHome> {
  let home = templates.get(storage);
  if (home === undefined) {
    home = (async () => {
      templateServer ??= startVeniceServer();
      const h = await makeTempHome({ scope: 'file' });
      await onboard(h, await templateServer, storage === 'config' ? [] : ['--key-storage', storage]);
      return h;
    })();
    templates.set(storage, home);
  }
  return home;
}
async function onboardedHome(t: TestHooks, storage: 'config' | 'dotenv' | 'auth-profile' | 'none' = 'config'): Promise<TempHome> {
  const source = await template(storage);
  const h = await makeTempHome({ context: t });
  await cp(source.stateDir, h.stateDir, { recursive: true });
  return h;
}

/** Non-interactive onboarding, as a user would run it; it must succeed. */
async function onboard(h: TempHome, server: VeniceServer, extra: string[] = []): Promise<void> {
  const r = await runCli(['onboard', '--non-interactive', '--venice-api-key-stdin', '--base-url', server.baseUrl, ...extra], {
    home: h.home,
    stdin: `${TEST_API_KEY}\n`,
  });
  expect(r.code, r.stderr).toBe(0);
  expectNoSecret([r], [TEST_API_KEY]);
}

const entry = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  reasoning: false,
  input: ['text'],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  // The live context of llama-3.3-70b in the docs snapshot and in ROWS.
  contextWindow: 128000,
  maxTokens: 4096,
  ...extra,
});

interface HandConfig {
  primary?: string;
  entries?: unknown[];
  /** `undefined` = no apiKey. */
  apiKey?: string;
  env?: Record<string, unknown>;
  /** Merged over the Venice block. */
  block?: Record<string, unknown>;
  /** Replaces `models.providers` entirely. */
  providers?: Record<string, unknown>;
}

/** A config written by hand, as JSON (valid JSON5). Default: the key in the env block, as onboarding does. */
function handConfig(baseUrl: string, o: HandConfig = {}): Record<string, unknown> {
  const env = 'env' in o ? o.env : { vars: { VENICE_API_KEY: TEST_API_KEY } };
  const apiKey = 'apiKey' in o ? o.apiKey : '${VENICE_API_KEY}';
  return {
    ...(env ? { env } : {}),
    agents: { defaults: { model: { primary: o.primary ?? 'venice/llama-3.3-70b' } } },
    models: {
      mode: 'merge',
      providers: o.providers ?? {
        venice: {
          baseUrl,
          ...(apiKey === undefined ? {} : { apiKey }),
          api: 'openai-completions',
          models: o.entries ?? [entry('llama-3.3-70b')],
          ...o.block,
        },
      },
    },
  };
}

async function writeConfig(h: TempHome, config: unknown): Promise<void> {
  await writeFile(h.configPath, typeof config === 'string' ? config : `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

const profilesPath = (h: TempHome) => join(h.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
async function writeAuthProfile(h: TempHome, key: string): Promise<void> {
  await mkdir(join(h.stateDir, 'agents', 'main', 'agent'), { recursive: true, mode: 0o700 });
  const store = { version: 1, profiles: { 'venice:default': { type: 'api_key', provider: 'venice', key } } };
  await writeFile(profilesPath(h), `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
}
const writeDotenv = (h: TempHome, text: string) => writeFile(join(h.stateDir, '.env'), text, { mode: 0o600 });

/** A live row with explicit limits (the docs snapshot has no maxCompletionTokens). */
const row = (id: string, spec: Record<string, unknown> = {}) => ({
  id,
  type: 'text',
  object: 'model',
  owned_by: 'venice.ai',
  model_spec: { name: id, privacy: 'private', availableContextTokens: 131072, maxCompletionTokens: 4096, capabilities: {}, ...spec },
});
const ROWS = [
  row('llama-3.3-70b', { availableContextTokens: 128000 }),
  row('qwen3-4b', { availableContextTokens: 32768 }),
  row('claude-opus-4-5', { privacy: 'anonymized', availableContextTokens: 198000, maxCompletionTokens: 32000 }),
  row('sleepy-model', { offline: true }),
  row('old-model', { deprecation: { date: '2026-03-01T00:00:00.000Z' } }),
];

// ---------------------------------------------------------------------------------------------

describe.concurrent('after onboarding, every check passes', () => {
  it('the 15 checks, in order, pass with their messages (the openclaw ones skip without openclaw); ok: true, exit 0', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await onboard(h, server);
    // The built binary, end to end; the tests below run the command in this process.
    const run = await verify(h, [], { baseUrl: server.baseUrl, binary: true });
    expectStatuses(run, {});
    expect(run.report.ok).toBe(true);
    expect(run.report.configPath).toBe(h.configPath);
    expect(run.json.code).toBe(0);
    const messages = Object.fromEntries(run.report.checks.map((c) => [c.id, c.message]));
    expect(messages).toEqual({
      'config.found': `${h.configPath} (default location)`,
      'config.parse': 'Valid JSON5.',
      // The 113 text models but the 13 E2EE ones, which OpenClaw cannot call.
      'config.provider': `Venice block at ${server.baseUrl} with 100 model(s).`,
      'config.default-model': 'Default model venice/llama-3.3-70b.',
      'config.env-refs': '${VENICE_API_KEY} resolved.',
      'key.present': `${MASKED} from the config env block.`,
      'key.format': 'Recognised vapi_ key format.',
      'api.reachable': expect.stringMatching(new RegExp(`^${server.baseUrl.replace(/\./g, '\\.')} answered in \\d+ ms with 113 text models\\.$`)),
      'key.valid': 'Venice accepts the key (tier paid, $12.50, 3 DIEM).',
      'model.available': 'venice/llama-3.3-70b is in the live catalog.',
      'model.limits': 'llama-3.3-70b is within the live limits (context 128000).',
      'model.attestation': 'skipped: venice/llama-3.3-70b is not a TEE model',
      'agents.overrides': 'No agent has a model of its own outside Venice.',
      'openclaw.release': 'skipped: openclaw is not on PATH (checked for 2026.9.6).',
      'openclaw.validate': 'skipped: openclaw is not on PATH.',
    });
    expect(run.check('openclaw.validate').hint).toBe('Put openclaw on PATH (npm install -g openclaw) so that verify can ask OpenClaw itself.');
    // The human form, line for line: 15 checks, two of them with a hint, and the final newline.
    expect(run.human.stdout.split('\n')[0]).toBe(`✓ config.found         ${h.configPath} (default location)`);
    expect(run.human.stdout.split('\n')).toHaveLength(18);
  });

  it('--chat adds a 16th check, chat.probe, with the streamed reply and the times', async (t) => {
    const server = await serve(t, { chat: { chunkDelayMs: 25 } });
    const h = await makeTempHome({ context: t });
    await onboard(h, server);
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, {}, CHAT_IDS);
    const m = /^venice\/llama-3\.3-70b replied "Hello! Yes, I am working\." \(first token (\d+) ms, total (\d+) ms\)\.$/.exec(run.check('chat.probe').message);
    expect(m, run.check('chat.probe').message).not.toBeNull();
    // Six events with 25 ms between them: the total includes the pauses, the first token does not wait for them.
    expect(Number(m?.[2])).toBeGreaterThanOrEqual(100);
    expect(Number(m?.[1])).toBeLessThan(Number(m?.[2]));
    // The stream ended with the usage chunk whose choices is [] and [DONE]: one probe per run, the prompt of the spec.
    const probes = server.requestsTo('chat');
    expect(probes).toHaveLength(2);
    for (const p of probes) {
      expect(p.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
      expect(JSON.parse(p.body)).toMatchObject({ model: 'llama-3.3-70b', stream: true, messages: [{ role: 'user', content: 'Hello, are you working?' }] });
    }
  });

  it('a reply in several languages and emoji comes through whole', async (t) => {
    const server = await serve(t, { chat: { chunks: ['Ça ', 'marche ', '👍 — はい'] } });
    const h = await onboardedHome(t);
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, {}, CHAT_IDS);
    expect(run.check('chat.probe').message).toMatch(/^venice\/llama-3\.3-70b replied "Ça marche 👍 — はい" \(first token \d+ ms, total \d+ ms\)\.$/);
  });

  it.for<[string, (p: string) => { args: string[]; env: Record<string, string> }, string]>([
    ['--config', (p: string) => ({ args: ['--config', p], env: {} }), 'from --config'],
    ['OPENCLAW_CONFIG_PATH', (p: string) => ({ args: [], env: { OPENCLAW_CONFIG_PATH: p } }), 'from OPENCLAW_CONFIG_PATH'],
  ])('config.found says the file came from %s', async ([_name, how, why], t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    const elsewhere = join(h.home, 'configs', 'oc.json');
    await mkdir(join(h.home, 'configs'));
    await writeFile(elsewhere, JSON.stringify(handConfig(server.baseUrl)));
    const { args, env } = how(elsewhere);
    const run = await verify(h, args, { baseUrl: server.baseUrl, env });
    expectStatuses(run, {});
    expect(run.check('config.found').message).toBe(`${elsewhere} (${why})`);
    expect(run.report.configPath).toBe(elsewhere);
  });
});

describe.concurrent('a broken config: the failing check, its hint, and the dependent checks skip', () => {
  it('no config at all (key in the environment): config.found fails, the config checks and the model checks skip', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    const run = await verify(h, [], { baseUrl: server.baseUrl, env: { VENICE_API_KEY: TEST_API_KEY } });
    expectStatuses(run, {
      'config.found': 'fail',
      'config.parse': 'skip',
      'config.provider': 'skip',
      'config.default-model': 'skip',
      'config.env-refs': 'skip',
      'agents.overrides': 'skip',
      'model.available': 'skip',
      'model.limits': 'skip',
    });
    expect(outcome(run.check('config.found'))).toEqual({
      status: 'fail',
      message: `No OpenClaw config at ${h.configPath} (default location, does not exist yet).`,
      hint: 'Run venice-onboard onboard to create it, or pass --config <path>.',
    });
    expect(run.check('config.parse').message).toBe('skipped: no config file');
    expect(run.check('key.present').message).toBe(`${MASKED} from the VENICE_API_KEY environment variable.`);
    expect(run.report.configPath).toBe(h.configPath);
  });

  it('no config and no key: config.found and key.present fail, key.format and key.valid skip', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, {
      'config.found': 'fail',
      'config.parse': 'skip',
      'config.provider': 'skip',
      'config.default-model': 'skip',
      'config.env-refs': 'skip',
      'agents.overrides': 'skip',
      'key.present': 'fail',
      'key.format': 'skip',
      'key.valid': 'skip',
      'model.available': 'skip',
      'model.limits': 'skip',
    });
  });

  it('invalid JSON5: config.parse fails naming line and column', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t, 'dotenv');
    await writeConfig(h, '{\n  // my setup\n  agents: { defaults: { model: "venice/llama-3.3-70b" } }\n  models: {},\n}\n');
    const run = await verify(h, [], { baseUrl: server.baseUrl, binary: true });
    expectStatuses(run, {
      'config.parse': 'fail',
      'config.provider': 'skip',
      'config.default-model': 'skip',
      'config.env-refs': 'skip',
      'agents.overrides': 'skip',
      'model.available': 'skip',
      'model.limits': 'skip',
    });
    expect(outcome(run.check('config.parse'))).toEqual({
      status: 'fail',
      message: "Invalid JSON5 at line 4, column 3: invalid character 'm'.",
      hint: 'Fix that line by hand (or restore the .bak next to the file).',
    });
    expect(run.check('key.present').message).toBe(`${MASKED} from the .env file (${join(h.stateDir, '.env')}).`);
  });

  it('a config that is not UTF-8 (a Latin-1 é in a comment): config.parse fails naming the byte, line and column; exit 1, the file untouched', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t, 'dotenv');
    const bytes = Buffer.concat([Buffer.from('{\n  // r'), Buffer.from([0xe9]), Buffer.from('sum\n  agents: {},\n}\n')]);
    await writeFile(h.configPath, bytes);
    const run = await verify(h, [], { baseUrl: server.baseUrl, binary: true });
    expect(run.human.code).toBe(1);
    expect(outcome(run.check('config.parse'))).toEqual({
      status: 'fail',
      message: `${h.configPath} is not UTF-8: the byte 0xE9 at line 2, column 7 (byte offset 8) is not part of any UTF-8 character.`,
      hint: 'OpenClaw reads its config as UTF-8: save it as UTF-8 (from Latin-1, e.g. iconv -f LATIN1 -t UTF-8), then run again.',
    });
    expect(run.check('config.provider').status).toBe('skip');
    expect((await readFile(h.configPath)).equals(bytes)).toBe(true);
  });

  it('a UTF-16 config: config.parse names the encoding, not a syntax error', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t, 'dotenv');
    await writeFile(h.configPath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{\n  agents: {},\n}\n', 'utf16le')]));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expect(outcome(run.check('config.parse'))).toEqual({
      status: 'fail',
      message: `${h.configPath} is UTF-16 text (little-endian, with a byte-order mark), not UTF-8.`,
      hint: 'OpenClaw reads its config as UTF-8: save it as UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8), then run again.',
    });
  });

  it('a directory where the config should be: config.parse fails saying so (no crash)', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await mkdir(h.configPath);
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expect(run.human.code).toBe(1);
    expect(outcome(run.check('config.parse'))).toEqual({
      status: 'fail',
      message: `Cannot read ${h.configPath}: it is a directory.`,
      hint: 'Point --config at a file, e.g. ~/.openclaw/openclaw.json.',
    });
  });

  // The key may be in the file that cannot be read: "no key found" (and "run onboard") would be
  // wrong; key.present depends on config.parse, so it is skipped, and the key checks after it.
  it('invalid JSON5 with the key inside it: key.present skips instead of failing', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    const text = await readFile(h.configPath, 'utf8');
    await writeConfig(h, text.replace('"mode": "merge",', '"mode": "merge"'));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, {
      'config.parse': 'fail',
      'config.provider': 'skip',
      'config.default-model': 'skip',
      'config.env-refs': 'skip',
      'agents.overrides': 'skip',
      'key.present': 'skip',
      'key.format': 'skip',
      'key.valid': 'skip',
      'model.available': 'skip',
      'model.limits': 'skip',
    });
  });

  it.for<[string, HandConfig, string]>([
    ['privacy in a model entry', { entries: [entry('llama-3.3-70b', { privacy: 'private' })] }, 'Venice block: model keys OpenClaw rejects: privacy (in llama-3.3-70b).'],
    ['capabilities in a model entry', { entries: [entry('llama-3.3-70b', { capabilities: { tools: true } })] }, 'Venice block: model keys OpenClaw rejects: capabilities (in llama-3.3-70b).'],
    ['an http baseUrl off loopback', { block: { baseUrl: 'http://api.venice.example/api/v1' } }, 'Venice block: baseUrl is not https.'],
    ['a wrong api', { block: { api: 'openai-responses' } }, 'Venice block: api is "openai-responses", not "openai-completions".'],
  ])('%s: config.provider fails, config.default-model skips', async ([_name, o, message], t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, o));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'config.provider': 'fail', 'config.default-model': 'skip' });
    expect(outcome(run.check('config.provider'))).toEqual({ status: 'fail', message, hint: expect.any(String) });
    expect(run.check('config.default-model').message).toBe('skipped: config.provider did not pass');
  });

  // Onboarding keeps existing model entries as they are (SPEC §5.2): "run onboard" leaves the key there.
  it('the config.provider hint for a rejected model key names the key to remove', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, { entries: [entry('llama-3.3-70b', { privacy: 'private' })] }));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expect(run.check('config.provider').hint).toContain('privacy');
  });

  it.for<[string, HandConfig, string]>([
    // Releases without the Venice plugin's catalog (before 2026.9.3) need the rows; with it, see below.
    ['empty models', { entries: [] }, 'Venice block: models is not a non-empty array.'],
    ['no Venice block', { providers: { openai: { baseUrl: 'https://api.openai.com/v1', models: [] } } }, 'No models.providers.venice block.'],
  ])('%s: config.provider fails; the checks that need a model entry skip', async ([_name, o, message], t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, o));
    const run = await verify(h, ['--openclaw-version', '2026.8.1'], { baseUrl: server.baseUrl });
    expect(outcome(run.check('config.provider'))).toEqual({ status: 'fail', message, hint: HINT.onboard });
    expectStatuses(run, { 'config.provider': 'fail', 'config.default-model': 'skip', 'model.limits': 'skip' });
  });

  it('the default model is not in the provider models: config.default-model fails with the models set hint; model.limits skips', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, { primary: 'venice/llama-3.2-3b' }));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expect(outcome(run.check('config.default-model'))).toEqual({
      status: 'fail',
      message: "The default venice/llama-3.2-3b is not in the provider's models.",
      hint: 'Run venice-onboard models set venice/llama-3.2-3b to add its entry.',
    });
    expectStatuses(run, { 'config.default-model': 'fail', 'model.limits': 'skip' });
  });

  it('following the config.default-model hint (models set) makes it pass', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, { primary: 'venice/llama-3.2-3b' }));
    const set = await runCli(['models', 'set', 'venice/llama-3.2-3b', '--base-url', server.baseUrl], { home: h.home });
    expect(set.code, set.stderr).toBe(0);
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, {});
    expect(run.check('config.default-model').message).toBe('Default model venice/llama-3.2-3b.');
  });

  it('a missing ${VAR} for OpenClaw 2026.3.2: config.env-refs fails naming it (apiKey "${VENICE_API_KEY}", no env block, no .env, no env var)', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    // The key itself is in the auth profile (that release's JSON file): only the reference is
    // broken, and releases before 2026.3.7 refuse the file for it.
    await writeAuthProfile(h, TEST_API_KEY);
    await writeConfig(h, handConfig(server.baseUrl, { env: undefined }));
    const run = await verify(h, ['--openclaw-version', '2026.3.2'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'config.env-refs': 'fail' });
    expect(outcome(run.check('config.env-refs'))).toEqual({
      status: 'fail',
      message: '${VENICE_API_KEY} is not set anywhere: OpenClaw refuses a config with an unresolved variable.',
      hint: 'Set VENICE_API_KEY in the environment, in the .env next to the config, or run venice-onboard onboard.',
    });
  });

  it('a missing ${VAR} and no key anywhere (today\'s OpenClaw): config.env-refs warns, key.present fails, key.format and key.valid skip', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, { env: undefined }));
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    expect(run.check('config.env-refs').message).toBe('${VENICE_API_KEY} is not set anywhere: OpenClaw runs without it, and what uses it gets nothing.');
    expectStatuses(run, { 'config.env-refs': 'warn', 'key.present': 'fail', 'key.format': 'skip', 'key.valid': 'skip', 'chat.probe': 'skip' }, CHAT_IDS);
    expect(server.requestsTo('rate-limits')).toHaveLength(0);
    expect(server.requestsTo('chat')).toHaveLength(0);
  });

  it('a missing ${VAR} in a header of the Venice block is named too', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, { block: { headers: { 'X-Venice-Org': '${VENICE_ORG_ID}' } } }));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'config.env-refs': 'warn' });
    expect(run.check('config.env-refs').message).toBe('${VENICE_ORG_ID} is not set anywhere: OpenClaw runs without it, and what uses it gets nothing.');
  });

  it.for<[string, Record<string, string>, string]>([
    ['the environment', { VENICE_ORG_ID: 'org-1' }, ''],
    ['<stateDir>/.env', {}, 'VENICE_ORG_ID=org-1\n'],
  ])('a ${VAR} set in %s resolves', async ([_name, env, dotenv], t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    if (dotenv) await writeDotenv(h, dotenv);
    await writeConfig(h, handConfig(server.baseUrl, { block: { headers: { 'X-Venice-Org': '${VENICE_ORG_ID}' } } }));
    const run = await verify(h, [], { baseUrl: server.baseUrl, env });
    expectStatuses(run, {});
    expect(run.check('config.env-refs').message).toBe('${VENICE_API_KEY}, ${VENICE_ORG_ID} resolved.');
  });
});

describe.concurrent('the key: where it is found, and what Venice says of it', () => {
  // The auth profile is readable (and checkable) where OpenClaw keeps it in a JSON file, through
  // 2026.6.1; later releases keep it in their database (test/e2e/openclaw-path.e2e.test.ts).
  const JSON_AUTH_RELEASE = ['--openclaw-version', '2026.6.1'];
  it.for<[string, string[], Record<string, string>, (h: TempHome) => string]>([
    ['the auth profile (onboard --key-storage auth-profile, OpenClaw 2026.6.1)', ['--key-storage', 'auth-profile', ...JSON_AUTH_RELEASE], {}, (h: TempHome) => `OpenClaw auth profile venice:default (${profilesPath(h)})`],
    ['the environment variable (onboard --key-storage none)', ['--key-storage', 'none'], { VENICE_API_KEY: TEST_API_KEY }, () => 'VENICE_API_KEY environment variable'],
    ['<stateDir>/.env (onboard --key-storage dotenv)', ['--key-storage', 'dotenv'], {}, (h: TempHome) => `.env file (${join(h.stateDir, '.env')})`],
    ['the config env block (onboard default)', [], {}, () => 'config env block'],
  ])('found in %s, and every check passes', async ([_name, storage, env, source], t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await onboard(h, server, storage);
    const pinned = storage.includes('--openclaw-version') ? JSON_AUTH_RELEASE : [];
    const run = await verify(h, ['--chat', ...pinned], { baseUrl: server.baseUrl, env });
    expectStatuses(run, {}, CHAT_IDS);
    expect(run.check('key.present').message).toBe(`${MASKED} from the ${source(h)}.`);
  });

  it('found as a literal apiKey in the config', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, { env: undefined, apiKey: TEST_API_KEY }));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, {});
    expect(run.check('key.present').message).toBe(`${MASKED} from the literal apiKey in the config.`);
    expect(run.check('config.env-refs').message).toBe('No ${VAR} references to resolve.');
  });

  // OpenClaw reads <stateDir>/.env with dotenv: a quoted value followed by a comment is the bare value.
  it('found in a .env line written by hand: export, quotes and a comment', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeDotenv(h, `# Venice\nexport VENICE_API_KEY="${TEST_API_KEY}" # inference key\n`);
    await writeConfig(h, handConfig(server.baseUrl, { env: undefined }));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, {});
    expect(run.check('key.present').message).toBe(`${MASKED} from the .env file (${join(h.stateDir, '.env')}).`);
    expect(server.requestsTo('rate-limits').map((r) => r.headers.authorization)).toEqual([`Bearer ${TEST_API_KEY}`, `Bearer ${TEST_API_KEY}`]);
  });

  // env.vars is part of the env block: config.env-refs counts it, so key.present must find the key there.
  it('found in env.vars of the config env block', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, { env: { vars: { VENICE_API_KEY: TEST_API_KEY } } }));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, {});
    expect(run.check('key.present').message).toMatch(/^vapi…qrst from the /);
  });

  // OpenClaw substitutes apiKey "${MY_VENICE_KEY}" and sends the result: that key is present.
  it('found through apiKey "${MY_VENICE_KEY}" set in the env block', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(server.baseUrl, { env: { MY_VENICE_KEY: TEST_API_KEY }, apiKey: '${MY_VENICE_KEY}' }));
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, {});
    expect(run.check('key.present').message).toMatch(/^vapi…qrst from the /);
  });

  // Five different keys, one per place: the first place present wins, its key is the one checked online.
  const PLACES = ['auth-profile', 'env-var', 'dotenv', 'config-env', 'config-literal'] as const;
  const placeKey = (i: number) => `vapi_precedence0123456789abcdef${'ABCDE'.charAt(i).repeat(4)}`;
  const LABELS = (h: TempHome): Record<(typeof PLACES)[number], string> => ({
    'auth-profile': `OpenClaw auth profile venice:default (${profilesPath(h)})`,
    'env-var': 'VENICE_API_KEY environment variable',
    dotenv: `.env file (${join(h.stateDir, '.env')})`,
    'config-env': 'config env block',
    'config-literal': 'literal apiKey in the config',
  });
  it.for(PLACES.map((place, i) => [place, i] as const))('precedence: with every place from %s down filled, it wins', async ([place, first], t) => {
    const keys = PLACES.map((_, i) => placeKey(i));
    const server = await serve(t, { validKeys: keys });
    const h = await makeTempHome({ context: t });
    const has = (p: (typeof PLACES)[number]) => PLACES.indexOf(p) >= first;
    if (has('auth-profile')) await writeAuthProfile(h, keys[0] as string);
    if (has('dotenv')) await writeDotenv(h, `OTHER=1\nVENICE_API_KEY=${keys[2]}\n`);
    await writeConfig(
      h,
      handConfig(server.baseUrl, {
        env: has('config-env') ? { vars: { VENICE_API_KEY: keys[3] } } : undefined,
        apiKey: keys[4],
      }),
    );
    const env = has('env-var') ? { VENICE_API_KEY: keys[1] as string } : {};
    // OpenClaw's order with the auth profile in its JSON file (through 2026.6.1).
    const run = await verify(h, ['--openclaw-version', '2026.6.1'], { baseUrl: server.baseUrl, env, secrets: keys });
    expectStatuses(run, {});
    const k = keys[first] as string;
    expect(run.check('key.present').message).toBe(`vapi…${k.slice(-4)} from the ${LABELS(h)[place]}.`);
    const checked = server.requestsTo('rate-limits').map((r) => r.headers.authorization);
    expect(checked).toEqual([`Bearer ${k}`, `Bearer ${k}`]);
  });

  it('no key anywhere: key.present fails, key.format and key.valid (and chat.probe) skip', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t, 'none');
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    // Key storage none names ${VENICE_API_KEY} on today's OpenClaw (core/openclaw-releases.ts): unset, it warns.
    expectStatuses(run, { 'config.env-refs': 'warn', 'key.present': 'fail', 'key.format': 'skip', 'key.valid': 'skip', 'chat.probe': 'skip' }, CHAT_IDS);
    expect(outcome(run.check('key.present'))).toEqual({
      status: 'fail',
      message: 'No Venice API key found (auth profile, VENICE_API_KEY, .env, config env block, apiKey).',
      hint: HINT.noKey,
    });
    expect(run.check('key.format').message).toBe('skipped: no key');
    expect(run.check('key.valid').message).toBe('skipped: key.format did not pass');
  });

  it("another provider's key: key.format fails, key.valid skips, nothing is sent to Venice with it", async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    const openaiKey = 'sk-proj-0123456789abcdefghijklmnopqrstuv';
    await writeConfig(h, handConfig(server.baseUrl, { env: { vars: { VENICE_API_KEY: openaiKey } } }));
    const run = await verify(h, [], { baseUrl: server.baseUrl, secrets: [openaiKey] });
    expectStatuses(run, { 'key.format': 'fail', 'key.valid': 'skip' });
    expect(outcome(run.check('key.format'))).toEqual({
      status: 'fail',
      message: 'This looks like a key for OpenAI (sk-proj-…), not a Venice key.',
      hint: 'Create a key at venice.ai → Settings → API Keys.',
    });
    expect(server.requestsTo('rate-limits')).toHaveLength(0);
  });

  it('a revoked key (401): key.valid fails, asked once per run, chat.probe skips', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    server.update({ keyOverrides: { [TEST_API_KEY]: { status: 401 } } });
    const before = server.requestsTo('rate-limits').length;
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'key.valid': 'fail', 'chat.probe': 'skip' }, CHAT_IDS);
    expect(outcome(run.check('key.valid'))).toEqual({
      status: 'fail',
      message: `Venice rejected the key ${MASKED} (HTTP 401): it is invalid or revoked.`,
      hint: 'Create a new key at venice.ai → Settings → API Keys, then run venice-onboard onboard.',
    });
    expect(run.check('chat.probe').message).toBe('skipped: key.valid did not pass');
    // Never retry a 401 (SPEC §3.2): one request for each of the two runs.
    expect(server.requestsTo('rate-limits').length - before).toBe(2);
    expect(server.requestsTo('chat')).toHaveLength(0);
  });

  it('accessPermitted: false: key.valid fails', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    server.update({ keyOverrides: { [TEST_API_KEY]: { accessPermitted: false } } });
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'key.valid': 'fail' });
    expect(outcome(run.check('key.valid'))).toEqual({
      status: 'fail',
      message: 'Venice knows this key but does not permit access with it (accessPermitted: false).',
      hint: 'Check the key and your balance at venice.ai → Settings → API Keys.',
    });
  });

  it('429 and 500 on the key check: key.valid warns, with different messages, exit 0', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    server.update({ keyOverrides: { [TEST_API_KEY]: { status: 429 } } });
    const limited = await verify(h, [], { baseUrl: server.baseUrl });
    server.update({ keyOverrides: { [TEST_API_KEY]: { status: 500 } } });
    const broken = await verify(h, [], { baseUrl: server.baseUrl });
    for (const run of [limited, broken]) {
      expectStatuses(run, { 'key.valid': 'warn' });
      expect(run.json.code).toBe(0);
      expect(run.report.ok).toBe(true);
    }
    expect(outcome(limited.check('key.valid'))).toEqual({
      status: 'warn',
      message: 'Venice is rate-limiting this key right now (HTTP 429); it could not be checked.',
      hint: HINT.retry,
    });
    expect(outcome(broken.check('key.valid'))).toEqual({
      status: 'warn',
      message: 'The key could not be checked online (HTTP 500: Inference processing failed, please try again).',
      hint: HINT.retry,
    });
    expect(limited.human.stdout).toContain(`! key.valid            ${limited.check('key.valid').message}\n`);
  });

  it.for([['string' as const], ['object' as const]])('a key check error that echoes the Authorization header (%s body) shows the key masked', async ([shape], t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    server.setFault('rate-limits', { kind: 'echo-auth', status: 500, shape });
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'key.valid': 'warn' });
    expect(run.check('key.valid').message).toBe(`The key could not be checked online (HTTP 500: Authentication failed for Bearer ${MASKED}).`);
  });

  it('a 401 that echoes the Authorization header: key.valid fails, key masked', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    server.setFault('rate-limits', { kind: 'echo-auth' });
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'key.valid': 'fail' });
  });

  it('the model list echoing the Authorization header: api.reachable fails with the key masked, the rest skips', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    server.setFault('models', { kind: 'echo-auth', status: 403, shape: 'object' });
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'api.reachable': 'fail', 'key.valid': 'skip', 'model.available': 'skip', 'model.limits': 'skip' });
    expect(outcome(run.check('api.reachable'))).toEqual({
      status: 'fail',
      message: `Cannot list models at ${server.baseUrl}: HTTP 403: Authentication failed for Bearer ${MASKED}.`,
      hint: HINT.unreachable,
    });
  });

  it('the chat echoing the Authorization header: chat.probe fails with the key masked', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    server.setFault('chat', { kind: 'echo-auth', status: 500 });
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'chat.probe': 'fail' }, CHAT_IDS);
    expect(outcome(run.check('chat.probe'))).toEqual({
      status: 'fail',
      message: `The chat request failed: HTTP 500: Authentication failed for Bearer ${MASKED}.`,
      hint: 'Run venice-onboard verify --chat again; if it persists, try another model with --model.',
    });
  });
});

describe.concurrent('the network', () => {
  it('an unreachable server with --timeout 1500: api.reachable fails, the network checks after it skip (the built binary)', async (t) => {
    await serve(t); // a live server elsewhere: only the dead base URL is asked
    const h = await onboardedHome(t);
    const dead = await deadBaseUrl();
    const port = new URL(dead).port;
    const run = await verify(h, ['--timeout', '1500', '--chat'], { baseUrl: dead, binary: true });
    expectStatuses(run, { 'api.reachable': 'fail', 'key.valid': 'skip', 'model.available': 'skip', 'model.limits': 'skip', 'chat.probe': 'skip' }, CHAT_IDS);
    expect(outcome(run.check('api.reachable'))).toEqual({
      status: 'fail',
      message: `Cannot list models at ${dead}: cannot connect to 127.0.0.1:${port} (ECONNREFUSED).`,
      hint: HINT.unreachable,
    });
    expect(run.check('key.valid').message).toBe('skipped: api.reachable did not pass');
    expect(run.check('model.available').message).toBe('skipped: api.reachable did not pass');
    expect(run.check('model.limits').message).toBe('skipped: model.available did not pass');
    // Ended by itself, not by runCli's kill (15 s): a refused connection fails at once.
    expect([run.human.timedOut, run.json.timedOut]).toEqual([false, false]);
  });

  it('a server that never answers, with --timeout 500: api.reachable fails by the timeout', async (t) => {
    // Nothing but the timeout can end this run: the client's deadline, to the millisecond, is
    // test/net/http.test.ts; here, the budget the user gave is the one the message names.
    const server = await serve(t);
    const h = await onboardedHome(t);
    server.setFault('*', { kind: 'hang' });
    const run = await verify(h, ['--timeout', '500'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'api.reachable': 'fail', 'key.valid': 'skip', 'model.available': 'skip', 'model.limits': 'skip' });
    expect(run.check('api.reachable').message).toBe(`Cannot list models at ${server.baseUrl}: no answer within 500 ms.`);
  });

  it('--offline skips every network check (chat.probe too) and sends nothing', async (t) => {
    const server = await serve(t);
    const h = await onboardedHome(t);
    const before = server.requests.length;
    const run = await verify(h, ['--offline', '--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'api.reachable': 'skip', 'key.valid': 'skip', 'model.available': 'skip', 'model.limits': 'skip', 'chat.probe': 'skip' }, CHAT_IDS);
    for (const id of [...NETWORK_IDS, 'chat.probe'] as const) expect(run.check(id).message, id).toBe('skipped: --offline');
    expect(run.json.code).toBe(0);
    expect(server.requests.length).toBe(before);
  });
});

describe.concurrent('the model', () => {
  async function modelSetup(t: TestHooks, o: HandConfig, server?: VeniceServer): Promise<{ server: VeniceServer; h: TempHome }> {
    const s = server ?? (await serve(t, { models: ROWS }));
    const h = await makeTempHome({ context: t });
    await writeConfig(h, handConfig(s.baseUrl, o));
    return { server: s, h };
  }

  it('renamed (config claude-opus-45, live claude-opus-4-5): model.available fails naming the replacement', async (t) => {
    const server = await serve(t);
    const { h } = await modelSetup(t, { primary: 'venice/claude-opus-45', entries: [entry('claude-opus-45')] }, server);
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'model.available': 'fail', 'model.limits': 'skip' });
    expect(outcome(run.check('model.available'))).toEqual({
      status: 'fail',
      message: 'venice/claude-opus-45 was renamed to venice/claude-opus-4-5.',
      hint: 'Run venice-onboard models set venice/claude-opus-4-5.',
    });
    expect(run.check('model.limits').message).toBe('skipped: model.available did not pass');
    expect(server.requestsTo('compatibility-mapping').length).toBeGreaterThan(0);
  });

  it('offline at Venice: model.available fails, chat.probe skips', async (t) => {
    const { server, h } = await modelSetup(t, { primary: 'venice/sleepy-model', entries: [entry('sleepy-model')] });
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'model.available': 'fail', 'model.limits': 'skip', 'chat.probe': 'skip' }, CHAT_IDS);
    expect(outcome(run.check('model.available'))).toEqual({ status: 'fail', message: 'venice/sleepy-model is offline at Venice right now.', hint: HINT.pickModel });
    expect(server.requestsTo('chat')).toHaveLength(0);
  });

  it('deprecated: model.available warns, exit 0', async (t) => {
    const { server, h } = await modelSetup(t, { primary: 'venice/old-model', entries: [entry('old-model')] });
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'model.available': 'warn' });
    expect(outcome(run.check('model.available'))).toEqual({
      status: 'warn',
      message: 'venice/old-model is deprecated (2026-03-01).',
      hint: 'Pick a newer model: venice-onboard models list, then venice-onboard models set <model>.',
    });
    expect(run.json.code).toBe(0);
  });

  it('maxTokens 8192 written by hand, live maxCompletionTokens 4096: model.limits fails with the refresh hint', async (t) => {
    const { server, h } = await modelSetup(t, { entries: [entry('llama-3.3-70b', { maxTokens: 8192 })] });
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'model.limits': 'fail' });
    expect(outcome(run.check('model.limits'))).toEqual({
      status: 'fail',
      message: 'llama-3.3-70b: maxTokens 8192 > 4096 (Venice answers HTTP 400 above its limits).',
      hint: HINT.refresh,
    });
  });

  it('contextWindow above the live context: model.limits fails', async (t) => {
    const { server, h } = await modelSetup(t, { entries: [entry('llama-3.3-70b', { contextWindow: 262144 })] });
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'model.limits': 'fail' });
    expect(outcome(run.check('model.limits'))).toEqual({
      status: 'fail',
      message: 'llama-3.3-70b: contextWindow 262144 > 128000 (Venice answers HTTP 400 above its limits).',
      hint: HINT.refresh,
    });
  });

  it('at the live limits exactly: model.limits passes and shows them', async (t) => {
    const { server, h } = await modelSetup(t, {});
    const run = await verify(h, [], { baseUrl: server.baseUrl });
    expectStatuses(run, {});
    expect(run.check('model.limits').message).toBe('llama-3.3-70b is within the live limits (max output 4096, context 128000).');
  });

  it('following the model.limits hint (a plain onboard re-run) makes it pass', async (t) => {
    const server = await serve(t, { models: ROWS });
    const h = await makeTempHome({ context: t });
    await onboard(h, server);
    const text = await readFile(h.configPath, 'utf8');
    const edited = text.replace(/("id": "llama-3\.3-70b",[\s\S]*?"maxTokens": )4096/, '$18192');
    expect(edited).not.toBe(text);
    await writeConfig(h, edited);
    expectStatuses(await verify(h, [], { baseUrl: server.baseUrl }), { 'model.limits': 'fail' });
    await onboard(h, server);
    expectStatuses(await verify(h, [], { baseUrl: server.baseUrl }), {});
  });

  it('--model <id> checks that model instead of the default', async (t) => {
    const { server, h } = await modelSetup(t, { entries: [entry('llama-3.3-70b'), entry('qwen3-4b', { contextWindow: 65536 })] });
    const run = await verify(h, ['--model', 'venice/qwen3-4b', '--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'model.limits': 'fail' }, CHAT_IDS);
    expect(run.check('config.default-model').message).toBe("venice/qwen3-4b (from --model) is in the provider's models.");
    expect(run.check('model.available').message).toBe('venice/qwen3-4b is in the live catalog.');
    expect(run.check('model.limits').message).toBe('qwen3-4b: contextWindow 65536 > 32768 (Venice answers HTTP 400 above its limits).');
    expect(run.check('chat.probe').message).toMatch(/^venice\/qwen3-4b replied "/);
    expect(server.requestsTo('chat').map((r) => (JSON.parse(r.body) as { model: string }).model)).toEqual(['qwen3-4b', 'qwen3-4b']);
    // Without --model, the default (within its limits) passes.
    expectStatuses(await verify(h, [], { baseUrl: server.baseUrl }), {});
  });

  it('--model with a model the provider does not list: config.default-model fails, model.limits skips', async (t) => {
    const { server, h } = await modelSetup(t, {});
    const run = await verify(h, ['--model', 'qwen3-4b'], { baseUrl: server.baseUrl });
    expect(outcome(run.check('config.default-model'))).toEqual({
      status: 'fail',
      message: "venice/qwen3-4b (from --model) is not in the provider's models.",
      hint: 'Run venice-onboard models set venice/qwen3-4b to add it.',
    });
    expectStatuses(run, { 'config.default-model': 'fail', 'model.limits': 'skip' });
  });
});

describe.concurrent('chat.probe failures', () => {
  it('402: chat.probe fails mentioning the balance', async (t) => {
    const server = await serve(t, { chat: { error: { status: 402 } } });
    const h = await onboardedHome(t);
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'chat.probe': 'fail' }, CHAT_IDS);
    const c = run.check('chat.probe');
    expect(c.message).toMatch(/^HTTP 402: no balance left for venice\/llama-3\.3-70b\. /);
    expect(c.message).toContain('balance');
    expect(c.hint).toBe('Add credits or DIEM at venice.ai → Settings → Billing.');
    expect(server.requestsTo('chat')).toHaveLength(2);
  });

  it('400: chat.probe fails mentioning the limits', async (t) => {
    const server = await serve(t, { chat: { error: { status: 400 } } });
    const h = await onboardedHome(t);
    const run = await verify(h, ['--chat'], { baseUrl: server.baseUrl });
    expectStatuses(run, { 'chat.probe': 'fail' }, CHAT_IDS);
    expect(outcome(run.check('chat.probe'))).toEqual({
      status: 'fail',
      message: 'HTTP 400: Venice refused the request for venice/llama-3.3-70b (HTTP 400: Invalid request parameters), usually a maxTokens or context limit.',
      hint: HINT.refresh,
    });
  });
});
