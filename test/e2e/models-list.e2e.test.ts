import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOBHA_TEXT_ROW, SNAPSHOT_TEXT_ROWS, SNAPSHOT_TRAITS, snapshotRow } from '../support/fixtures.js';
import { parseJsonOutput, runCli, type CliResult } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';
import { SPEC_RECOMMENDATIONS, SPEC_STATIC_MODELS, type SpecModel } from '../support/spec-catalog.js';
import { makeTempDir, makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import {
  DEFAULT_COMPATIBILITY_MAPPING,
  deadBaseUrl,
  startVeniceServer,
  TEST_API_KEY,
  type VeniceServer,
  type VeniceServerOptions,
} from '../support/venice-server.js';

/**
 * `models list` (SPEC §1.3, §4.1) against the local Venice-like server: the command run in this
 * process through the CLI's own parsing, dispatch and error report, with a fake context
 * (test/support/run-in-process.ts), and four runs of the built binary (`binary: true`): the
 * offline table, the live --json list, the key from the real environment, a dead server. What
 * each network fault makes of the list is in test/reliability/faults.test.ts.
 */

// Every block runs concurrently: each test owns its server and home, closed and removed when
// that test finishes (through its own context, never a shared afterEach).
async function serve(t: TestHooks, options?: VeniceServerOptions): Promise<VeniceServer> {
  const server = await startVeniceServer(options);
  t.onTestFinished(() => server.close());
  return server;
}

interface ListOptions {
  /** Default: a fresh home, removed when the test ends. */
  home?: TempHome;
  env?: Record<string, string | undefined>;
  /** Run the built binary (the end-to-end layer) instead of the command in this process. */
  binary?: boolean;
}
async function list(t: TestHooks, args: string[], o: ListOptions = {}): Promise<CliResult> {
  const argv = ['models', 'list', ...args];
  const home = o.home ?? (await makeTempHome({ context: t }));
  return o.binary === true ? runCli(argv, { home: home.home, env: o.env }) : runInProcess(argv, { home, env: o.env ?? {} });
}

interface JsonModel {
  ref: string;
  id: string;
  name: string;
  privacy: string;
  tier: string;
  contextWindow: number;
  maxTokens: number;
  capabilities: Record<string, boolean>;
  deprecated: string | null;
  offline: boolean;
  default: boolean;
  recommendedFor: string[];
}
interface ListDoc {
  source: 'live' | 'cache' | 'static';
  fetchedAt: string | null;
  count: number;
  models: JsonModel[];
}
const doc = (result: CliResult): ListDoc => parseJsonOutput(result) as ListDoc;
const byId = (d: ListDoc, id: string): JsonModel | undefined => d.models.find((m) => m.id === id);

const MODEL_KEYS = ['ref', 'id', 'name', 'privacy', 'tier', 'contextWindow', 'maxTokens', 'capabilities', 'deprecated', 'offline', 'default', 'recommendedFor'];
const specJson = (m: SpecModel, defaultId?: string): JsonModel => ({
  ref: `venice/${m.id}`,
  id: m.id,
  name: m.name,
  privacy: m.privacy,
  tier: m.privacy,
  contextWindow: m.contextWindow,
  maxTokens: m.maxTokens,
  capabilities: { ...m.capabilities },
  deprecated: null,
  offline: false,
  default: m.id === defaultId,
  recommendedFor: SPEC_RECOMMENDATIONS[m.id] === undefined ? [] : [SPEC_RECOMMENDATIONS[m.id] as string],
});
const refs = (models: readonly { id: string }[]) => models.map((m) => `venice/${m.id}`);
const plainOut = (models: readonly { id: string }[]) => refs(models).map((r) => `${r}\n`).join('');
const STATIC_SOURCE_LINE = 'Source: static (https://api.venice.ai/api/v1)\n';

/** Spec sizes as a table prints them. */
const TOKENS: Record<number, string> = { 4096: '4k', 8192: '8k', 32768: '32k', 131072: '128k', 163840: '160k', 202752: '198k', 262144: '256k' };
const capsText = (c: SpecModel['capabilities']) => (['vision', 'tools', 'reasoning', 'code'] as const).filter((k) => c[k]).join(', ');

/** Model rows of the table: [marker, ref, name, context, max out, capabilities]. */
function tableRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => /^[ *]\s+venice\//.test(line))
    .map((line) => [line.charAt(0), ...line.slice(1).trim().split(/\s{2,}/)]);
}

