import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { applyPatch } from 'diff';
import json5 from 'json5';
import { describe, expect, it, vi } from 'vitest';
import { snapshotRow } from '../support/fixtures.js';
import { BIN_PATH, isolatedEnv, parseJsonOutput, ROOT_DIR, runCli, type CliResult } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';
import { SPEC_STATIC_MODELS } from '../support/spec-catalog.js';
import { makeReadOnly, makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import { deadBaseUrl, startVeniceServer, TEST_API_KEY, type VeniceServer, type VeniceServerOptions } from '../support/venice-server.js';

/**
 * `onboard --non-interactive` against a local Venice-like server (SPEC §1.1, §3, §5, §6): the
 * command run in this process through the CLI's own parsing and dispatch with a fake context
 * (test/support/run-in-process.ts), and the built binary where `binary: true` says so, and in the
 * stdin tests, which are about the process itself. Every test owns its server and home (closed and
 * removed through its own context), so the blocks run concurrently.
 */

const FIXTURES = new URL('../fixtures/onboard/', import.meta.url);
// Set to regenerate the expected files; then read every diff by hand before keeping them.
const UPDATE = process.env.UPDATE_ONBOARD_GOLDEN === '1';
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const TEMPLATE = readFileSync(join(ROOT_DIR, 'templates', 'openclaw.json5'), 'utf8');

const KEY_LINE = `${TEST_API_KEY}\n`;
const MASKED = 'vapi…qrst';
/** Valid format, unknown to the server: 401. */
const REJECTED_KEY = 'vapi_ZYXWVUTSRQPONMLKJIHGFEDCBA987654';
/** A Venice key stored by an earlier setup. */
const OLD_KEY = 'vapi_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const ANTHROPIC_KEY = 'sk-ant-api03-Zq3v8Jm1Rk5Tn2Wb7Yc4Hd9Lp6Fs0Ge3';
/** Never printed whole, in any test (SPEC §2). */
const SECRETS = [TEST_API_KEY, REJECTED_KEY, OLD_KEY, ANTHROPIC_KEY];

type Row = Record<string, unknown>;
const withSpec = (row: Row, spec: Record<string, unknown>): Row => ({ ...row, model_spec: { ...(row.model_spec as Row), ...spec } });
const textRow = (id: string, spec: Record<string, unknown>): Row => ({ id, type: 'text', object: 'model', owned_by: 'venice.ai', model_spec: spec });

/** The live list: limits differ from the built-in catalog on purpose, so the file shows which was used. */
const LIVE_ROWS: Row[] = [
  withSpec(snapshotRow('llama-3.3-70b'), { maxCompletionTokens: 4096 }),
  textRow('qwen3-4b', {
    name: 'Venice Small',
    privacy: 'private',
    availableContextTokens: 32768,
    maxCompletionTokens: 2048,
    capabilities: { supportsReasoning: true, supportsFunctionCalling: true, supportsVision: false },
  }),
  withSpec(snapshotRow('claude-opus-4-5'), { maxCompletionTokens: 32000 }),
  // A completion limit above the context: bounded by the context.
  textRow('tiny-context', { name: 'Tiny Context', privacy: 'private', availableContextTokens: 8192, maxCompletionTokens: 16384 }),
  { id: 'venice-sd35', type: 'image', model_spec: { name: 'SD 3.5' } },
];
const LIVE_IDS = ['llama-3.3-70b', 'qwen3-4b', 'claude-opus-4-5', 'tiny-context'];
const LIVE_MAX: Record<string, number> = { 'llama-3.3-70b': 4096, 'qwen3-4b': 2048, 'claude-opus-4-5': 32000, 'tiny-context': 16384 };

interface Env {
  server: VeniceServer;
  h: TempHome;
  run(args: string[], options?: RunOptions): Promise<CliResult>;
}
interface RunOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  /** Run the built binary (the end-to-end layer) instead of the command in this process. */
  binary?: boolean;
}

async function setup(t: TestHooks, options: VeniceServerOptions = {}): Promise<Env> {
  const server = await startVeniceServer({ models: LIVE_ROWS, ...options });
  t.onTestFinished(() => server.close());
  const h = await makeTempHome({ context: t });
  return { server, h, run: (args, o) => onboard(h, server.baseUrl, args, o) };
}

/** `venice-onboard onboard --non-interactive --base-url <url> ...args`; no output may hold a whole key. */
async function onboard(h: TempHome, baseUrl: string, args: string[], o: RunOptions = {}): Promise<CliResult> {
  const argv = ['onboard', '--non-interactive', '--base-url', baseUrl, ...args];
  const r = o.binary === true ? await runCli(argv, { home: h.home, env: o.env, stdin: o.stdin }) : await runInProcess(argv, { home: h, env: o.env ?? {}, ...(o.stdin === undefined ? {} : { stdin: o.stdin }) });
  expect(r.timedOut, `timed out; stderr: ${r.stderr}`).toBe(false);
  for (const secret of SECRETS) {
    expect(r.stdout, 'a whole key on stdout').not.toContain(secret);
    expect(r.stderr, 'a whole key on stderr').not.toContain(secret);
  }
  return r;
}
const withKey = ['--venice-api-key-stdin'];

/**
 * Onboarding with the key line written 0.3 s late into a pipe on stdin, by a Python parent that can
 * leave the pipe non-blocking. `writerKeepsOpen`: the writer closes the pipe only once the run has
 * ended, and gives up (exit 99) if the run waits for that end. Rejects when the run fails.
 */
async function onboardWithKeyFromPipe(h: TempHome, server: VeniceServer, o: { nonBlocking: boolean; writerKeepsOpen: boolean }): Promise<void> {
  const script = [
    'import fcntl, os, subprocess, sys, time',
    'r, w = os.pipe()',
    ...(o.nonBlocking ? ['fcntl.fcntl(r, fcntl.F_SETFL, fcntl.fcntl(r, fcntl.F_GETFL) | os.O_NONBLOCK)'] : []),
    'p = subprocess.Popen(sys.argv[1:], stdin=r, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)',
    'os.close(r)',
    'time.sleep(0.3)',
    `os.write(w, b'${TEST_API_KEY}\\n')`,
    ...(o.writerKeepsOpen
      ? ['try:', '    code = p.wait(timeout=10)', 'except subprocess.TimeoutExpired:', '    p.kill()', '    code = 99', 'os.close(w)']
      : ['os.close(w)', 'code = p.wait()']),
    'sys.exit(code)',
  ].join('\n');
  const args = [BIN_PATH, 'onboard', '--non-interactive', '--base-url', server.baseUrl, ...withKey];
  // Asynchronously: the server answering the run lives in this process.
  await promisify(execFile)('python3', ['-c', script, process.execPath, ...args], { env: isolatedEnv(h.home) });
}

/** Every file under dir: mode, mtime and content, so that "nothing written" also catches a same-bytes rewrite. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const full = join(dir, path);
      const info = await lstat(full);
      if (info.isSymbolicLink()) out[path] = `-> ${await readlink(full)}`;
      else if (info.isDirectory()) {
        out[`${path}/`] = (info.mode & 0o777).toString(8);
        await walk(path);
      } else out[path] = `${(info.mode & 0o777).toString(8)} ${info.mtimeMs} ${await readFile(full, 'utf8')}`;
    }
  };
  await walk('');
  return out;
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const readJson5 = async (path: string) => json5.parse<Config>(await readFile(path, 'utf8'));
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Compares with the expected file (the base URL of this run's server replaced by a placeholder). */
function expectGolden(actual: string, name: string, baseUrl: string): void {
  const normalized = actual.split(baseUrl).join('{{BASE_URL}}');
  if (UPDATE) writeFileSync(new URL(name, FIXTURES), normalized);
  expect(normalized).toBe(fixture(name));
}
const golden = (name: string, baseUrl: string) => fixture(name).split('{{BASE_URL}}').join(baseUrl);


const HANDWRITTEN = fixture('handwritten.input.json5');
/** A setup done before, with the key in env.vars and an empty auth block the user wrote. */
const withStoredKeyText = (baseUrl: string) => `// mine
{
  env: {
    vars: { VENICE_API_KEY: "${TEST_API_KEY}" },
  },
  auth: { profiles: {} }, // for later
  agents: { defaults: { model: { primary: "venice/llama-3.3-70b" } } },
  models: {
    mode: "merge",
    providers: {
      venice: {
        baseUrl: "${baseUrl}",
        apiKey: "\${VENICE_API_KEY}",
        api: "openai-completions",
        models: [{ id: "llama-3.3-70b", name: "Llama 3.3 70B", reasoning: false, input: ["text"], contextWindow: 128000, maxTokens: 4096 }],
      },
    },
  },
}
`;

