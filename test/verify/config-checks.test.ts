import { describe, expect, it } from 'vitest';
import type { ConfigLocation } from '../../src/config/config-path.js';
import { RELEASE_SHAPES, shapeOf, parseReleaseVersion } from '../../src/core/openclaw-releases.js';
import { checkAgentOverrides, checkConfigFound, checkConfigParse, checkDefaultModel, checkEnvRefs, checkProvider } from '../../src/verify/config-checks.js';

/** The config checks of `verify` (SPEC §1.2), table-driven over plain data. */

const OLDEST = RELEASE_SHAPES[0]!;
const NEWEST = shapeOf(parseReleaseVersion('2026.9.6')!);
const FIX_PROVIDER = 'Run venice-onboard onboard to write a valid Venice block.';

const entry = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  reasoning: false,
  input: ['text'],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 131072,
  maxTokens: 4096,
  ...extra,
});

const venice = (over: Record<string, unknown> = {}) => ({
  baseUrl: 'https://api.venice.ai/api/v1',
  apiKey: '${VENICE_API_KEY}',
  api: 'openai-completions',
  models: [entry('llama-3.3-70b'), entry('qwen3-4b')],
  ...over,
});

const config = (block: unknown, rest: Record<string, unknown> = {}) => ({ models: { mode: 'merge', providers: { venice: block } }, ...rest });

describe('config.found', () => {
  const loc = (reason: ConfigLocation['reason'], exists: boolean): ConfigLocation => ({ path: '/h/.openclaw/openclaw.json', reason, exists, stateDir: '/h/.openclaw' });

  it.each<[ConfigLocation['reason'], string]>([
    ['flag', 'from --config'],
    ['env', 'from OPENCLAW_CONFIG_PATH'],
    ['state-dir', 'from OPENCLAW_STATE_DIR'],
    ['default', 'default location'],
    ['legacy', 'legacy file name, used because ~/.openclaw/openclaw.json does not exist'],
  ])('passes with the path and how it was chosen (%s)', (reason, why) => {
    expect(checkConfigFound(loc(reason, true))).toEqual({ status: 'pass', message: `/h/.openclaw/openclaw.json (${why})` });
  });

  it('fails when the file does not exist, with the way to create it', () => {
    expect(checkConfigFound(loc('default', false))).toEqual({
      status: 'fail',
      message: 'No OpenClaw config at /h/.openclaw/openclaw.json (default location, does not exist yet).',
      hint: 'Run venice-onboard onboard to create it, or pass --config <path>.',
    });
  });
});

describe('config.parse', () => {
  const PARSE_HINT = 'Fix that line by hand (or restore the .bak next to the file).';

  it('passes on JSON5 with comments, trailing commas and unquoted keys, and returns the object', () => {
    const r = checkConfigParse('// hi\n{\n  a: 1, // one\n  "b": [2,],\n}\n');
    expect(r).toEqual({ outcome: { status: 'pass', message: 'Valid JSON5.' }, config: { a: 1, b: [2] } });
  });

  it('accepts a BOM and CRLF line endings', () => {
    expect(checkConfigParse('\uFEFF{\r\n  a: 1,\r\n}\r\n').config).toEqual({ a: 1 });
  });

  it.each([
    ['a bad character', '{\n  a: 1,\n  b: ]\n}\n', "Invalid JSON5 at line 3, column 6: invalid character ']'."],
    ['a missing comma', '{\n  a: 1\n  b: 2\n}\n', "Invalid JSON5 at line 3, column 3: invalid character 'b'."],
    ['a truncated file', '{\n  a: {\n', 'Invalid JSON5 at line 3, column 1: invalid end of input.'],
    ['an empty file', '', 'Invalid JSON5 at line 1, column 1: invalid end of input.'],
  ])('fails on %s, naming line and column', (_name, text, message) => {
    expect(checkConfigParse(text)).toEqual({ outcome: { status: 'fail', message, hint: PARSE_HINT } });
  });

  it.each([['[]'], ['"text"'], ['42'], ['null']])('fails when the root is not an object (%s)', (text) => {
    expect(checkConfigParse(text)).toEqual({
      outcome: { status: 'fail', message: 'The config is not a JSON5 object.', hint: 'The file must start with { and end with }.' },
    });
  });
});