describe.concurrent('models list --offline (the static catalog of SPEC §4.5)', () => {
  it('prints the 25 models as a table, 15 private then 10 anonymized, source on stderr (the built binary)', async (t) => {
    const r = await list(t, ['--offline'], { binary: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(STATIC_SOURCE_LINE);
    expect(tableRows(r.stdout)).toEqual(
      SPEC_STATIC_MODELS.map((m) => [' ', `venice/${m.id}`, m.name, TOKENS[m.contextWindow], TOKENS[m.maxTokens], capsText(m.capabilities)]),
    );
    const headings = r.stdout.split('\n').filter((l) => /^(Private|Anonymized)\b/.test(l));
    expect(headings).toHaveLength(2);
    expect(headings[0]).toMatch(/^Private\b.*\(15\)$/);
    expect(headings[1]).toMatch(/^Anonymized\b.*\(10\)$/);
    const at = (text: string) => r.stdout.indexOf(text);
    expect(at(headings[0] as string)).toBeLessThan(at('venice/llama-3.3-70b'));
    expect(at('venice/zai-org-glm-4.7')).toBeLessThan(at(headings[1] as string));
    expect(at(headings[1] as string)).toBeLessThan(at('venice/claude-opus-45'));
    expect(r.stdout).not.toContain('your default model');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('--json prints the exact document: source static, fetchedAt null, count 25', async (t) => {
    const r = await list(t, ['--offline', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const d = doc(r);
    expect(Object.keys(d)).toEqual(['source', 'fetchedAt', 'count', 'models']);
    for (const m of d.models) expect(Object.keys(m)).toEqual(MODEL_KEYS);
    expect(d).toEqual({ source: 'static', fetchedAt: null, count: 25, models: SPEC_STATIC_MODELS.map((m) => specJson(m)) });
  });

  it('--plain prints one venice/<id> per line, 25 lines, nothing on stdout else', async (t) => {
    const r = await list(t, ['--offline', '--plain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plainOut(SPEC_STATIC_MODELS));
    expect(r.stdout.split('\n')).toHaveLength(26);
    expect(r.stderr).toBe(STATIC_SOURCE_LINE);
  });

  it('--offline makes no request at all, even with a base URL given', async (t) => {
    const server = await serve(t);
    const r = await list(t, ['--offline', '--json', '--base-url', server.baseUrl]);
    expect(doc(r).source).toBe('static');
    expect(server.requests).toEqual([]);
  });
});

// The filters' logic: test/commands/models-list.test.ts. Here, from argv, as the CLI parses it.
describe.concurrent('models list filters', () => {
  it('--plain with filters: one ref per matching model', async (t) => {
    const r = await list(t, ['--offline', '--plain', '--privacy', 'private', '--capability', 'vision', '--search', 'gemma']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('venice/google-gemma-3-27b-it\n');
  });

  it('the same filters apply to --json, and count follows them', async (t) => {
    const d = doc(await list(t, ['--offline', '--json', '--capability', 'vision', '--capability', 'reasoning']));
    expect(d.count).toBe(6);
    expect(d.models.map((m) => m.id)).toEqual([
      'claude-opus-45',
      'claude-sonnet-45',
      'openai-gpt-52-codex',
      'gemini-3-pro-preview',
      'gemini-3-flash-preview',
      'grok-41-fast',
    ]);
  });

  it.for([
    ['--privacy public', ['--privacy', 'public'], "Option '--privacy <tier>' argument 'public' is invalid. Allowed choices are e2ee, tee, private, anonymized."],
    ['--capability fast', ['--capability', 'fast'], "Option '--capability <capability>' argument 'fast' is invalid. Allowed choices are vision, tools, reasoning, code."],
  ] as const)('an invalid %s is a usage error (exit 2)', async ([, args, message], t) => {
    const r = await list(t, ['--offline', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`✗ ${message}\n  Hint: Run venice-onboard --help to see the commands and flags.\n`);
  });
});

describe.concurrent('models list: the configured default', () => {
  const CONFIG = `// my OpenClaw config
{
  agents: { defaults: { model: { primary: "venice/llama-3.3-70b", fallbacks: ["venice/qwen3-4b"] } } },
  models: { providers: { venice: { baseUrl: 'https://api.venice.ai/api/v1', api: "openai-completions", models: [], }, }, },
}
`;
  async function configFile(t: TestHooks, text: string): Promise<string> {
    const dir = await makeTempDir({ context: t });
    const path = join(dir, 'openclaw.json');
    await writeFile(path, text);
    return path;
  }

  it('--json marks exactly the primary model of the JSON5 config given with --config', async (t) => {
    const d = doc(await list(t, ['--offline', '--json', '--config', await configFile(t, CONFIG)]));
    expect(d.models.filter((m) => m.default).map((m) => m.id)).toEqual(['llama-3.3-70b']);
    expect(d).toEqual({
      source: 'static',
      fetchedAt: null,
      count: 25,
      models: SPEC_STATIC_MODELS.map((m) => specJson(m, 'llama-3.3-70b')),
    });
  });

  it('the table marks the row with * and explains the marker', async (t) => {
    const r = await list(t, ['--offline', '--config', await configFile(t, CONFIG)]);
    expect(r.code).toBe(0);
    expect(tableRows(r.stdout).filter((row) => row[0] === '*').map((row) => row[1])).toEqual(['venice/llama-3.3-70b']);
    expect(r.stdout.endsWith('\n* your default model\n')).toBe(true);
  });

  it('finds the config through OPENCLAW_CONFIG_PATH', async (t) => {
    const path = await configFile(t, '{ agents: { defaults: { model: "venice/qwen3-4b" } } }');
    const d = doc(await list(t, ['--offline', '--json'], { env: { OPENCLAW_CONFIG_PATH: path } }));
    expect(d.models.filter((m) => m.default).map((m) => m.id)).toEqual(['qwen3-4b']);
  });

  it('finds ~/.openclaw/openclaw.json by default', async (t) => {
    const home = await makeTempHome({ context: t });
    await writeFile(home.configPath, CONFIG);
    const d = doc(await list(t, ['--offline', '--json'], { home }));
    expect(d.models.filter((m) => m.default).map((m) => m.id)).toEqual(['llama-3.3-70b']);
  });
});

describe.concurrent('models list against a local Venice (live)', () => {
  it('lists the 113 text models of the snapshot, source live, with no key and Accept: application/json (the built binary)', async (t) => {
    const server = await serve(t);
    const before = Date.now();
    const r = await list(t, ['--json', '--base-url', server.baseUrl], { binary: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const d = doc(r);
    expect(d.source).toBe('live');
    expect(d.count).toBe(113);
    expect(d.models.map((m) => m.id)).toEqual(SNAPSHOT_TEXT_ROWS.map((row) => row.id));
    expect(Date.parse(d.fetchedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(d.fetchedAt ?? '')).toBeLessThanOrEqual(Date.now());
    const models = server.requestsTo('models');
    expect(models).toHaveLength(1);
    expect(models[0]?.url).toBe('/api/v1/models?type=text');
    expect(models[0]?.headers.accept).toBe('application/json');
    expect(server.requests.every((q) => q.method === 'GET' && q.headers.authorization === undefined)).toBe(true);
  });

  it('the table says the source and the base URL on the first stderr line', async (t) => {
    const server = await serve(t);
    const r = await list(t, ['--base-url', `${server.baseUrl}/`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`Source: live (${server.baseUrl})\n`);
    expect(tableRows(r.stdout)).toHaveLength(113);
  });

  it('maps live rows: limits from the API, maxTokens bounded by the context, renames for recommendations', async (t) => {
    const tiny = { id: 'tiny-model', type: 'text', model_spec: { name: 'Tiny', privacy: 'private', availableContextTokens: 32768, maxCompletionTokens: 4096 } };
    const overflow = { id: 'overflow-model', type: 'text', model_spec: { name: 'Overflow', privacy: 'anonymized', availableContextTokens: 65536, maxCompletionTokens: 300000 } };
    const server = await serve(t, { models: [snapshotRow('llama-3.3-70b'), snapshotRow('claude-opus-4-5'), tiny, overflow, GOBHA_TEXT_ROW] });
    const d = doc(await list(t, ['--json', '--base-url', server.baseUrl]));
    expect(d.source).toBe('live');
    expect(d.models.map((m) => [m.id, m.contextWindow, m.maxTokens])).toEqual([
      ['llama-3.3-70b', 128000, 4096],
      ['claude-opus-4-5', 198000, 4096],
      ['tiny-model', 32768, 4096],
      ['overflow-model', 65536, 65536],
      ['grok-4-3', 1000000, 32000],
    ]);
    expect(byId(d, 'claude-opus-4-5')).toEqual({
      ref: 'venice/claude-opus-4-5',
      id: 'claude-opus-4-5',
      name: 'Claude Opus 4.5',
      privacy: 'anonymized',
      tier: 'anonymized',
      contextWindow: 198000,
      maxTokens: 4096,
      capabilities: { vision: true, tools: true, reasoning: true, code: true },
      deprecated: null,
      offline: false,
      default: false,
      recommendedFor: ['best quality'],
    });
    expect(byId(d, 'llama-3.3-70b')?.recommendedFor).toEqual(['general chat']);
  });

  it('adds the Venice defaults of /models/traits to recommendedFor', async (t) => {
    const server = await serve(t);
    const d = doc(await list(t, ['--json', '--base-url', server.baseUrl]));
    expect(byId(d, 'zai-org-glm-5-2')?.recommendedFor).toEqual(['Venice default', 'Venice default for tools']);
    expect(byId(d, 'kimi-k3')?.recommendedFor).toEqual(['Venice default for reasoning']);
    expect(server.requestsTo('traits')).toHaveLength(1);
    expect(server.requestsTo('compatibility-mapping')).toHaveLength(1);
  });

  it('sends VENICE_API_KEY from the environment as the Bearer key, only in the Authorization header, and never prints it (SPEC §4.1, §6; the built binary)', async (t) => {
    const server = await serve(t);
    const r = await list(t, ['--json', '--base-url', server.baseUrl], { env: { VENICE_API_KEY: TEST_API_KEY }, binary: true });
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain(TEST_API_KEY);
    const models = server.requestsTo('models');
    expect(models.map((q) => q.headers.authorization)).toEqual([`Bearer ${TEST_API_KEY}`]);
    for (const q of server.requests) {
      expect(q.url).not.toContain(TEST_API_KEY);
      const others = Object.entries(q.headers).filter(([name]) => name !== 'authorization');
      expect(JSON.stringify(others)).not.toContain(TEST_API_KEY);
    }
  });

  it('a server error that quotes the key never prints it (SPEC §2)', async (t) => {
    const server = await serve(t);
    server.setFault('*', { kind: 'echo-auth', status: 401 });
    const r = await list(t, ['--base-url', server.baseUrl], { env: { VENICE_API_KEY: TEST_API_KEY } });
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain(TEST_API_KEY);
    expect(r.stderr).toContain('using the built-in list');
  });

  it('the extras failing (mapping 500, traits invalid JSON) never cost the list', async (t) => {
    const server = await serve(t);
    server.setFault('compatibility-mapping', { kind: 'status', status: 500 });
    server.setFault('traits', { kind: 'invalid-json' });
    const r = await list(t, ['--json', '--base-url', server.baseUrl, '--timeout', '3000']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const d = doc(r);
    expect(d.source).toBe('live');
    expect(d.count).toBe(113);
    // Without the mapping, claude-opus-45 cannot be resolved to claude-opus-4-5.
    expect(byId(d, 'claude-opus-4-5')?.recommendedFor).toEqual([]);
    expect(byId(d, 'zai-org-glm-5-2')?.recommendedFor).toEqual([]);
  });
});

describe.concurrent('models list: the cache (SPEC §4.1)', () => {
  const twoHoursAgo = () => new Date(Date.now() - 2 * 3600_000).toISOString();
  async function ageCache(file: string, fetchedAt: string): Promise<void> {
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...data, fetchedAt }));
  }

  it('a live run writes the cache; a run within the hour uses it without a request', async (t) => {
    const home = await makeTempHome({ context: t });
    const server = await serve(t);
    const live = doc(await list(t, ['--json', '--base-url', server.baseUrl], { home }));
    const cache = JSON.parse(await readFile(home.cacheFile, 'utf8')) as Record<string, unknown>;
    expect(cache).toEqual({
      version: 1,
      baseUrl: server.baseUrl,
      fetchedAt: live.fetchedAt,
      rows: SNAPSHOT_TEXT_ROWS,
      renames: DEFAULT_COMPATIBILITY_MAPPING,
      traits: SNAPSHOT_TRAITS,
    });

    const again = await list(t, ['--json', '--base-url', server.baseUrl], { home });
    expect(again.code).toBe(0);
    const d = doc(again);
    expect(d.source).toBe('cache');
    expect(d.fetchedAt).toBe(live.fetchedAt);
    expect(d.models).toEqual(live.models);
    expect(server.requestsTo('models')).toHaveLength(1);

    const table = await list(t, ['--base-url', server.baseUrl], { home });
    expect(table.stderr).toBe(`Source: cache (0 min old) (${server.baseUrl})\n`);
  });

  it('a stale cache and a dead server: source cache, a warning, exit 0', async (t) => {
    const home = await makeTempHome({ context: t });
    const server = await serve(t);
    const live = doc(await list(t, ['--json', '--base-url', server.baseUrl], { home }));
    const fetchedAt = twoHoursAgo();
    await ageCache(home.cacheFile, fetchedAt);
    await server.close();

    const host = new URL(server.baseUrl).host;
    const warning = `! Could not get the live model list (cannot connect to ${host} (ECONNREFUSED)); using the cached list.\n`;
    const r = await list(t, ['--json', '--base-url', server.baseUrl, '--timeout', '3000'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(warning);
    expect(doc(r)).toEqual({ ...live, source: 'cache', fetchedAt });

    const table = await list(t, ['--base-url', server.baseUrl, '--timeout', '3000'], { home });
    expect(table.code).toBe(0);
    expect(table.stderr).toBe(`Source: cache (2 h old) (${server.baseUrl})\n${warning}`);
    expect(tableRows(table.stdout)).toHaveLength(113);
  });

  it('a stale cache and a live server: the list is fetched again', async (t) => {
    const home = await makeTempHome({ context: t });
    const server = await serve(t);
    await list(t, ['--json', '--base-url', server.baseUrl], { home });
    await ageCache(home.cacheFile, twoHoursAgo());
    const d = doc(await list(t, ['--json', '--base-url', server.baseUrl], { home }));
    expect(d.source).toBe('live');
    expect(server.requestsTo('models')).toHaveLength(2);
    expect(JSON.parse(await readFile(home.cacheFile, 'utf8'))).toMatchObject({ fetchedAt: d.fetchedAt });
  });

  it('no cache and a dead server: source static, a warning, exit 0 (the built binary)', async (t) => {
    const baseUrl = await deadBaseUrl();
    const r = await list(t, ['--json', '--base-url', baseUrl, '--timeout', '3000'], { binary: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `! Could not get the live model list (cannot connect to ${new URL(baseUrl).host} (ECONNREFUSED)); using the built-in list, which may be out of date.\n`,
    );
    expect(doc(r)).toEqual({ source: 'static', fetchedAt: null, count: 25, models: SPEC_STATIC_MODELS.map((m) => specJson(m)) });
  });

  it('--offline uses an existing cache and sends nothing', async (t) => {
    const home = await makeTempHome({ context: t });
    const server = await serve(t);
    await list(t, ['--json', '--base-url', server.baseUrl], { home });
    await ageCache(home.cacheFile, twoHoursAgo());
    const d = doc(await list(t, ['--json', '--offline', '--base-url', server.baseUrl], { home }));
    expect(d.source).toBe('cache');
    expect(d.count).toBe(113);
    expect(server.requestsTo('models')).toHaveLength(1);
  });

  it('a corrupt cache is no cache', async (t) => {
    const home = await makeTempHome({ context: t });
    const server = await serve(t);
    await list(t, ['--json', '--base-url', server.baseUrl], { home });
    await writeFile(home.cacheFile, '{"version":1,"rows":[');
    await server.close();
    const d = doc(await list(t, ['--json', '--base-url', server.baseUrl, '--timeout', '3000'], { home }));
    expect(d.source).toBe('static');
  });
});

// Each fault of the list (status, hang, reset, bad JSON, empty, huge, malformed, slow): the fault
// matrix, test/reliability/faults.test.ts. Here, what only `models list` asks: the extras too.
describe.concurrent('models list: every route hanging', () => {
  it('the table from the built-in list, with the one warning of the list, after the timeout', async (t) => {
    const server = await serve(t);
    server.setFault('*', { kind: 'hang' });
    const r = await list(t, ['--base-url', server.baseUrl, '--timeout', '500']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `Source: static (${server.baseUrl})\n! Could not get the live model list (no answer within 500 ms); using the built-in list, which may be out of date.\n`,
    );
    expect(tableRows(r.stdout)).toHaveLength(25);
    expect(server.requests.map((q) => q.route).sort()).toEqual(['compatibility-mapping', 'models', 'traits']);
  });
});