describe.concurrent('where the key comes from', () => {
  it('--venice-api-key-stdin: checked online with the key in the Authorization header only, then stored', async (t) => {
    const { server, h, run } = await setup(t);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`✓ Key ${MASKED} is valid (tier paid, $12.50, 3 DIEM).\n`);
    expect(r.stderr).not.toContain('command line');
    const checks = server.requestsTo('rate-limits');
    expect(checks).toHaveLength(1);
    expect(checks[0]?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    for (const req of server.requests) expect(req.url).not.toContain(TEST_API_KEY);
    expect((await readJson5(h.configPath)).env).toEqual({ vars: { VENICE_API_KEY: TEST_API_KEY } });
  });

  it('--venice-api-key: works, with a warning about shell history and the process list', async (t) => {
    const { h, run } = await setup(t);
    const r = await run(['--venice-api-key', TEST_API_KEY]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `! The key ${MASKED} was given on the command line, where shell history and the process list can see it. Prefer --venice-api-key-stdin.\n`,
    );
    expect((await readJson5(h.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('VENICE_API_KEY from the environment', async (t) => {
    const { server, h, run } = await setup(t);
    const r = await run([], { env: { VENICE_API_KEY: TEST_API_KEY } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('command line');
    expect(server.requestsTo('rate-limits')).toHaveLength(1);
    expect((await readJson5(h.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('stdin pasted as `export VENICE_API_KEY="…"` with CRLF: the normalised key is stored (first line only)', async (t) => {
    const { h, run } = await setup(t);
    const r = await run(withKey, { stdin: `  export VENICE_API_KEY="${TEST_API_KEY}"\r\nsecond line\n` });
    expect(r.code, r.stderr).toBe(0);
    expect((await readJson5(h.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('stdin left non-blocking by the parent, the key arriving late: read all the same', async (t) => {
    // fd 0 is read directly; a non-blocking one answers EAGAIN until data comes, and is then read as a stream.
    const { h, server } = await setup(t);
    await onboardWithKeyFromPipe(h, server, { nonBlocking: true, writerKeepsOpen: false });
    expect(server.requestsTo('rate-limits')).toHaveLength(1);
    expect((await readJson5(h.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it.for([
    ['blocking', false],
    ['left non-blocking by the parent', true],
  ] as const)('stdin (%s) its writer keeps open after the key line: the first line is the key, the run does not wait for the end', async ([, nonBlocking], t) => {
    const { h, server } = await setup(t);
    await onboardWithKeyFromPipe(h, server, { nonBlocking, writerKeepsOpen: true });
    expect(server.requestsTo('rate-limits')).toHaveLength(1);
    expect((await readJson5(h.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('--venice-api-key-stdin with stdin closed (Node reopens it on /dev/null): the empty-key error, exit 2', async (t) => {
    const { h, server } = await setup(t);
    const args = [BIN_PATH, 'onboard', '--non-interactive', '--base-url', server.baseUrl, ...withKey].map((a) => `'${a}'`).join(' ');
    const error = (await promisify(execFile)('sh', ['-c', `exec '${process.execPath}' ${args} <&-`], { env: isolatedEnv(h.home) }).catch(
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(error.code).toBe(2);
    expect(error.stderr).toContain('✗ The API key is empty. (from stdin)\n');
  });

  it('no key and no TTY (not even --non-interactive): exit 2 naming --venice-api-key-stdin, at once, even while the list hangs', async (t) => {
    const server = await startVeniceServer({ models: LIVE_ROWS });
    t.onTestFinished(() => server.close());
    server.setFault('models', { kind: 'hang' });
    const h = await makeTempHome({ context: t });
    // The list never answers and --timeout is the longest there is (10 min): a run that waited for
    // the list would meet runCli's kill after 15 s (timedOut). Ending by itself means not waiting.
    const r = await runCli(['onboard', '--base-url', server.baseUrl, '--timeout', '600000'], { home: h.home });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--venice-api-key-stdin');
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('CI set and no key: exit 2 too', async (t) => {
    const { server, h } = await setup(t);
    const r = await runCli(['onboard', '--base-url', server.baseUrl], { home: h.home, env: { CI: 'true' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--venice-api-key-stdin');
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('--venice-api-key together with --venice-api-key-stdin: exit 2', async (t) => {
    const { h, run } = await setup(t);
    const r = await run(['--venice-api-key', TEST_API_KEY, '--venice-api-key-stdin'], { stdin: KEY_LINE });
    expect(r.code).toBe(2);
    expect(await tree(h.stateDir)).toEqual({});
  });
});

describe.concurrent('the key is checked before anything is written (SPEC §3.1, §3.2)', () => {
  it.for([
    ['another provider key', ANTHROPIC_KEY],
    ['an OpenAI project key', 'sk-proj-4f8Kq2Lm9Xw1Vb7Nc3Zr6Ty0'],
    ['a placeholder', 'vapi_xxxxxxxxxxxx'],
    ['a placeholder with dots', 'vapi_...'],
    ['a short string', 'vapi_abc123'],
    ['a key with a space inside', 'vapi_0123456789 abcdefghijklmnopqrst'],
  ])('%s: exit 2 before any request to rate_limits, nothing written', async ([, key], t) => {
    const { server, h, run } = await setup(t);
    const r = await run(withKey, { stdin: `${key}\n` });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^✗ .*\(from stdin\)\n {2}Hint: /m);
    expect(server.requestsTo('rate-limits')).toEqual([]);
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('the format check applies to VENICE_API_KEY as well, and names it', async (t) => {
    const { server, h, run } = await setup(t);
    const r = await run([], { env: { VENICE_API_KEY: ANTHROPIC_KEY } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(from VENICE_API_KEY)');
    expect(r.stderr).toContain('Anthropic');
    expect(server.requestsTo('rate-limits')).toEqual([]);
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('401 from rate_limits: exit 1, asked once (never retried), the masked key named, nothing written', async (t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN);
    const before = await tree(h.stateDir);
    const r = await run(withKey, { stdin: `${REJECTED_KEY}\n`, binary: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ Venice rejected the key vapi…7654 (HTTP 401): it is invalid or revoked.\n');
    expect(server.requestsTo('rate-limits')).toHaveLength(1);
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('accessPermitted false: exit 1, nothing written', async (t) => {
    const { h, run } = await setup(t, { keyOverrides: { [TEST_API_KEY]: { accessPermitted: false } } });
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('accessPermitted: false');
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('429 from rate_limits: a warning, and the config is written', async (t) => {
    const { h, run } = await setup(t, { keyOverrides: { [TEST_API_KEY]: { status: 429 } } });
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('! Venice is rate-limiting this key right now (HTTP 429); it could not be checked. Continuing.\n');
    expect((await readJson5(h.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('a server that echoes the Authorization header in its 401: the key is still masked', async (t) => {
    const { server, h, run } = await setup(t);
    server.setFault('rate-limits', { kind: 'echo-auth', shape: 'object' });
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(MASKED);
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('Venice unreachable (dead server, --timeout 1500): warnings, the config written from the built-in list, exit 0', async (t) => {
    const h = await makeTempHome({ context: t });
    const dead = await deadBaseUrl();
    const r = await onboard(h, dead, [...withKey, '--timeout', '1500'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    const reason = `cannot connect to ${new URL(dead).host} (ECONNREFUSED)`;
    expect(r.stderr).toContain(`\n! The key could not be checked online (${reason}). Continuing.\n`);
    expect(r.stderr).toContain(`\n! Could not get the live model list (${reason}); using the built-in list, which may be out of date.\n`);
    const config = await readJson5(h.configPath);
    const venice = config.models.providers.venice;
    expect(venice.baseUrl).toBe(dead);
    expect(venice.models.map((m: { id: string }) => m.id)).toEqual(SPEC_STATIC_MODELS.map((m) => m.id));
    expect(venice.models[0]).toEqual({
      id: 'llama-3.3-70b',
      name: 'Llama 3.3 70B',
      reasoning: false,
      input: ['text'],
      contextWindow: 131072,
      maxTokens: 4096,
    });
  });

  it('--skip-key-check: no request to rate_limits at all', async (t) => {
    const { server, h, run } = await setup(t);
    const r = await run([...withKey, '--skip-key-check'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(server.requestsTo('rate-limits')).toEqual([]);
    expect(r.stderr).not.toContain('is valid');
    expect((await readJson5(h.configPath)).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
  });

  it('--auth-choice venice-api-key and --accept-risk are accepted', async (t) => {
    const { run } = await setup(t);
    const r = await run([...withKey, '--auth-choice', 'venice-api-key', '--accept-risk'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
  });

  it('--auth-choice with any other value: exit 2, nothing written', async (t) => {
    const { server, h, run } = await setup(t);
    const r = await run([...withKey, '--auth-choice', 'oauth'], { stdin: KEY_LINE });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('venice-api-key');
    expect(server.requestsTo('rate-limits')).toEqual([]);
    expect(await tree(h.stateDir)).toEqual({});
  });
});

describe.concurrent('a new config', () => {
  it('starts from the template: comments kept, 0600 in a new 0700 dir, default llama-3.3-70b, live limits', async (t) => {
    const { server, h, run } = await setup(t);
    const configPath = join(h.home, 'fresh-state', 'openclaw.json');
    const r = await run([...withKey, '--config', configPath], { stdin: KEY_LINE, binary: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`✓ Wrote ${configPath}\n`);
    expect(r.stderr).toContain('  Default model: venice/llama-3.3-70b\n');
    expect(r.stderr).toContain('  Key storage:   config (config env block)\n');

    const text = await readFile(configPath, 'utf8');
    expectGolden(text, 'new-config.expected.json5', server.baseUrl);
    for (const line of TEMPLATE.split('\n').filter((l) => l.trim().startsWith('//'))) expect(text).toContain(`${line}\n`);
    expect(await mode(configPath)).toBe(0o600);
    expect(await mode(dirname(configPath))).toBe(0o700);
    expect(await readdir(dirname(configPath))).toEqual(['openclaw.json']);

    const config = json5.parse<Config>(text);
    expect(config.agents.defaults.model).toEqual({ primary: 'venice/llama-3.3-70b' });
    expect(config.models.mode).toBe('merge');
    const venice = config.models.providers.venice;
    expect(Object.keys(venice)).toEqual(['baseUrl', 'apiKey', 'api', 'models']);
    expect(venice.baseUrl).toBe(server.baseUrl);
    expect(venice.apiKey).toBe('${VENICE_API_KEY}');
    expect(venice.api).toBe('openai-completions');
    const models = venice.models as Array<{ id: string; maxTokens: number; contextWindow: number }>;
    expect(models.map((m) => m.id)).toEqual(LIVE_IDS);
    expect(models.find((m) => m.id === 'llama-3.3-70b')?.maxTokens).toBe(4096);
    expect(models.find((m) => m.id === 'qwen3-4b')?.maxTokens).toBe(2048);
    expect(models.find((m) => m.id === 'tiny-context')).toMatchObject({ contextWindow: 8192, maxTokens: 8192 });
    for (const m of models) {
      expect(m.maxTokens, m.id).toBeLessThanOrEqual(LIVE_MAX[m.id] as number);
      expect(m.maxTokens, m.id).toBeLessThanOrEqual(m.contextWindow);
    }
  });

  it('--models default: only the chosen model in the provider block', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--models', 'default', '--model', 'qwen3-4b'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    const config = await readJson5(h.configPath);
    expect(config.agents.defaults.model).toEqual({ primary: 'venice/qwen3-4b' });
    expect(config.models.providers.venice.models).toEqual([
      {
        id: 'qwen3-4b',
        name: 'Venice Small',
        reasoning: true,
        input: ['text'],
        contextWindow: 32768,
        maxTokens: 2048,
      },
    ]);
  });

  it('OPENCLAW_STATE_DIR picks the file; the key never reaches the real home', async (t) => {
    const { h, run } = await setup(t);
    const stateDir = join(h.home, 'elsewhere');
    const r = await run(withKey, { stdin: KEY_LINE, env: { OPENCLAW_STATE_DIR: stateDir } });
    expect(r.code, r.stderr).toBe(0);
    expect((await readJson5(join(stateDir, 'openclaw.json'))).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
    expect(await tree(h.stateDir)).toEqual({});
  });
});

describe.concurrent('an existing hand-written config', () => {
  it('only the Venice paths change: byte for byte as expected, .bak holds the original (0600)', async (t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN, { mode: 0o644 });
    await chmod(h.configPath, 0o644);
    const r = await run(withKey, { stdin: KEY_LINE, binary: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`✓ Wrote ${h.configPath} (backup: ${h.configPath}.bak)\n`);

    const text = await readFile(h.configPath, 'utf8');
    expectGolden(text, 'handwritten.expected.json5', server.baseUrl);
    expect(await mode(h.configPath)).toBe(0o600);
    expect(await readFile(`${h.configPath}.bak`, 'utf8')).toBe(HANDWRITTEN);
    expect(await mode(`${h.configPath}.bak`)).toBe(0o600);
    expect((await readdir(h.stateDir)).sort()).toEqual(['openclaw.json', 'openclaw.json.bak']);

    // Structurally too: remove what onboarding owns, and the rest is the user's file unchanged.
    const after = json5.parse<Config>(text);
    const before = json5.parse<Config>(HANDWRITTEN);
    expect(after.agents.defaults.model).toEqual({ primary: 'venice/llama-3.3-70b', fallbacks: before.agents.defaults.model.fallbacks });
    expect(after.agents.defaults.models['venice/llama-3.3-70b']).toEqual({ alias: 'Llama 3.3 70B' });
    expect(after.env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
    delete after.env.vars;
    delete after.agents.defaults.models['venice/llama-3.3-70b'];
    after.agents.defaults.model.primary = before.agents.defaults.model.primary;
    delete after.models.mode;
    delete after.models.providers.venice;
    expect(after).toEqual(before);
  });

  it('a second identical run changes nothing: same bytes, same mtime, no new backup', { timeout: 40_000 }, async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN);
    expect((await run(withKey, { stdin: KEY_LINE })).code).toBe(0);
    const before = await tree(h.stateDir);
    await new Promise((r) => setTimeout(r, 20)); // a rewrite would show in the mtime
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`✓ ${h.configPath} already has this setup: nothing to write.\n`);
    expect(r.stderr).not.toContain('Wrote');
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('a second run on a config made from the template changes nothing either', { timeout: 40_000 }, async (t) => {
    const { h, run } = await setup(t);
    expect((await run([...withKey, '--model', 'claude-opus-4-5'], { stdin: KEY_LINE })).code).toBe(0);
    const before = await tree(h.stateDir);
    // Without --model, the configured default is kept.
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('nothing to write');
    expect(r.stderr).toContain('Default model: venice/claude-opus-4-5');
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('.bak ring over 6 runs with different models: .bak … .bak.4, newest first, never more', { timeout: 60_000 }, async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN);
    const versions = [HANDWRITTEN];
    for (const model of ['llama-3.3-70b', 'qwen3-4b', 'claude-opus-4-5', 'tiny-context', 'llama-3.3-70b', 'qwen3-4b']) {
      const r = await run([...withKey, '--model', model, '--skip-key-check'], { stdin: KEY_LINE });
      expect(r.code, r.stderr).toBe(0);
      const text = await readFile(h.configPath, 'utf8');
      expect(json5.parse<Config>(text).agents.defaults.model.primary).toBe(`venice/${model}`);
      versions.push(text);
    }
    expect((await readdir(h.stateDir)).sort()).toEqual([
      'openclaw.json',
      'openclaw.json.bak',
      'openclaw.json.bak.1',
      'openclaw.json.bak.2',
      'openclaw.json.bak.3',
      'openclaw.json.bak.4',
    ]);
    const backups = ['.bak', '.bak.1', '.bak.2', '.bak.3', '.bak.4'];
    const contents = await Promise.all(backups.map((b) => readFile(`${h.configPath}${b}`, 'utf8')));
    expect(contents).toEqual([versions[5], versions[4], versions[3], versions[2], versions[1]]);
    for (const b of backups) expect(await mode(`${h.configPath}${b}`)).toBe(0o600);
  });

  it('an existing Venice block: user entries and keys kept as written (a maxTokens above the live limit lowered), missing catalog ids appended, mode kept', async (t) => {
    const { server, h, run } = await setup(t);
    const input = golden('existing-venice.input.json5', server.baseUrl);
    await writeFile(h.configPath, input);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("  Lowered to Venice's live limits: venice/llama-3.3-70b maxTokens 99999 → 4096.\n");
    const text = await readFile(h.configPath, 'utf8');
    expectGolden(text, 'existing-venice.expected.json5', server.baseUrl);
    const venice = json5.parse<Config>(text).models.providers.venice;
    const original = json5.parse<Config>(input).models.providers.venice;
    expect(venice.headers).toEqual({ 'X-Team': 'research' });
    // The user's llama row keeps its name and its smaller context; only the number Venice refuses changes.
    expect(venice.models.slice(0, 2)).toEqual([original.models[0], { ...original.models[1], maxTokens: 4096 }]);
    expect(venice.models.map((m: { id: string }) => m.id)).toEqual(['my-finetune', 'llama-3.3-70b', 'qwen3-4b', 'claude-opus-4-5', 'tiny-context']);
    expect(json5.parse<Config>(text).models.mode).toBe('replace');
    expect(json5.parse<Config>(text).agents.defaults.model).toEqual({ primary: 'venice/qwen3-4b', fallbacks: ['venice/my-finetune'] });
  });

  // The live cost is pinned only for releases without the Venice plugin's live prices (before 2026.9.3).
  it.for([
    ['the newest OpenClaw', [], {}],
    ['OpenClaw 2026.8.1', ['--openclaw-version', '2026.8.1'], { cost: { input: 0.7, output: 2.8, cacheRead: 0, cacheWrite: 0 } }],
  ] as const)('--refresh-models for %s: entries of catalog ids take the live values; the user entry is untouched', async ([_name, target, cost], t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, golden('existing-venice.input.json5', server.baseUrl));
    const r = await run([...withKey, '--refresh-models', ...target], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    const models = (await readJson5(h.configPath)).models.providers.venice.models as Array<Record<string, unknown>>;
    expect(models[0]).toEqual({
      id: 'my-finetune',
      name: 'My fine-tune',
      reasoning: false,
      input: ['text'],
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      contextWindow: 32768,
      maxTokens: 1024,
    });
    expect(models[1]).toEqual({
      id: 'llama-3.3-70b',
      name: 'Llama 3.3 70B',
      reasoning: false,
      input: ['text'],
      ...cost,
      contextWindow: 128000,
      maxTokens: 4096,
    });
    expect(models.map((m) => m.id)).toEqual(['my-finetune', 'llama-3.3-70b', 'qwen3-4b', 'claude-opus-4-5', 'tiny-context']);
  });

  it("a re-run whose default is the user's own Venice entry (not in the catalog) keeps it", async (t) => {
    const { server, h, run } = await setup(t);
    const input = golden('existing-venice.input.json5', server.baseUrl).replace('primary: "venice/qwen3-4b"', 'primary: "venice/my-finetune"');
    await writeFile(h.configPath, input);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect((await readJson5(h.configPath)).agents.defaults.model.primary).toBe('venice/my-finetune');
  });

  it('a symlinked config is edited at its target and stays a symlink', async (t) => {
    const { server, h, run } = await setup(t);
    const target = join(h.home, 'dotfiles', 'openclaw.json');
    await mkdir(dirname(target));
    await writeFile(target, HANDWRITTEN);
    await symlink('../dotfiles/openclaw.json', h.configPath);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect((await lstat(h.configPath)).isSymbolicLink()).toBe(true);
    expect(await readlink(h.configPath)).toBe('../dotfiles/openclaw.json');
    expect(await readFile(target, 'utf8')).toBe(golden('handwritten.expected.json5', server.baseUrl));
    expect(await readFile(`${target}.bak`, 'utf8')).toBe(HANDWRITTEN);
    expect(await readdir(h.stateDir)).toEqual(['openclaw.json']);
  });

  it('a BOM and CRLF line endings survive', async (t) => {
    const { server, h, run } = await setup(t);
    const input = `\uFEFF${HANDWRITTEN.replace(/\n/g, '\r\n')}`;
    await writeFile(h.configPath, input);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(h.configPath, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toBe(`\uFEFF${golden('handwritten.expected.json5', server.baseUrl).replace(/\n/g, '\r\n')}`);
    expect(await readFile(`${h.configPath}.bak`, 'utf8')).toBe(input);
  });
});

describe.concurrent('the files people have', () => {
  it('a key twice far from our paths (two top-level tools blocks): edited, both copies byte for byte, a warning naming both lines', async (t) => {
    const { server, h, run } = await setup(t);
    const input = fixture('duplicate-tools.input.json5');
    await writeFile(h.configPath, input);
    const r = await run(withKey, { stdin: KEY_LINE, binary: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`! ${h.configPath} has the key tools twice (lines 12 and 22): OpenClaw uses the last one; both are left as they are.\n`);
    const text = await readFile(h.configPath, 'utf8');
    expectGolden(text, 'duplicate-tools.expected.json5', server.baseUrl);
    for (const block of ['  // Tools: what the agent may run\n  tools: {\n    profile: "coding",\n    deny: ["browser"],\n  },\n', '  /* Tools again (the web search part of the example) */\n  tools: {\n    web: { search: { enabled: true, maxResults: 5 } },\n  },\n']) {
      expect(input).toContain(block);
      expect(text).toContain(block);
    }
  });

  // Hand-written around a generated list: a comment, bare keys, trailing commas.
  const busyBot = (entries: number) =>
    `// a busy bot\n{\n  agents: {\n    defaults: { workspace: "~/bot" }, // its home\n  },\n  channels: {\n    telegram: {\n      enabled: true,\n      /* everyone who may talk to it */\n      allowFrom: [\n${Array.from({ length: entries }, (_, i) => `        "tg:${1_000_000_000 + i}",\n`).join('')}      ],\n    },\n  },\n}\n`;

  it('a 5 MB config with a 200,000-entry allowlist is edited like any other: the same bytes as with a 3-entry list', { timeout: 60_000 }, async (t) => {
    const { server, h, run } = await setup(t);
    const small = await makeTempHome({ context: t });
    await writeFile(small.configPath, busyBot(3));
    const big = busyBot(200_000);
    await writeFile(h.configPath, big);
    const args = [...withKey, '--offline'];
    const [r, s] = await Promise.all([run(args, { stdin: KEY_LINE, binary: true }), onboard(small, server.baseUrl, args, { stdin: KEY_LINE, binary: true })]);
    expect(r.code, r.stderr).toBe(0);
    expect(s.code, s.stderr).toBe(0);
    const smallList = busyBot(3).slice(busyBot(3).indexOf('      allowFrom: ['), busyBot(3).indexOf('      ],'));
    const bigList = big.slice(big.indexOf('      allowFrom: ['), big.indexOf('      ],'));
    const expected = (await readFile(small.configPath, 'utf8')).replace(smallList, bigList);
    const written = await readFile(h.configPath, 'utf8');
    expect(written.length).toBe(expected.length);
    expect(written === expected).toBe(true); // not toBe: a 5 MB diff would bury the report
    expect(written.slice(0, written.indexOf('      ],'))).toBe(big.slice(0, big.indexOf('      ],')).replace('defaults: { workspace: "~/bot" }', 'defaults: { workspace: "~/bot", model: { primary: "venice/llama-3.3-70b" } }'));
    expect(await readFile(`${h.configPath}.bak`, 'utf8')).toBe(big);
  });
});

describe.concurrent('--dry-run', () => {
  it('a new config: the unified diff on stdout, key masked, nothing written', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--dry-run'], { stdin: KEY_LINE, binary: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith(`--- /dev/null\n+++ ${h.configPath}\n@@ -0,0 +1,`)).toBe(true);
    expect(r.stdout).toContain(`+      "VENICE_API_KEY": "${MASKED}",\n`);
    expect(r.stdout).toContain('+        "primary": "venice/llama-3.3-70b",\n');
    expect(r.stderr).toContain('Dry run: 1 file(s) would change; nothing was written.');
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('an existing config: applying the printed diff gives exactly what a real run writes; the file is untouched', async (t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN);
    const before = await tree(h.stateDir);
    const r = await run([...withKey, '--dry-run'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    // An `Index:` line (the `diff` package prints one when both names are equal) is allowed: patch ignores it.
    expect(r.stdout.replace(/^Index: .*\n/, '').startsWith(`--- ${h.configPath}\n+++ ${h.configPath}\n@@ `)).toBe(true);
    expect(r.stdout).toContain(`+      VENICE_API_KEY: '${MASKED}',\n`);
    const patched = applyPatch(HANDWRITTEN, r.stdout.split(MASKED).join(TEST_API_KEY));
    expect(patched).toBe(golden('handwritten.expected.json5', server.baseUrl));
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('with --key-storage dotenv: both files in the diff, the .env line masked, neither written', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--dry-run', '--key-storage', 'dotenv'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`+++ ${join(h.stateDir, '.env')}\n`);
    expect(r.stdout).toContain(`+VENICE_API_KEY=${MASKED}\n`);
    expect(r.stdout).toContain(`+++ ${h.configPath}\n`);
    expect(r.stderr).toContain('Dry run: 2 file(s) would change; nothing was written.');
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('nothing to change: an empty diff', { timeout: 40_000 }, async (t) => {
    const { h, run } = await setup(t);
    expect((await run(withKey, { stdin: KEY_LINE })).code).toBe(0);
    const before = await tree(h.stateDir);
    const r = await run([...withKey, '--dry-run'], { stdin: KEY_LINE });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Dry run: nothing would change.');
    expect(await tree(h.stateDir)).toEqual(before);
  });
});

describe.concurrent('what a non-interactive run asks Venice', () => {
  const routes = (server: VeniceServer) => server.requests.map((r) => r.route).sort();

  it('the list and the key check only: no roles, no renames for a model the list has, no catalog cache', async (t) => {
    const { h, server, run } = await setup(t);
    const r = await run([...withKey, '--model', 'qwen3-4b'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(routes(server)).toEqual(['models', 'rate-limits']);
    // A list without its renames and roles is not a whole answer: the cache only ever holds one.
    await expect(stat(h.cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('the key check runs alongside the rest: a run that fails meanwhile ends at once, the check cancelled quietly', async (t) => {
    const { h, server, run } = await setup(t);
    server.setFault('rate-limits', { kind: 'hang' });
    // The list comes late, so the key check is surely at the server when the run fails.
    server.setFault('models', { kind: 'slow', delayMs: 300 });
    // The check never answers and --timeout is the longest there is (10 min): a run that waited for
    // the check would not end within the test's own time; the check is cancelled, not left behind.
    const r = await run([...withKey, '--model', 'no-such-model', '--timeout', '600000'], { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ Unknown model "no-such-model" in the live catalog.');
    expect(r.stderr).not.toContain('could not be checked');
    expect(server.requestsTo('rate-limits')).toHaveLength(1);
    await vi.waitFor(() => expect(server.requestsTo('rate-limits')[0]?.cutShort).toBe(true), { timeout: 10_000, interval: 5 });
    await expect(stat(h.configPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('asks for the renames only when the model is not in the list', async (t) => {
    const { server, run } = await setup(t);
    const r = await run([...withKey, '--model', 'venice/claude-opus-45'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(routes(server)).toEqual(['compatibility-mapping', 'models', 'rate-limits']);
  });

  it('a fresh whole cache answers instead of Venice', async (t) => {
    const { h, server, run } = await setup(t);
    // models list fetches and caches the whole answer (list, renames, roles).
    const list = await runCli(['models', 'list', '--base-url', server.baseUrl, '--json'], { home: h.home });
    expect(list.code, list.stderr).toBe(0);
    expect(routes(server)).toEqual(['compatibility-mapping', 'models', 'traits']);
    const r = await run([...withKey], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Model list: cache (0 min old), 4 models\n');
    expect(routes(server)).toEqual(['compatibility-mapping', 'models', 'rate-limits', 'traits']);
  });
});

describe.concurrent('--model', () => {
  it('venice/claude-opus-45 resolves through the compatibility mapping to claude-opus-4-5', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--model', 'venice/claude-opus-45'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('! claude-opus-45 is now called claude-opus-4-5.\n');
    expect(r.stderr).toContain('  Default model: venice/claude-opus-4-5\n');
    expect((await readJson5(h.configPath)).agents.defaults.model).toEqual({ primary: 'venice/claude-opus-4-5' });
  });

  it('an unknown model: exit 1 with up to 3 suggestions, nothing written', async (t) => {
    const { h, run } = await setup(t, { models: undefined }); // the whole snapshot: many near ids
    const r = await run([...withKey, '--model', 'claude-opus'], { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    const m = /^✗ Unknown model "claude-opus" in the live catalog\. Did you mean (.+)\?\n/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const suggestions = (m?.[1] ?? '').split(', ');
    expect(suggestions).toHaveLength(3);
    for (const s of suggestions) expect(s).toMatch(/^venice\/claude-opus-/);
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('a near miss gets the right suggestion', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--model', 'llama-3.3-7b'], { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Did you mean venice\/llama-3\.3-70b(, venice\/[^,?]+){0,2}\?/);
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('another provider prefix is refused, nothing written', async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN);
    const before = await tree(h.stateDir);
    const r = await run([...withKey, '--model', 'anthropic/claude'], { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ "anthropic/claude" is not a Venice model: use venice/<id> or <id>.\n');
    expect(await tree(h.stateDir)).toEqual(before);
  });
});

describe.concurrent("the product page's config, re-run: a placeholder, its limits, emptied objects", () => {
  const PAGE = fixture('product-page.input.json5');
  /** The page's config, the placeholder replaced by a stored key in today's place (a setup done before). */
  const withStoredKey = (baseUrl: string) =>
    golden('product-page.input.json5', baseUrl).replace('env: { VENICE_API_KEY: "vapi_..." }, // my key goes here', `env: { vars: { VENICE_API_KEY: "${TEST_API_KEY}" } },`);
  const writeCache = (h: TempHome, baseUrl: string, ageMs: number) =>
    mkdir(dirname(h.cacheFile), { recursive: true }).then(() =>
      writeFile(h.cacheFile, JSON.stringify({ version: 1, baseUrl, fetchedAt: new Date(Date.now() - ageMs).toISOString(), rows: LIVE_ROWS, renames: {}, traits: {} })),
    );

  it('the placeholder is replaced without --yes and said so; maxTokens and contextWindow lowered to the live limits; verify then passes them', async (t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, golden('product-page.input.json5', server.baseUrl));
    const r = await run(withKey, { stdin: KEY_LINE, binary: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('  Replaced the placeholder key in env.VENICE_API_KEY (vapi_... is not a real key).\n');
    expect(r.stderr).toContain("  Lowered to Venice's live limits: venice/llama-3.3-70b maxTokens 8192 → 4096, contextWindow 131072 → 128000.\n");
    expect(r.stderr).not.toContain('Moved the key');
    expect(r.stderr).not.toContain('--yes');
    expectGolden(await readFile(h.configPath, 'utf8'), 'product-page.expected.json5', server.baseUrl);
    expect(await readFile(`${h.configPath}.bak`, 'utf8')).toBe(golden('product-page.input.json5', server.baseUrl));

    const verify = await runCli(['verify', '--json', '--base-url', server.baseUrl], { home: h.home });
    const checks = (parseJsonOutput(verify) as { checks: { id: string; status: string; message: string }[] }).checks;
    expect(checks.find((c) => c.id === 'key.present')).toMatchObject({ status: 'pass', message: `${MASKED} from the config env block.` });
    expect(checks.find((c) => c.id === 'model.limits')).toMatchObject({ status: 'pass', message: 'llama-3.3-70b is within the live limits (max output 4096, context 128000).' });
  });

  it('verify before the re-run: key.present fails on the placeholder, nothing is checked with it', async (t) => {
    const { server, h } = await setup(t);
    await writeFile(h.configPath, golden('product-page.input.json5', server.baseUrl));
    const verify = await runCli(['verify', '--json', '--base-url', server.baseUrl], { home: h.home });
    expect(verify.code).toBe(1);
    const checks = (parseJsonOutput(verify) as { checks: { id: string; status: string; message: string; hint: string | null }[] }).checks;
    expect(checks.find((c) => c.id === 'key.present')).toMatchObject({
      status: 'fail',
      message: 'vapi_... from the config env block at env.VENICE_API_KEY is a placeholder, not a key.',
      hint: 'Run venice-onboard onboard with your key (venice.ai → Settings → API Keys): it replaces the placeholder without asking.',
    });
    expect(checks.find((c) => c.id === 'key.format')).toMatchObject({ status: 'skip', message: 'skipped: no key' });
    expect(checks.find((c) => c.id === 'key.valid')).toMatchObject({ status: 'skip' });
    expect(server.requestsTo('rate-limits')).toEqual([]);
    expect(checks.find((c) => c.id === 'model.limits')).toMatchObject({ status: 'fail', message: 'llama-3.3-70b: maxTokens 8192 > 4096, contextWindow 131072 > 128000 (Venice answers HTTP 400 above its limits).' });
  });

  it('the placeholder and no key given: the usual "no key" refusal, exit 2, the file byte-identical', async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, PAGE);
    const before = await tree(h.stateDir);
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ No API key: in non-interactive mode pass it with --venice-api-key-stdin (or --venice-api-key, or VENICE_API_KEY).\n');
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('--key-storage dotenv: the key goes to .env, and the env block it leaves empty goes; the comments stay', async (t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, golden('product-page.input.json5', server.baseUrl));
    const r = await run([...withKey, '--key-storage', 'dotenv'], { stdin: KEY_LINE, binary: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('  Removed the placeholder key from env.VENICE_API_KEY (vapi_... is not a real key).\n');
    expect(r.stderr).not.toContain('Removed the key from');
    expect(await readFile(join(h.stateDir, '.env'), 'utf8')).toBe(`VENICE_API_KEY=${TEST_API_KEY}\n`);
    expectGolden(await readFile(h.configPath, 'utf8'), 'product-page.dotenv.expected.json5', server.baseUrl);
  });

  it('a placeholder in .env: the same line gets the key, unasked; the other lines and the config stay out of it', async (t) => {
    const { h, run } = await setup(t);
    const envFile = join(h.stateDir, '.env');
    await writeFile(envFile, '# secrets\nVENICE_API_KEY=vapi_xxxxxxxxxxxx\nOTHER=1\n', { mode: 0o600 });
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`  Replaced the placeholder key in ${envFile} (vapi_xxxxxxxxxxxx is not a real key).\n`);
    expect(r.stderr).toContain('  Key storage:   dotenv (.env file)\n');
    expect(await readFile(envFile, 'utf8')).toBe(`# secrets\nVENICE_API_KEY=${TEST_API_KEY}\nOTHER=1\n`);
    expect((await readJson5(h.configPath)).env).toBeUndefined();
  });

  it('a placeholder as the literal apiKey: replaced by the ${VENICE_API_KEY} reference without --yes', async (t) => {
    const { server, h, run } = await setup(t);
    const input = golden('product-page.input.json5', server.baseUrl)
      .replace('  env: { VENICE_API_KEY: "vapi_..." }, // my key goes here\n', '')
      .replace('apiKey: "${VENICE_API_KEY}"', 'apiKey: "vapi_xxxxxxxxxxxx"');
    await writeFile(h.configPath, input);
    const r = await run([...withKey, '--models', 'default'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('  Removed the placeholder key from models.providers.venice.apiKey (vapi_xxxxxxxxxxxx is not a real key).\n');
    const config = await readJson5(h.configPath);
    expect(config.models.providers.venice.apiKey).toBe('${VENICE_API_KEY}');
    expect(config.env).toEqual({ vars: { VENICE_API_KEY: TEST_API_KEY } });
  });

  it('a placeholder in auth-profiles.json (OpenClaw 2026.6.1): replaced without --yes, the other profiles kept', async (t) => {
    const { h, run } = await setup(t);
    const store = join(h.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
    await mkdir(dirname(store), { recursive: true });
    const other = { type: 'api_key', provider: 'anthropic', key: ANTHROPIC_KEY };
    await writeFile(store, JSON.stringify({ version: 1, profiles: { 'venice:default': { type: 'api_key', provider: 'venice', key: 'vapi_xxxxxxxxxxxx' }, 'anthropic:default': other } }, null, 2));
    const r = await run([...withKey, '--openclaw-version', '2026.6.1'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`  Replaced the placeholder key in ${store} (vapi_xxxxxxxxxxxx is not a real key).\n`);
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual({
      version: 1,
      profiles: { 'venice:default': { type: 'api_key', provider: 'venice', key: TEST_API_KEY }, 'anthropic:default': other },
    });
  });

  it('live limits lower existing entries only when current: a fresh cache does, a cache three days old does not', async (t) => {
    const { server, h, run } = await setup(t);
    const input = withStoredKey(server.baseUrl);
    await writeFile(h.configPath, input);
    await writeCache(h, server.baseUrl, 3 * 24 * 3600 * 1000);
    const before = await tree(h.stateDir);
    const args = [...withKey, '--offline', '--models', 'default'];
    const old = await run(args, { stdin: KEY_LINE });
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toContain('Model list: cache (3 days old), 4 models\n');
    expect(old.stderr).toContain(`✓ ${h.configPath} already has this setup: nothing to write.\n`);
    expect(await tree(h.stateDir)).toEqual(before);

    await writeCache(h, server.baseUrl, 10 * 60 * 1000);
    const fresh = await run(args, { stdin: KEY_LINE });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toContain("  Lowered to Venice's live limits: venice/llama-3.3-70b maxTokens 8192 → 4096, contextWindow 131072 → 128000.\n");
    expect(await readFile(h.configPath, 'utf8')).toBe(input.replace('contextWindow: 131072,', 'contextWindow: 128000,').replace('maxTokens: 8192 //', 'maxTokens: 4096 //'));
    expect(server.requests).toEqual([]);
  });

  it('a user number below the live limit is never raised, and a second run changes nothing', { timeout: 40_000 }, async (t) => {
    const { server, h, run } = await setup(t);
    const input = withStoredKey(server.baseUrl).replace('contextWindow: 131072,', 'contextWindow: 65536,').replace('maxTokens: 8192 //', 'maxTokens: 1024 //');
    await writeFile(h.configPath, input);
    const before = await tree(h.stateDir);
    const r = await run([...withKey, '--models', 'default'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Lowered');
    expect(r.stderr).toContain('already has this setup: nothing to write.\n');
    expect(await tree(h.stateDir)).toEqual(before);
  });
});

describe.concurrent('a key stored in env.vars: a placeholder there replaced in place; moving the key out takes what its removal empties', () => {
  it('env.vars emptied: env.vars and env go; an auth block the user wrote empty stays byte for byte', async (t) => {
    const { server, h, run } = await setup(t);
    const input = withStoredKeyText(server.baseUrl);
    await writeFile(h.configPath, input);
    const r = await run([...withKey, '--key-storage', 'dotenv', '--models', 'default', '--yes'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('  Removed the key from the config env block.\n');
    expect(await readFile(h.configPath, 'utf8')).toBe(input.replace(`  env: {\n    vars: { VENICE_API_KEY: "${TEST_API_KEY}" },\n  },\n`, ''));
  });

  it.for([
    ['vapi_xxxxxxxxxxxx', 'vapi_xxxxxxxxxxxx'],
    // As long as a key: masked like one.
    ['your-venice-api-key-here', 'your…here'],
  ] as const)('a placeholder %s in env.vars and the key in VENICE_API_KEY: replaced in place without --yes, only that line changes', async ([placeholder, shown], t) => {
    const { server, h, run } = await setup(t);
    const input = withStoredKeyText(server.baseUrl).replace(TEST_API_KEY, placeholder);
    await writeFile(h.configPath, input);
    const r = await run(['--models', 'default'], { env: { VENICE_API_KEY: TEST_API_KEY } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`  Replaced the placeholder key in env.vars.VENICE_API_KEY (${shown} is not a real key).\n`);
    expect(await readFile(h.configPath, 'utf8')).toBe(withStoredKeyText(server.baseUrl));
  });

  it('an emptied env.vars holding a comment of the user stays, with the comment', async (t) => {
    const { server, h, run } = await setup(t);
    const input = withStoredKeyText(server.baseUrl).replace(`    vars: { VENICE_API_KEY: "${TEST_API_KEY}" },`, `    vars: {\n      // set by hand\n      VENICE_API_KEY: "${TEST_API_KEY}",\n    },`);
    await writeFile(h.configPath, input);
    const r = await run([...withKey, '--key-storage', 'dotenv', '--models', 'default', '--yes'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(h.configPath, 'utf8')).toBe(input.replace(`      VENICE_API_KEY: "${TEST_API_KEY}",\n`, ''));
  });
});

describe.concurrent('--key-storage', () => {
  it('dotenv: <stateDir>/.env 0600 with the other lines kept; the config has the ${VAR} ref and no env block', async (t) => {
    const { h, run } = await setup(t);
    const envFile = join(h.stateDir, '.env');
    const original = '# my secrets\nOPENAI_API_KEY=sk-proj-0000\nexport GREETING="hello world"\n';
    await writeFile(envFile, original, { mode: 0o644 });
    await chmod(envFile, 0o644);
    const r = await run([...withKey, '--key-storage', 'dotenv'], { stdin: KEY_LINE, binary: true });
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(envFile, 'utf8')).toBe(`${original}VENICE_API_KEY=${TEST_API_KEY}\n`);
    expect(await mode(envFile)).toBe(0o600);
    const text = await readFile(h.configPath, 'utf8');
    expect(text).not.toContain(TEST_API_KEY);
    const config = json5.parse<Config>(text);
    expect(config.env).toBeUndefined();
    expect(config.models.providers.venice.apiKey).toBe('${VENICE_API_KEY}');
    expect(r.stderr).toContain('  Key storage:   dotenv (.env file)\n');
  });

  // Through 2026.6.1 OpenClaw reads auth-profiles.json, which we write; later releases keep profiles
  // in their database, written through `openclaw` itself (test/e2e/openclaw-path.e2e.test.ts).
  const JSON_AUTH_RELEASE = ['--openclaw-version', '2026.6.1'];

  it('auth-profile for the newest OpenClaw, no openclaw on PATH: exit 2 naming the other modes, nothing written', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--key-storage', 'auth-profile'], { stdin: KEY_LINE, binary: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `✗ --key-storage auth-profile needs the openclaw command on PATH: OpenClaw 2026.9.6 (like every release since 2026.6.5) keeps auth profiles in its own database under ${h.stateDir}/, which only OpenClaw writes.\n` +
        '  Hint: Install OpenClaw first, or use --key-storage config, dotenv or none (or --openclaw-version for an older release). Nothing was written.\n',
    );
    expect(await tree(h.stateDir)).toEqual({});
  });

  it('auth-profile (new store, OpenClaw 2026.6.1): the file 0600 in 0700 dirs, the config names the profile, no apiKey, no env', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--key-storage', 'auth-profile', ...JSON_AUTH_RELEASE], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    const store = join(h.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual({
      version: 1,
      profiles: { 'venice:default': { type: 'api_key', provider: 'venice', key: TEST_API_KEY } },
    });
    expect(await mode(store)).toBe(0o600);
    for (const dir of ['agents', 'agents/main', 'agents/main/agent']) expect(await mode(join(h.stateDir, dir)), dir).toBe(0o700);
    const text = await readFile(h.configPath, 'utf8');
    expect(text).not.toContain(TEST_API_KEY);
    const config = json5.parse<Config>(text);
    expect(config.auth).toEqual({ profiles: { 'venice:default': { provider: 'venice', mode: 'api_key' } } });
    expect(config.models.providers.venice).not.toHaveProperty('apiKey');
    expect(config.env).toBeUndefined();
  });

  it('auth-profile (existing store, OpenClaw 2026.6.1): the other profiles and keys are kept', async (t) => {
    const { h, run } = await setup(t);
    const store = join(h.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
    await mkdir(dirname(store), { recursive: true });
    const existing = {
      version: 1,
      profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: ANTHROPIC_KEY } },
      lastGood: { anthropic: 'anthropic:default' },
    };
    await writeFile(store, JSON.stringify(existing, null, 2));
    const r = await run([...withKey, '--key-storage', 'auth-profile', ...JSON_AUTH_RELEASE], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual({
      ...existing,
      profiles: { ...existing.profiles, 'venice:default': { type: 'api_key', provider: 'venice', key: TEST_API_KEY } },
    });
    expect(await mode(store)).toBe(0o600);
  });

  // From 2026.6.11 OpenClaw hands the gateway's VENICE_API_KEY to Venice only through the block's
  // apiKey reference (measured with `openclaw models status --probe`); earlier releases read it unnamed.
  it.for([
    ['the newest OpenClaw', [], '${VENICE_API_KEY}'],
    ['OpenClaw 2026.6.10', ['--openclaw-version', '2026.6.10'], undefined],
  ] as const)('none for %s: a warning that the gateway needs VENICE_API_KEY; no key, auth or env block in the config', async ([_name, target, apiKey], t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--key-storage', 'none', ...target], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      '! The key is stored nowhere: OpenClaw, and its gateway service, need VENICE_API_KEY in their environment.\n',
    );
    const text = await readFile(h.configPath, 'utf8');
    expect(text).not.toContain(TEST_API_KEY);
    const config = json5.parse<Config>(text);
    expect(config.env).toBeUndefined();
    expect(config.auth).toBeUndefined();
    expect(config.models.providers.venice.apiKey).toBe(apiKey);
    expect(await readdir(h.stateDir)).toEqual(['openclaw.json']);
  });

  it('none needs no key at all', async (t) => {
    const { server, h, run } = await setup(t);
    const r = await run(['--key-storage', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(server.requestsTo('rate-limits')).toEqual([]);
    expect((await readJson5(h.configPath)).agents.defaults.model.primary).toBe('venice/llama-3.3-70b');
  });

  it('a different key already in the config: exit 2 suggesting --yes, nothing written; with --yes it is replaced', { timeout: 40_000 }, async (t) => {
    const { server, h, run } = await setup(t);
    const input = golden('existing-venice.input.json5', server.baseUrl).replace(TEST_API_KEY, OLD_KEY);
    await writeFile(h.configPath, input);
    const before = await tree(h.stateDir);

    const refused = await run(withKey, { stdin: KEY_LINE });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('vapi…b1a0');
    expect(refused.stderr).toContain('--yes');
    expect(await tree(h.stateDir)).toEqual(before);

    const accepted = await run([...withKey, '--yes'], { stdin: KEY_LINE });
    expect(accepted.code, accepted.stderr).toBe(0);
    const text = await readFile(h.configPath, 'utf8');
    // Moved from the product page's env.VENICE_API_KEY to env.vars.
    expect(json5.parse<Config>(text).env).toEqual({ vars: { VENICE_API_KEY: TEST_API_KEY } });
    expect(text).not.toContain(OLD_KEY);
    expect(await readFile(`${h.configPath}.bak`, 'utf8')).toBe(input);
  });

  it('the same key already in the config: no confirmation needed', async (t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, golden('existing-venice.input.json5', server.baseUrl));
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
  });

  it('--key-storage dotenv --yes with the same key already in the config env block: the key leaves the config', async (t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, golden('existing-venice.input.json5', server.baseUrl));
    // --yes: whether moving an identical key needs a confirmation is open (SPEC §3.3); with it, the key must move.
    const r = await run([...withKey, '--key-storage', 'dotenv', '--yes'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(h.stateDir, '.env'), 'utf8')).toBe(`VENICE_API_KEY=${TEST_API_KEY}\n`);
    expect(await readFile(h.configPath, 'utf8')).not.toContain(TEST_API_KEY);
  });

  it('moving the key from the config to .env with --yes: the env entry is removed, .env written', async (t) => {
    const { server, h, run } = await setup(t);
    await writeFile(h.configPath, golden('existing-venice.input.json5', server.baseUrl).replace(TEST_API_KEY, OLD_KEY));
    const r = await run([...withKey, '--key-storage', 'dotenv', '--yes'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(h.stateDir, '.env'), 'utf8')).toBe(`VENICE_API_KEY=${TEST_API_KEY}\n`);
    const config = await readJson5(h.configPath);
    expect(config.env ?? {}).not.toHaveProperty('VENICE_API_KEY');
    expect(config.models.providers.venice.apiKey).toBe('${VENICE_API_KEY}');
  });
});

describe.concurrent('a config that cannot be edited: exit 1, the file byte-identical', () => {
  it.for<[string, string, RegExp]>([
    ['invalid JSON5', '{\n  agents: {\n    defaults: { model: "x" }\n  }\n  models: {}\n}\n', /Invalid JSON5 at line 5, column 3/],
    ['a duplicate key above an edited path', '{\n  models: {},\n  agents: {},\n  models: { providers: {} },\n}\n', /the key models appears twice \(lines 2 and 4\), on a path this edit changes: OpenClaw reads only the last one, so it is unclear which one to change\./],
    ['models.providers is an array', '{\n  models: {\n    providers: [],\n  },\n}\n', /models\.providers is an array, expected an object/],
    ['agents.defaults.model is a number', '{ agents: { defaults: { model: 42 } } }\n', /agents\.defaults\.model is a number, expected an object/],
    ['a non-object root', '[1, 2]\n', /The config must be a JSON5 object at the top level, found an array/],
    ['nested deeper than 1000 levels', `{\n  deep: ${'['.repeat(1000)}${']'.repeat(1000)},\n}\n`, /Nested 1001 levels deep at line 2: the editor supports up to 1000 levels of objects and arrays/],
  ])('%s', async ([, content, message], t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, content);
    const before = await tree(h.stateDir);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`✗ ${h.configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${message.source}`));
    expect(r.stderr).toContain('Nothing was changed.');
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('$include at the root: refused, with the snippet to paste by hand (a placeholder for the key)', async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, '{\n  $include: "./base.json5",\n  agents: {},\n}\n');
    const before = await tree(h.stateDir);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot edit the config root: it uses $include');
    // agents is the main file's own key (a sibling of $include, merged over the included value);
    // everything else belongs in base.json5, at the same paths (issue 15).
    const detail = r.stderr.slice(r.stderr.indexOf('  Edit by hand instead'));
    expect(detail.slice(0, detail.indexOf('"models": {'))).toBe(
      [
        '  Edit by hand instead: merge each block into the top-level object of its file (list items go at the end of the list).',
        `  ${h.configPath}:`,
        '    {',
        '      "agents": {',
        '        "defaults": {',
        '          "model": {',
        '            "primary": "venice/llama-3.3-70b"',
        '          }',
        '        }',
        '      }',
        '    }',
        `  ${join(h.stateDir, 'base.json5')} (included at the root):`,
        '    {',
        '      "env": {',
        '        "vars": {',
        '          "VENICE_API_KEY": "<your Venice API key>"',
        '        }',
        '      },',
        '      ',
      ].join('\n'),
    );
    expect(detail).toContain('"api": "openai-completions"');
    expect(detail.endsWith('  Hint: Paste each block above into its file yourself. Nothing was changed.\n')).toBe(true);
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('a directory where the file should be', async (t) => {
    const { h, run } = await setup(t);
    await mkdir(h.configPath);
    const before = await tree(h.stateDir);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✗ Cannot read ${h.configPath}: it is a directory.\n`);
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('a read-only directory: exit 1, the file untouched, no temp file left', async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN);
    const before = await tree(h.stateDir);
    if (!(await makeReadOnly(h.stateDir, t))) return t.skip('cannot make a directory read-only here (root without chattr)');
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^✗ Cannot write .*openclaw\.json: (permission denied|operation not permitted)\.$/m);
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('bytes that are not UTF-8 (a Latin-1 é in a comment): refused naming the byte, its line and column; the file byte-identical', async (t) => {
    const { h, run } = await setup(t);
    const bytes = Buffer.concat([Buffer.from('{\n  // caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n  agents: {},\n}\n')]);
    await writeFile(h.configPath, bytes);
    const before = await tree(h.stateDir);
    const r = await run(withKey, { stdin: KEY_LINE, binary: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `Config: ${h.configPath} (default location)\n` +
        `✗ ${h.configPath} is not UTF-8: the byte 0xE9 at line 2, column 9 (byte offset 10) is not part of any UTF-8 character.\n` +
        '  Hint: OpenClaw reads its config as UTF-8: save it as UTF-8 (from Latin-1, e.g. iconv -f LATIN1 -t UTF-8), then run again. Nothing was changed.\n',
    );
    expect((await readFile(h.configPath)).equals(bytes)).toBe(true);
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('a Latin-1 byte in a value; a UTF-16 file: refused the same way, each named', async (t) => {
    const { h, run } = await setup(t);
    const latin1 = Buffer.concat([Buffer.from('{\n  agents: { list: [{ name: "Ren'), Buffer.from([0xe9]), Buffer.from('e" }] },\n}\n')]);
    await writeFile(h.configPath, latin1);
    const r = await run(withKey, { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✗ ${h.configPath} is not UTF-8: the byte 0xE9 at line 2, column 32 (byte offset 33) is not part of any UTF-8 character.\n`);
    expect((await readFile(h.configPath)).equals(latin1)).toBe(true);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{\n  agents: {},\n}\n', 'utf16le')]);
    await writeFile(h.configPath, utf16);
    const again = await run(withKey, { stdin: KEY_LINE });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`✗ ${h.configPath} is UTF-16 text (little-endian, with a byte-order mark), not UTF-8.\n`);
    expect(again.stderr).toContain('  Hint: OpenClaw reads its config as UTF-8: save it as UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8), then run again. Nothing was changed.\n');
    expect((await readFile(h.configPath)).equals(utf16)).toBe(true);
    expect((await readdir(h.stateDir)).sort()).toEqual(['openclaw.json']);
  });

  it('a config the user made read-only (0444): refused, file and mode untouched (tests run as root, who could write it)', async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN);
    await chmod(h.configPath, 0o444);
    const before = await tree(h.stateDir);
    const r = await run(withKey, { stdin: KEY_LINE, binary: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `✗ Cannot write ${h.configPath}: it is read-only (mode 0444).\n  Hint: To let venice-onboard change it: chmod u+w ${h.configPath}, then run again. Nothing was changed.\n`,
    );
    expect(r.stderr).not.toContain('Wrote');
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('read-only: a dry run says so too; a run with nothing to change passes; a read-only .env is refused', async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, HANDWRITTEN);
    await chmod(h.configPath, 0o400);
    const dry = await run([...withKey, '--dry-run'], { stdin: KEY_LINE });
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain(`✗ Cannot write ${h.configPath}: it is read-only (mode 0400).\n`);
    expect(dry.stdout).toBe('');
    // Made read-only after a setup: a re-run with the same answers has nothing to write.
    await chmod(h.configPath, 0o600);
    expect((await run(withKey, { stdin: KEY_LINE })).code).toBe(0);
    await chmod(h.configPath, 0o444);
    const same = await run(withKey, { stdin: KEY_LINE });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toContain(`✓ ${h.configPath} already has this setup: nothing to write.\n`);
    await chmod(h.configPath, 0o600);
    const dotenv = join(h.stateDir, '.env');
    await writeFile(dotenv, 'OTHER=1\n');
    await chmod(dotenv, 0o444);
    const before = await tree(h.stateDir);
    const r = await run([...withKey, '--key-storage', 'dotenv', '--yes'], { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✗ Cannot write ${dotenv}: it is read-only (mode 0444).\n`);
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('with --json, a failure is one JSON envelope', async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, '{ models: { providers: [] } }');
    const r = await run([...withKey, '--json'], { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    const doc = parseJsonOutput(r) as { ok: boolean; error: { code: string; message: string } };
    expect(doc.ok).toBe(false);
    expect(doc.error.code).toBe('config-wrong-type');
    expect(doc.error.message).toContain('models.providers is an array');
  });
});

describe.concurrent('--json', () => {
  it('prints exactly one JSON document on stdout, the key masked', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--json'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    const doc = parseJsonOutput(r) as Record<string, unknown>;
    expect(doc).toMatchObject({
      ok: true,
      configPath: h.configPath,
      changed: true,
      defaultModel: 'venice/llama-3.3-70b',
      keyStorage: 'config',
      catalogSource: 'live',
    });
    expect(r.stdout).not.toContain('Wrote');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('with --dry-run: stdout is still exactly one JSON document (SPEC §2), nothing written', async (t) => {
    const { h, run } = await setup(t);
    const r = await run([...withKey, '--json', '--dry-run'], { stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(() => parseJsonOutput(r)).not.toThrow();
    expect(await tree(h.stateDir)).toEqual({});
  });
});