describe('config.provider', () => {
  it('passes on what onboarding writes', () => {
    expect(checkProvider(config(venice()), OLDEST)).toEqual({ status: 'pass', message: 'Venice block at https://api.venice.ai/api/v1 with 2 model(s).' });
  });

  it.each([['http://127.0.0.1:8080/api/v1'], ['http://localhost/api/v1'], ['http://[::1]:9/api/v1']])('accepts http on loopback: %s', (baseUrl) => {
    expect(checkProvider(config(venice({ baseUrl })), OLDEST).status).toBe('pass');
  });

  it.each([
    ['no models.providers.venice', {}, 'No models.providers.venice block.'],
    ['venice is not an object', config('venice'), 'No models.providers.venice block.'],
    ['http off loopback', config(venice({ baseUrl: 'http://example.com/api/v1' })), 'Venice block: baseUrl is not https.'],
    ['http on a private address', config(venice({ baseUrl: 'http://10.0.0.2/api/v1' })), 'Venice block: baseUrl is not https.'],
    ['no baseUrl', config(venice({ baseUrl: undefined })), 'Venice block: baseUrl is missing or not a URL.'],
    ['a baseUrl that is not a URL', config(venice({ baseUrl: 'api.venice.ai' })), 'Venice block: baseUrl is missing or not a URL.'],
    ['a wrong api', config(venice({ api: 'anthropic-messages' })), 'Venice block: api is "anthropic-messages", not "openai-completions".'],
    ['no api', config(venice({ api: undefined })), 'Venice block: api is null, not "openai-completions".'],
    ['empty models', config(venice({ models: [] })), 'Venice block: models is not a non-empty array.'],
    ['models not an array', config(venice({ models: { id: 'x' } })), 'Venice block: models is not a non-empty array.'],
    ['an unknown provider key', config(venice({ description: 'mine' })), 'Venice block: unknown key(s) description.'],
    ['privacy in a model entry', config(venice({ models: [entry('llama-3.3-70b', { privacy: 'private' })] })), 'Venice block: model keys OpenClaw rejects: privacy (in llama-3.3-70b).'],
    // compat is accepted (measured on 2026.1.29, 3.22 and 9.6); capabilities, this tool's own field, is not.
    ['capabilities in a model entry', config(venice({ models: [entry('qwen3-4b', { capabilities: { tools: true } })] })), 'Venice block: model keys OpenClaw rejects: capabilities (in qwen3-4b).'],
    ['an entry without id', config(venice({ models: [{ name: 'x' }] })), 'Venice block: a model entry has no id.'],
    [
      'several problems at once',
      config(venice({ baseUrl: 'http://example.com', api: 'x', models: [] })),
      'Venice block: baseUrl is not https; api is "x", not "openai-completions"; models is not a non-empty array.',
    ],
  ])('fails on %s', (_name, cfg, message) => {
    expect(checkProvider(cfg, OLDEST)).toEqual({ status: 'fail', message, hint: expect.any(String) });
  });

  it('the hint for a block onboarding writes anew is to run onboarding', () => {
    expect(checkProvider({}, OLDEST).hint).toBe(FIX_PROVIDER);
  });

  // Onboarding keeps existing model entries as they are (SPEC §5.2), so "run onboard" does not remove
  // a key OpenClaw rejects: the hint must say which key to remove.
  it.each([
    ['privacy', entry('llama-3.3-70b', { privacy: 'private' })],
    ['capabilities', entry('llama-3.3-70b', { capabilities: { tools: true } })],
  ])('the hint for %s in a model entry names the key to remove', (key, bad) => {
    const outcome = checkProvider(config(venice({ models: [bad] })), OLDEST);
    expect(outcome.status).toBe('fail');
    expect(outcome.hint).toContain(key);
    expect(outcome.hint).not.toBe(FIX_PROVIDER);
  });
});

describe('config.provider and config.default-model with the Venice plugin (2026.9.3 and later)', () => {
  const plugin = (rest: Record<string, unknown> = {}) => config(venice({ models: [] }), rest);

  it("models: [] (OpenClaw's own onboarding) passes where the plugin lists the models, fails before", () => {
    expect(checkProvider(plugin(), NEWEST)).toEqual({ status: 'pass', message: "Venice block at https://api.venice.ai/api/v1; its models come from the Venice plugin's catalog." });
    expect(checkProvider(plugin(), OLDEST).message).toBe('Venice block: models is not a non-empty array.');
  });

  it('a default without its row warns there, with the command that writes the row', () => {
    expect(checkDefaultModel(plugin({ agents: { defaults: { model: 'venice/zai-org-glm-4.7' } } }), undefined, NEWEST)).toEqual({
      status: 'warn',
      message: "The default venice/zai-org-glm-4.7 has no row in the Venice block: OpenClaw takes it from the Venice plugin's catalog, if the plugin is installed.",
      hint: "Run venice-onboard models set venice/zai-org-glm-4.7 to write its row with Venice's live limits.",
    });
  });
});

describe('config.default-model', () => {
  const withDefault = (model: unknown) => config(venice(), { agents: { defaults: { model } } });

  it.each([
    ['the object form', { primary: 'venice/llama-3.3-70b', fallbacks: ['venice/qwen3-4b'] }],
    ['the string form', 'venice/llama-3.3-70b'],
  ])('passes with %s', (_name, model) => {
    expect(checkDefaultModel(withDefault(model), undefined, OLDEST)).toEqual({ status: 'pass', message: 'Default model venice/llama-3.3-70b.' });
  });

  it('fails when the default is not in the provider models, with the command that adds it', () => {
    expect(checkDefaultModel(withDefault({ primary: 'venice/llama-3.2-3b' }), undefined, OLDEST)).toEqual({
      status: 'fail',
      message: "The default venice/llama-3.2-3b is not in the provider's models.",
      hint: 'Run venice-onboard models set venice/llama-3.2-3b to add its entry.',
    });
  });

  it('fails when there is no default model', () => {
    expect(checkDefaultModel(config(venice()), undefined, OLDEST)).toEqual({
      status: 'fail',
      message: 'No default model (agents.defaults.model.primary).',
      hint: 'Run venice-onboard models set venice/llama-3.3-70b.',
    });
  });

  it('warns when the default is another provider', () => {
    expect(checkDefaultModel(withDefault({ primary: 'anthropic/claude-opus-4-5' }), undefined, OLDEST)).toEqual({
      status: 'warn',
      message: 'The default model is anthropic/claude-opus-4-5, not a Venice model.',
      hint: 'Run venice-onboard models set <venice model> to use Venice by default.',
    });
  });

  it.each([['qwen3-4b'], ['venice/qwen3-4b']])('--model %s replaces the default', (model) => {
    expect(checkDefaultModel(withDefault({ primary: 'venice/llama-3.2-3b' }), model, OLDEST)).toEqual({
      status: 'pass',
      message: "venice/qwen3-4b (from --model) is in the provider's models.",
    });
  });

  it('--model with a model the provider does not list fails', () => {
    expect(checkDefaultModel(withDefault('venice/llama-3.3-70b'), 'mistral-31-24b', OLDEST)).toEqual({
      status: 'fail',
      message: "venice/mistral-31-24b (from --model) is not in the provider's models.",
      hint: 'Run venice-onboard models set venice/mistral-31-24b to add it.',
    });
  });
});

describe('config.env-refs', () => {
  const MISSING_HINT = (name: string) => `Set ${name} in the environment, in the .env next to the config, or run venice-onboard onboard.`;

  it('passes when there is nothing to resolve', () => {
    expect(checkEnvRefs(config(venice({ apiKey: undefined })), {}, {}, OLDEST)).toEqual({ status: 'pass', message: 'No ${VAR} references to resolve.' });
  });

  it.each([
    ['the process environment', { VENICE_API_KEY: 'k' }, {}, {}],
    ['<stateDir>/.env', {}, { VENICE_API_KEY: 'k' }, {}],
    ['the config env block', {}, {}, { VENICE_API_KEY: 'k' }],
    ['env.vars of the config', {}, {}, { vars: { VENICE_API_KEY: 'k' } }],
  ])('resolves ${VENICE_API_KEY} from %s', (_name, env, dotenv, block) => {
    expect(checkEnvRefs(config(venice(), { env: block }), env, dotenv, OLDEST)).toEqual({ status: 'pass', message: '${VENICE_API_KEY} resolved.' });
  });

  it('fails naming the missing variable', () => {
    expect(checkEnvRefs(config(venice()), {}, {}, OLDEST)).toEqual({
      status: 'fail',
      message: '${VENICE_API_KEY} is not set anywhere: OpenClaw refuses a config with an unresolved variable.',
      hint: MISSING_HINT('VENICE_API_KEY'),
    });
  });

  // Measured: 2026.3.2 refuses the config, 2026.3.7 and later accept it with a warning per variable.
  it('from 2026.3.7 a missing variable is a warning: OpenClaw runs without the value', () => {
    expect(checkEnvRefs(config(venice()), {}, {}, shapeOf(parseReleaseVersion('2026.3.2')!)).status).toBe('fail');
    expect(checkEnvRefs(config(venice()), {}, {}, shapeOf(parseReleaseVersion('2026.3.7')!))).toEqual({
      status: 'warn',
      message: '${VENICE_API_KEY} is not set anywhere: OpenClaw runs without it, and what uses it gets nothing.',
      hint: MISSING_HINT('VENICE_API_KEY'),
    });
    expect(checkEnvRefs(config(venice()), {}, {}, NEWEST).status).toBe('warn');
  });

  it('an empty value does not resolve, as in OpenClaw', () => {
    expect(checkEnvRefs(config(venice(), { env: { VENICE_API_KEY: '' } }), { VENICE_API_KEY: '' }, { VENICE_API_KEY: '' }, OLDEST).status).toBe('fail');
  });

  it('looks in the Venice block (headers too) and in the env block, and lists every missing one', () => {
    const cfg = config(venice({ headers: { 'X-Org': '${VENICE_ORG}' } }), { env: { VENICE_API_KEY: 'k', OTHER: 'pre-${SHARED_SECRET}' } });
    expect(checkEnvRefs(cfg, {}, {}, OLDEST)).toEqual({
      status: 'fail',
      message: '${VENICE_ORG}, ${SHARED_SECRET} is not set anywhere: OpenClaw refuses a config with an unresolved variable.',
      hint: MISSING_HINT('VENICE_ORG'),
    });
  });

  // Issue 15: OpenClaw substitutes every string of the config, not only the Venice and env blocks.
  it('looks at every string of the config (another provider, the gateway, an agent), and ignores escaped and lower-case ones', () => {
    const cfg = config(venice({ apiKey: '$${VENICE_API_KEY}', headers: { a: '${lower}' } }), {
      gateway: { auth: { token: '${GATEWAY_TOKEN}' } },
      agents: { list: [{ id: 'main', workspace: '${WORKSPACES}/main' }] },
    });
    cfg.models.providers = { ...cfg.models.providers, openai: { apiKey: '${OPENAI_API_KEY}' } } as typeof cfg.models.providers;
    expect(checkEnvRefs(cfg, { WORKSPACES: '/srv' }, {}, OLDEST)).toEqual({
      status: 'fail',
      message: '${OPENAI_API_KEY}, ${GATEWAY_TOKEN} is not set anywhere: OpenClaw refuses a config with an unresolved variable.',
      hint: MISSING_HINT('OPENAI_API_KEY'),
    });
    expect(checkEnvRefs(cfg, { WORKSPACES: '/srv', GATEWAY_TOKEN: 't', OPENAI_API_KEY: 'o' }, {}, OLDEST)).toEqual({
      status: 'pass',
      message: '${OPENAI_API_KEY}, ${GATEWAY_TOKEN}, ${WORKSPACES} resolved.',
    });
    expect(checkEnvRefs(config(venice({ apiKey: '$${VENICE_API_KEY}', headers: { a: '${lower}' } })), {}, {}, OLDEST)).toEqual({ status: 'pass', message: 'No ${VAR} references to resolve.' });
  });

  // OpenClaw sets a variable from the env block only when its value holds no reference (2026.3.7
  // and later skip it; 2026.1.29 set the text "${X}" itself): env.vars.X: "${X}" gives X nothing.
  it('a self-reference in env.vars is not resolved, and the message says so', () => {
    const cfg = config(venice(), { env: { vars: { VENICE_API_KEY: '${VENICE_API_KEY}' } } });
    const self = {
      message: '${VENICE_API_KEY} is not resolved: env.vars.VENICE_API_KEY refers to itself, and OpenClaw does not expand a ${VAR} inside the env block.',
      hint: 'Write the value itself in env.vars.VENICE_API_KEY, or set VENICE_API_KEY in the environment or the .env next to the config.',
    };
    expect(checkEnvRefs(cfg, {}, {}, NEWEST)).toEqual({ status: 'warn', ...self });
    expect(checkEnvRefs(cfg, {}, {}, OLDEST)).toEqual({ status: 'fail', ...self });
    // From the environment or the .env, it resolves: OpenClaw keeps a variable already set.
    expect(checkEnvRefs(cfg, { VENICE_API_KEY: 'k' }, {}, NEWEST)).toEqual({ status: 'pass', message: '${VENICE_API_KEY} resolved.' });
    expect(checkEnvRefs(cfg, {}, { VENICE_API_KEY: 'k' }, NEWEST)).toEqual({ status: 'pass', message: '${VENICE_API_KEY} resolved.' });
  });

  it('a cycle through env.vars, a reference to another variable, and a missing variable beside them: all named, one line', () => {
    const cfg = config(venice({ apiKey: '${A}', headers: { 'X-Org': '${ORG}', 'X-C': '${C}' } }), { env: { vars: { A: '${B}', B: 'pre-${A}', C: '${ORG}' } } });
    expect(checkEnvRefs(cfg, {}, {}, NEWEST)).toEqual({
      status: 'warn',
      message:
        '${ORG} is not set anywhere: OpenClaw runs without it, and what uses it gets nothing; ${A}, ${B}, ${C} is not resolved: env.vars.A refers to itself, env.vars.B refers to itself, env.vars.C holds a ${VAR}, and OpenClaw does not expand a ${VAR} inside the env block.',
      hint: `${MISSING_HINT('ORG').slice(0, -1)}; Write the value itself in env.vars.A, or set A in the environment or the .env next to the config.`,
    });
  });
});

describe('agents.overrides', () => {
  it('passes when no agent has a model of its own outside Venice', () => {
    const cfg = config(venice(), { agents: { defaults: { model: 'venice/llama-3.3-70b' }, list: [{ id: 'main', default: true }, { id: 'small', model: 'venice/qwen3-4b' }] } });
    expect(checkAgentOverrides(cfg)).toEqual({ status: 'pass', message: 'No agent has a model of its own outside Venice.' });
  });

  it('warns naming the agent and its model, with the edit that switches it to the Venice default', () => {
    const cfg = config(venice(), { agents: { defaults: { model: { primary: 'venice/qwen3-4b' } }, list: [{ id: 'main' }, { id: 'work', model: 'openrouter/meta/llama-4' }] } });
    expect(checkAgentOverrides(cfg)).toEqual({
      status: 'warn',
      message: 'Agent "work" uses openrouter/meta/llama-4, so it never calls Venice.',
      hint: 'To use Venice, set agents.list[1].model to "venice/qwen3-4b".',
    });
  });

  it('several agents, the default one included, in one line; without a Venice default the hint names venice/llama-3.3-70b', () => {
    const cfg = config(venice(), {
      agents: {
        defaults: { model: 'anthropic/claude-opus-4-6' },
        entries: { main: { default: true, model: 'openai/gpt-5' }, work: { model: { primary: 'openrouter/x', fallbacks: [] } }, spare: {} },
      },
    });
    expect(checkAgentOverrides(cfg)).toEqual({
      status: 'warn',
      message: 'Agent "main" (the default agent) uses openai/gpt-5 and agent "work" uses openrouter/x, so they never call Venice.',
      hint: 'To use Venice, set agents.entries.main.model and agents.entries.work.model.primary to "venice/llama-3.3-70b".',
    });
  });
});
