import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEditsToValue, type EditOp, type JsonValue } from '../../src/json5-edit/index.js';
import { RELEASE_SHAPES, shapeOf, parseReleaseVersion } from '../../src/core/openclaw-releases.js';
import { describeLoweredLimits, findLimitsAbove, planDefaultModel, planModelEntry, planVeniceEdits, toProviderEntry, type KeyStorage, type VenicePlan } from '../../src/core/plan-venice.js';
import type { CatalogModel } from '../../src/core/types.js';

/** The edit operations of SPEC §5.2, computed from a parsed config and the user's answers (pure). */

const KEY = 'vapi_0123456789abcdefghijklmnopqrst';
const BASE = 'https://api.venice.ai/api/v1';
const VENICE = ['models', 'providers', 'venice'];
const MODELS = [...VENICE, 'models'];

function model(id: string, over: Partial<CatalogModel> = {}): CatalogModel {
  return {
    id,
    name: `Name of ${id}`,
    privacy: 'private',
    tier: over.privacy ?? 'private',
    contextWindow: 131072,
    maxTokens: 8192,
    capabilities: { vision: false, tools: true, reasoning: false, code: false },
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    deprecated: null,
    offline: false,
    ...over,
  };
}

// A live catalog: llama's live limit is 4096, qwen3-4b's 2048, claude is vision + reasoning with prices.
const LLAMA = model('llama-3.3-70b', { name: 'Llama 3.3 70B', maxTokens: 4096, contextWindow: 128000 });
const SMALL = model('qwen3-4b', { name: 'Venice Small', maxTokens: 2048, contextWindow: 32768, capabilities: { vision: false, tools: true, reasoning: true, code: false } });
const CLAUDE = model('claude-opus-4-5', {
  name: 'Claude Opus 4.5',
  privacy: 'anonymized',
  contextWindow: 198000,
  maxTokens: 32000,
  capabilities: { vision: true, tools: true, reasoning: true, code: false },
  cost: { input: 6, output: 30, cacheRead: 0.6, cacheWrite: 7.5 },
});
const CATALOG = [LLAMA, SMALL, CLAUDE];

/** The exact entries OpenClaw reads (SPEC §5.2), typed out independently of toProviderEntry. */
const LLAMA_ENTRY = {
  id: 'llama-3.3-70b',
  name: 'Llama 3.3 70B',
  reasoning: false,
  input: ['text'],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 128000,
  maxTokens: 4096,
};
const SMALL_ENTRY = {
  id: 'qwen3-4b',
  name: 'Venice Small',
  reasoning: true,
  input: ['text'],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 32768,
  maxTokens: 2048,
};
const CLAUDE_ENTRY = {
  id: 'claude-opus-4-5',
  name: 'Claude Opus 4.5',
  reasoning: true,
  input: ['text', 'image'],
  cost: { input: 6, output: 30, cacheRead: 0.6, cacheWrite: 7.5 },
  contextWindow: 198000,
  maxTokens: 32000,
};

/** The oldest release's shape (rows with cost, no none-mode reference) and the newest's (plugin prices). */
const OLDEST = RELEASE_SHAPES[0]!;
const NEWEST = shapeOf(parseReleaseVersion('2026.9.6')!);

const plan = (over: Partial<VenicePlan> = {}): VenicePlan => ({
  shape: OLDEST,
  enablePlugin: false,
  baseUrl: BASE,
  model: LLAMA,
  catalog: CATALOG,
  which: 'all',
  refreshModels: false,
  keyStorage: 'config',
  key: KEY,
  ...over,
});

const set = (path: string[], value: unknown): EditOp => ({ op: 'set', path, value: value as JsonValue });
const append = (path: string[], values: unknown[]): EditOp => ({ op: 'append', path, values: values as JsonValue[] });

/** The provider ops every mode shares, in the order they are planned. */
const providerOps = (apiKey: boolean): EditOp[] => [
  set([...VENICE, 'baseUrl'], BASE),
  ...(apiKey ? [set([...VENICE, 'apiKey'], '${VENICE_API_KEY}')] : []),
  set([...VENICE, 'api'], 'openai-completions'),
];

/** A config with a Venice block set up earlier by hand, plus a user model. */
const existingVenice = (models: unknown[]) => ({
  agents: { defaults: { model: { primary: 'venice/llama-3.3-70b', fallbacks: ['anthropic/claude-sonnet-4-5'] } } },
  models: {
    mode: 'merge',
    providers: { venice: { baseUrl: BASE, apiKey: '${VENICE_API_KEY}', api: 'openai-completions', headers: { 'X-Team': 'a' }, models } },
  },
});

describe('toProviderEntry', () => {
  it('writes exactly the keys of SPEC §5.2, in its order, and nothing of this tool (privacy, tools, deprecation)', () => {
    const entry = toProviderEntry(CLAUDE);
    expect(entry).toStrictEqual(CLAUDE_ENTRY);
    expect(Object.keys(entry)).toEqual(['id', 'name', 'reasoning', 'input', 'cost', 'contextWindow', 'maxTokens']);
    expect(Object.keys(entry.cost!)).toEqual(['input', 'output', 'cacheRead', 'cacheWrite']);
  });

  it('copies the cost, so editing the entry never changes the catalog', () => {
    const entry = toProviderEntry(CLAUDE);
    entry.cost!.input = 99;
    expect(CLAUDE.cost.input).toBe(6);
  });
});

describe('planVeniceEdits: a new config', () => {
  it('the exact op list for an empty config with the key in the config (the default mode)', () => {
    expect(planVeniceEdits({}, plan())).toStrictEqual([
      set(['env', 'vars', 'VENICE_API_KEY'], KEY),
      set(['agents', 'defaults', 'model', 'primary'], 'venice/llama-3.3-70b'),
      set(['models', 'mode'], 'merge'),
      ...providerOps(true),
      set(MODELS, [LLAMA_ENTRY, SMALL_ENTRY, CLAUDE_ENTRY]),
    ]);
  });

  it('the template (mode already "merge", empty providers): no mode op', () => {
    const template = { agents: { defaults: { model: {} } }, models: { mode: 'merge', providers: {} } };
    expect(planVeniceEdits(template, plan({ model: CLAUDE }))).toStrictEqual([
      set(['env', 'vars', 'VENICE_API_KEY'], KEY),
      set(['agents', 'defaults', 'model', 'primary'], 'venice/claude-opus-4-5'),
      ...providerOps(true),
      set(MODELS, [LLAMA_ENTRY, SMALL_ENTRY, CLAUDE_ENTRY]),
    ]);
  });

  it('--models default: only the chosen model', () => {
    expect(planVeniceEdits({}, plan({ which: 'default', model: SMALL }))).toStrictEqual([
      set(['env', 'vars', 'VENICE_API_KEY'], KEY),
      set(['agents', 'defaults', 'model', 'primary'], 'venice/qwen3-4b'),
      set(['models', 'mode'], 'merge'),
      ...providerOps(true),
      set(MODELS, [SMALL_ENTRY]),
    ]);
  });

  it('a default missing from the list in use is still written (it was resolved elsewhere)', () => {
    const ops = planVeniceEdits({}, plan({ catalog: [LLAMA], model: CLAUDE }));
    expect(ops.at(-1)).toStrictEqual(set(MODELS, [LLAMA_ENTRY, CLAUDE_ENTRY]));
  });

  it('E2EE models are never written (SPEC §4.3a), neither to a new block nor appended to an existing one', () => {
    const E2EE = model('e2ee-glm-5-1', { tier: 'e2ee' });
    const TEE = model('tee-qwen3-6-35b-a3b', { tier: 'tee' });
    expect(planVeniceEdits({}, plan({ catalog: [LLAMA, E2EE, TEE] })).at(-1)).toStrictEqual(set(MODELS, [LLAMA_ENTRY, toProviderEntry(TEE)]));
    expect(planVeniceEdits(existingVenice([LLAMA_ENTRY]), plan({ catalog: [LLAMA, E2EE, TEE] })).at(-1)).toStrictEqual(append(MODELS, [toProviderEntry(TEE)]));
  });

  it('maxTokens and contextWindow come from the catalog in use (live values), never a built-in number', () => {
    const live = [model('llama-3.3-70b', { name: 'Llama 3.3 70B', maxTokens: 1234, contextWindow: 5678 })];
    const ops = planVeniceEdits({}, plan({ catalog: live, model: live[0] as CatalogModel, which: 'default' }));
    expect(ops.at(-1)).toStrictEqual(set(MODELS, [{ ...LLAMA_ENTRY, maxTokens: 1234, contextWindow: 5678 }]));
  });
});

describe('planVeniceEdits: key storage (SPEC §3.3)', () => {
  const head = (primary = 'venice/llama-3.3-70b') => [set(['agents', 'defaults', 'model', 'primary'], primary), set(['models', 'mode'], 'merge')];
  const tail = set(MODELS, [LLAMA_ENTRY, SMALL_ENTRY, CLAUDE_ENTRY]);

  it.each<[KeyStorage, EditOp[]]>([
    ['config', [set(['env', 'vars', 'VENICE_API_KEY'], KEY), ...head(), ...providerOps(true), tail]],
    ['dotenv', [...head(), ...providerOps(true), tail]],
    [
      'auth-profile',
      [set(['auth', 'profiles', 'venice:default'], { provider: 'venice', mode: 'api_key' }), ...head(), ...providerOps(false), tail],
    ],
    ['none', [...head(), ...providerOps(false), tail]],
  ])('%s', (keyStorage, expected) => {
    // The key is passed in every mode: only `config` may put it into the config.
    const ops = planVeniceEdits({}, plan({ keyStorage }));
    expect(ops).toStrictEqual(expected);
    if (keyStorage !== 'config') expect(JSON.stringify(ops)).not.toContain(KEY);
  });
});

describe('planVeniceEdits: an existing Venice block', () => {
  it('keeps user entries and entries of catalog ids as they are; appends only the missing ids', () => {
    const mine = { id: 'my-finetune', name: 'My fine-tune', contextWindow: 32768 };
    const oldLlama = { id: 'llama-3.3-70b', name: 'Llama (old)', maxTokens: 99999 };
    const ops = planVeniceEdits(existingVenice([mine, oldLlama]), plan());
    expect(ops).toStrictEqual([
      set(['env', 'vars', 'VENICE_API_KEY'], KEY),
      set(['agents', 'defaults', 'model', 'primary'], 'venice/llama-3.3-70b'),
      ...providerOps(true),
      append(MODELS, [SMALL_ENTRY, CLAUDE_ENTRY]),
    ]);
  });

  it('--models default with the default already present: nothing to append', () => {
    const ops = planVeniceEdits(existingVenice([{ id: 'llama-3.3-70b' }]), plan({ which: 'default' }));
    expect(ops.filter((op) => op.path.join('.').startsWith(MODELS.join('.')))).toEqual([]);
  });

  it('--models default with another default: appends only that one', () => {
    const ops = planVeniceEdits(existingVenice([{ id: 'llama-3.3-70b' }]), plan({ which: 'default', model: CLAUDE }));
    expect(ops.at(-1)).toStrictEqual(append(MODELS, [CLAUDE_ENTRY]));
  });

  it('--refresh-models replaces the entries of catalog ids only, by index; user ids are untouched', () => {
    const mine = { id: 'my-finetune', name: 'My fine-tune' };
    const ops = planVeniceEdits(existingVenice([mine, { id: 'qwen3-4b', maxTokens: 1 }, 'not an entry', { id: 'llama-3.3-70b' }]), plan({ refreshModels: true }));
    expect(ops.slice(-3)).toStrictEqual([
      set([...MODELS, '1'], SMALL_ENTRY),
      set([...MODELS, '3'], LLAMA_ENTRY),
      append(MODELS, [CLAUDE_ENTRY]),
    ]);
    expect(ops.some((op) => op.path.length > MODELS.length && op.path[MODELS.length] === '0')).toBe(false);
  });

  it('a "models" that is not an array is replaced by the list (the editor refuses wrong types elsewhere)', () => {
    const config = existingVenice([]);
    (config.models.providers.venice as Record<string, unknown>).models = undefined;
    expect(planVeniceEdits(config, plan()).at(-1)).toStrictEqual(set(MODELS, [LLAMA_ENTRY, SMALL_ENTRY, CLAUDE_ENTRY]));
  });

  it('models.mode is written only when absent: an existing value is kept', () => {
    const config = { models: { mode: 'replace', providers: {} } };
    expect(planVeniceEdits(config, plan()).some((op) => op.path.join('.') === 'models.mode')).toBe(false);
  });

  it('never plans a key of the block it does not own (headers and other keys survive)', () => {
    const paths = planVeniceEdits(existingVenice([]), plan()).map((op) => op.path.join('.'));
    expect(paths.filter((p) => p.startsWith('models.providers.venice.'))).toEqual([
      'models.providers.venice.baseUrl',
      'models.providers.venice.apiKey',
      'models.providers.venice.api',
      'models.providers.venice.models',
    ]);
  });
});

describe('planDefaultModel: agents.defaults', () => {
  it('the object form: sets primary only (fallbacks kept)', () => {
    const config = { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai/gpt-5'] } } } };
    expect(planDefaultModel(config, CLAUDE, OLDEST)).toStrictEqual([set(['agents', 'defaults', 'model', 'primary'], 'venice/claude-opus-4-5')]);
  });

  it('the string form stays a string', () => {
    const config = { agents: { defaults: { model: 'anthropic/claude-sonnet-4-5' } } };
    expect(planDefaultModel(config, LLAMA, OLDEST)).toStrictEqual([set(['agents', 'defaults', 'model'], 'venice/llama-3.3-70b')]);
  });

  it('an existing allowlist is extended with {alias: name} for the default', () => {
    const config = { agents: { defaults: { model: { primary: 'x/y' }, models: { 'anthropic/claude-sonnet-4-5': { alias: 'Sonnet' } } } } };
    expect(planDefaultModel(config, SMALL, OLDEST)).toStrictEqual([
      set(['agents', 'defaults', 'model', 'primary'], 'venice/qwen3-4b'),
      set(['agents', 'defaults', 'models', 'venice/qwen3-4b'], { alias: 'Venice Small' }),
    ]);
  });

  it('an empty allowlist object exists: it is extended too', () => {
    const config = { agents: { defaults: { models: {} } } };
    expect(planDefaultModel(config, LLAMA, OLDEST)[1]).toStrictEqual(set(['agents', 'defaults', 'models', 'venice/llama-3.3-70b'], { alias: 'Llama 3.3 70B' }));
  });

  it('an allowlist already naming the default (with the user alias) is left alone', () => {
    const config = { agents: { defaults: { models: { 'venice/llama-3.3-70b': { alias: 'mine' } } } } };
    expect(planDefaultModel(config, LLAMA, OLDEST)).toStrictEqual([set(['agents', 'defaults', 'model', 'primary'], 'venice/llama-3.3-70b')]);
  });

  // Issue 15: an array (or any non-object) there was skipped, and onboarding said it had set the
  // default although OpenClaw's model list was left as it was. The op goes out, and the editor
  // refuses it as a wrong type, like every other path we edit.
  it.each([[[]], [['venice/llama-3.3-70b']], ['venice/llama-3.3-70b'], [null]])('agents.defaults.models is not an object (%j): its op is still planned, for the editor to refuse', (models) => {
    const config = { agents: { defaults: { models } } };
    const op = set(['agents', 'defaults', 'models', 'venice/llama-3.3-70b'], { alias: 'Llama 3.3 70B' });
    expect(planDefaultModel(config, LLAMA, OLDEST)[1]).toStrictEqual(op);
    expect(() => applyEditsToValue(config as Record<string, JsonValue>, [op])).toThrow(
      `agents.defaults.models is ${models === null ? 'null' : Array.isArray(models) ? 'an array' : 'a string'}, expected an object`,
    );
  });

  it('no allowlist: none is created', () => {
    const paths = planVeniceEdits({ agents: { defaults: { model: { primary: 'a/b' } } } }, plan()).map((op) => op.path.join('.'));
    expect(paths.some((p) => p.startsWith('agents.defaults.models'))).toBe(false);
  });
});

describe('planVeniceEdits: by the target release (core/openclaw-releases.ts)', () => {
  const shape = (v: string) => shapeOf(parseReleaseVersion(v)!);
  const withoutCost = ({ cost: _cost, ...rest }: Record<string, unknown>) => rest;

  it('2026.9.3 and later (the Venice plugin prices models): rows have no cost, limits stay', () => {
    const ops = planVeniceEdits({}, plan({ shape: NEWEST }));
    expect(ops.at(-1)).toStrictEqual(set(MODELS, [LLAMA_ENTRY, SMALL_ENTRY, CLAUDE_ENTRY].map(withoutCost)));
    expect(Object.keys(toProviderEntry(CLAUDE, false))).toEqual(['id', 'name', 'reasoning', 'input', 'contextWindow', 'maxTokens']);
    expect(shape('2026.9.2').pinCost).toBe(true);
  });

  it('the exact op list on the newest release, key in the config, plugin installed', () => {
    expect(planVeniceEdits({}, plan({ shape: NEWEST, enablePlugin: true, which: 'default' }))).toStrictEqual([
      set(['env', 'vars', 'VENICE_API_KEY'], KEY),
      set(['agents', 'defaults', 'model', 'primary'], 'venice/llama-3.3-70b'),
      set(['plugins', 'entries', 'venice', 'enabled'], true),
      set(['models', 'mode'], 'merge'),
      ...providerOps(true),
      set(MODELS, [withoutCost(LLAMA_ENTRY)]),
    ]);
  });

  it('no plugin entry unless the plugin is there (OpenClaw warns of an entry for a missing plugin)', () => {
    const paths = planVeniceEdits({}, plan({ shape: NEWEST })).map((op) => op.path.join('.'));
    expect(paths.some((p) => p.startsWith('plugins'))).toBe(false);
  });

  it.each([
    ['2026.1.29', false],
    ['2026.6.10', false],
    ['2026.6.11', true],
    ['2026.9.6', true],
  ])('key storage none on %s: the block names ${VENICE_API_KEY}: %s', (version, named) => {
    const ops = planVeniceEdits({}, plan({ keyStorage: 'none', shape: shape(version) }));
    expect(ops.some((op) => op.op === 'set' && op.path.join('.') === 'models.providers.venice.apiKey' && op.value === '${VENICE_API_KEY}')).toBe(named);
  });

  it('auth-profile on the newest release: the profile declaration, and no apiKey in the block', () => {
    const ops = planVeniceEdits(existingVenice([]), plan({ keyStorage: 'auth-profile', shape: NEWEST }));
    expect(ops[0]).toStrictEqual(set(['auth', 'profiles', 'venice:default'], { provider: 'venice', mode: 'api_key' }));
    expect(ops).toContainEqual({ op: 'delete', path: [...VENICE, 'apiKey'] });
  });

  it("the product page's env.VENICE_API_KEY is deleted and the key set in env.vars, in that order", () => {
    const ops = planVeniceEdits({ env: { VENICE_API_KEY: 'vapi_old', OTHER: 'x' } }, plan());
    expect(ops.slice(0, 2)).toStrictEqual([{ op: 'delete', path: ['env', 'VENICE_API_KEY'] }, set(['env', 'vars', 'VENICE_API_KEY'], KEY)]);
  });

  it('other modes leave a legacy env.VENICE_API_KEY where it is (verify reports it)', () => {
    for (const keyStorage of ['dotenv', 'auth-profile', 'none'] as const) {
      const ops = planVeniceEdits({ env: { VENICE_API_KEY: 'vapi_old' } }, plan({ keyStorage, shape: NEWEST }));
      expect(ops.some((op) => op.path[0] === 'env')).toBe(false);
    }
  });
});

describe('planDefaultModel: agents.defaults.modelPolicy.allow (2026.8.1 and later)', () => {
  const policy = (allow: string[]) => ({ agents: { defaults: { model: { primary: 'a/b' }, modelPolicy: { allow } } } });

  it('a list naming models gets the new default appended', () => {
    expect(planDefaultModel(policy(['anthropic/claude-sonnet-4-5']), SMALL, NEWEST)).toStrictEqual([
      set(['agents', 'defaults', 'model', 'primary'], 'venice/qwen3-4b'),
      append(['agents', 'defaults', 'modelPolicy', 'allow'], ['venice/qwen3-4b']),
    ]);
  });

  it.each([
    ['an empty list (permits every model)', []],
    ['a list already naming it', ['venice/qwen3-4b']],
    ['a list allowing venice/*', ['venice/*']],
  ])('%s: left alone', (_what, allow) => {
    expect(planDefaultModel(policy(allow), SMALL, NEWEST)).toStrictEqual([set(['agents', 'defaults', 'model', 'primary'], 'venice/qwen3-4b')]);
  });

  it('never created, and untouched on releases before modelPolicy', () => {
    expect(planDefaultModel({}, SMALL, NEWEST)).toStrictEqual([set(['agents', 'defaults', 'model', 'primary'], 'venice/qwen3-4b')]);
    expect(planDefaultModel(policy(['a/b']), SMALL, OLDEST)).toStrictEqual([set(['agents', 'defaults', 'model', 'primary'], 'venice/qwen3-4b')]);
  });

  it('both lists: the alias entry and the allow entry', () => {
    const config = { agents: { defaults: { models: { 'a/b': {} }, modelPolicy: { allow: ['a/b'] } } } };
    expect(planDefaultModel(config, LLAMA, NEWEST).slice(1)).toStrictEqual([
      set(['agents', 'defaults', 'models', 'venice/llama-3.3-70b'], { alias: 'Llama 3.3 70B' }),
      append(['agents', 'defaults', 'modelPolicy', 'allow'], ['venice/llama-3.3-70b']),
    ]);
  });
});

describe('planModelEntry (models set)', () => {
  it('adds the missing row in the target shape, and nothing when present', () => {
    expect(planModelEntry({}, LLAMA, NEWEST)).toStrictEqual([set(MODELS, [{ id: 'llama-3.3-70b', name: 'Llama 3.3 70B', reasoning: false, input: ['text'], contextWindow: 128000, maxTokens: 4096 }])]);
    expect(planModelEntry(existingVenice([{ id: 'x' }]), LLAMA, OLDEST)).toStrictEqual([append(MODELS, [LLAMA_ENTRY])]);
    expect(planModelEntry(existingVenice([{ id: 'llama-3.3-70b' }]), LLAMA, NEWEST)).toStrictEqual([]);
  });
});

// --- properties over arbitrary configs ------------------------------------------------------

/** The paths of SPEC §5.2, as path arrays joined with "|" (ids contain dots). */
const ALLOWED = [
  /^env\|vars\|VENICE_API_KEY$/,
  /^agents\|defaults\|modelPolicy\|allow$/,
  /^plugins\|entries\|venice\|enabled$/,
  /^auth\|profiles\|venice:default$/,
  /^agents\|defaults\|model(\|primary)?$/,
  /^agents\|defaults\|models\|venice\/[^|]+$/,
  /^models\|mode$/,
  /^models\|providers\|venice\|(baseUrl|apiKey|api|models)$/,
];
const FORBIDDEN_KEYS = ['privacy', 'compat', 'description', 'capabilities', 'deprecated', 'offline', 'tools', 'code'];

const entryArb = fc.oneof(
  fc.record({ id: fc.constantFrom('llama-3.3-70b', 'qwen3-4b', 'claude-opus-4-5', 'my-finetune', 'other'), name: fc.string() }, { requiredKeys: ['id'] }),
  fc.constant('junk'),
);
const configArb = fc.record(
  {
    // The product page's env.VENICE_API_KEY, sometimes.
    env: fc.record({ OTHER: fc.string(), VENICE_API_KEY: fc.constant('vapi_old') }, { requiredKeys: ['OTHER'] }),
    agents: fc.record({
      defaults: fc.record(
        {
          model: fc.oneof(fc.constant('anthropic/claude'), fc.record({ primary: fc.constant('venice/qwen3-4b'), fallbacks: fc.constant(['a/b']) }, { requiredKeys: [] })),
          models: fc.dictionary(fc.constantFrom('venice/llama-3.3-70b', 'a/b'), fc.record({ alias: fc.string() })),
          modelPolicy: fc.record({ allow: fc.array(fc.constantFrom('venice/qwen3-4b', 'a/b', 'venice/*'), { maxLength: 2 }) }),
        },
        { requiredKeys: [] },
      ),
    }),
    models: fc.record(
      {
        mode: fc.constantFrom('merge', 'replace'),
        providers: fc.record(
          {
            venice: fc.record({ baseUrl: fc.constant(BASE), headers: fc.constant({ a: 'b' }), models: fc.array(entryArb, { maxLength: 5 }) }, { requiredKeys: [] }),
            ollama: fc.constant({ baseUrl: 'http://127.0.0.1:11434/v1' }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
const planArb = fc.record({
  model: fc.constantFrom(LLAMA, SMALL, CLAUDE),
  which: fc.constantFrom<'all' | 'default'>('all', 'default'),
  keyStorage: fc.constantFrom<KeyStorage>('config', 'dotenv', 'auth-profile', 'none'),
  shape: fc.constantFrom(...RELEASE_SHAPES),
  enablePlugin: fc.boolean(),
});

function keysDeep(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keysDeep(v, out);
    }
  }
  return out;
}

describe('planVeniceEdits: properties', () => {
  it('every op is on a path of SPEC §5.2, and no value carries a key OpenClaw rejects', () => {
    fc.assert(
      fc.property(configArb, planArb, (config, p) => {
        for (const op of planVeniceEdits(config, plan(p))) {
          const joined = op.path.join('|');
          // Deletes: the product page's key (moved) and a stale apiKey; all else on the paths above.
          if (op.op === 'delete') expect(['env|VENICE_API_KEY', 'models|providers|venice|apiKey']).toContain(joined);
          else expect(ALLOWED.some((re) => re.test(joined)), joined).toBe(true);
          const keys = keysDeep(op.op === 'set' ? op.value : op.op === 'append' ? op.values : null);
          for (const bad of FORBIDDEN_KEYS) expect(keys).not.toContain(bad);
        }
      }),
    );
  });

  it('idempotent: planning again on the result changes nothing (SPEC §5.2, second run)', () => {
    fc.assert(
      fc.property(configArb, planArb, (config, p) => {
        const once = applyEditsToValue(config as Record<string, JsonValue>, planVeniceEdits(config, plan(p)));
        const twice = applyEditsToValue(once, planVeniceEdits(once, plan(p)));
        expect(twice).toEqual(once);
      }),
    );
  });

  it('user entries and other providers survive, and the default ends up in the provider list', () => {
    fc.assert(
      fc.property(configArb, planArb, (config, p) => {
        const after = applyEditsToValue(config as Record<string, JsonValue>, planVeniceEdits(config, plan(p))) as ReturnType<typeof existingVenice> & Record<string, unknown>;
        const before = (config.models?.providers?.venice?.models ?? []) as unknown[];
        const list = after.models.providers.venice.models as Array<{ id?: string }>;
        // toEqual: fast-check builds null-prototype objects, the editor plain ones.
        expect(list.slice(0, before.length)).toEqual(before);
        expect(list.some((m) => m.id === p.model.id)).toBe(true);
        expect((after.models.providers as Record<string, unknown>).ollama).toEqual(config.models?.providers?.ollama);
        // Config storage moves a legacy env.VENICE_API_KEY into env.vars; other modes leave env alone.
        const { VENICE_API_KEY: _legacy, ...rest } = config.env ?? {};
        expect(after.env).toEqual(p.keyStorage === 'config' ? { ...rest, vars: { VENICE_API_KEY: KEY } } : config.env);
      }),
    );
  });

  it('--refresh-models is idempotent too', () => {
    const config = existingVenice([{ id: 'my-finetune' }, { id: 'qwen3-4b', maxTokens: 1 }]) as unknown as Record<string, JsonValue>;
    const once = applyEditsToValue(config, planVeniceEdits(config, plan({ refreshModels: true })));
    expect((once.models as { providers: { venice: { models: unknown[] } } }).providers.venice.models).toStrictEqual([
      { id: 'my-finetune' },
      SMALL_ENTRY,
      LLAMA_ENTRY,
      CLAUDE_ENTRY,
    ]);
    const twice = applyEditsToValue(once, planVeniceEdits(once, plan({ refreshModels: true })));
    expect(twice).toStrictEqual(once);
  });
});

describe("planVeniceEdits: Venice's live limits over existing entries (SPEC §5.2)", () => {
  // What a live list says: llama's completion limit and context, qwen3-4b's context only, claude nothing
  // (its numbers are fallbacks, which never lower anything).
  const LIVE = [
    { ...LLAMA, reported: { maxTokens: 4096, contextWindow: 128000 } },
    { ...SMALL, reported: { contextWindow: 32768 } },
    CLAUDE,
  ];
  const live = (over: Partial<VenicePlan> = {}) => plan({ catalog: LIVE, currentLimits: true, ...over });
  // The product page's row (maxTokens 8192, contextWindow 131072) and rows of the user's own.
  const PAGE_LLAMA = { id: 'llama-3.3-70b', name: 'Llama 3.3 70B', reasoning: false, input: ['text'], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 131072, maxTokens: 8192 };
  const config = () =>
    existingVenice([
      { id: 'my-finetune', contextWindow: 999999, maxTokens: 99999 },
      PAGE_LLAMA,
      { id: 'qwen3-4b', name: 'mine', contextWindow: 65536, maxTokens: 40000 },
      { id: 'claude-opus-4-5', contextWindow: 999999, maxTokens: 99999 },
    ]);

  it('lowers only the numbers above a limit Venice states, by index; every other field and entry stays; nothing is raised', () => {
    expect(planVeniceEdits(config(), live()).filter((op) => op.path.join('.').startsWith(MODELS.join('.')))).toStrictEqual([
      set([...MODELS, '1', 'maxTokens'], 4096),
      set([...MODELS, '1', 'contextWindow'], 128000),
      // qwen3-4b: only its context is reported; maxTokens is bounded by it, as a new entry's is.
      set([...MODELS, '2', 'maxTokens'], 32768),
      set([...MODELS, '2', 'contextWindow'], 32768),
    ]);
    expect(findLimitsAbove(config(), LIVE)).toStrictEqual([
      { id: 'llama-3.3-70b', index: 1, field: 'maxTokens', from: 8192, to: 4096 },
      { id: 'llama-3.3-70b', index: 1, field: 'contextWindow', from: 131072, to: 128000 },
      { id: 'qwen3-4b', index: 2, field: 'maxTokens', from: 40000, to: 32768 },
      { id: 'qwen3-4b', index: 2, field: 'contextWindow', from: 65536, to: 32768 },
    ]);
  });

  it('numbers at or below the limits, strings, and missing fields are left as written', () => {
    const below = existingVenice([{ id: 'llama-3.3-70b', maxTokens: 2048, contextWindow: 128000 }, { id: 'qwen3-4b', maxTokens: '99999' }, { id: 'llama-3.3-70b' }]);
    expect(findLimitsAbove(below, LIVE)).toEqual([]);
  });

  it('limits that are not current (an old cache, the built-in list) lower nothing; nor with --refresh-models, which sets the whole entry', () => {
    const modelOps = (p: VenicePlan) => planVeniceEdits(config(), p).filter((op) => op.path.join('.').startsWith(MODELS.join('.')));
    expect(modelOps(live({ currentLimits: false }))).toEqual([]);
    expect(modelOps(plan({ catalog: LIVE }))).toEqual([]);
    expect(modelOps(live({ refreshModels: true }))).toStrictEqual([
      set([...MODELS, '1'], { ...LLAMA_ENTRY }),
      set([...MODELS, '2'], SMALL_ENTRY),
      set([...MODELS, '3'], CLAUDE_ENTRY),
    ]);
  });

  it('the note names each entry with its old and new numbers', () => {
    expect(describeLoweredLimits(findLimitsAbove(config(), LIVE))).toBe(
      "Lowered to Venice's live limits: venice/llama-3.3-70b maxTokens 8192 → 4096, contextWindow 131072 → 128000; venice/qwen3-4b maxTokens 40000 → 32768, contextWindow 65536 → 32768.",
    );
  });

  it('after the edit every catalog entry is within the stated limits, all else unchanged, and a second plan lowers nothing', () => {
    const limitArb = fc.option(fc.integer({ min: 1, max: 300000 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('llama-3.3-70b', 'qwen3-4b', 'mine'), maxTokens: fc.oneof(fc.integer({ min: 1, max: 300000 }), fc.constant('8192')), contextWindow: fc.integer({ min: 1, max: 300000 }), name: fc.string() }, { requiredKeys: ['id'] }), { maxLength: 4 }),
        limitArb,
        limitArb,
        (entries, maxTokens, contextWindow) => {
          const reported = { ...(maxTokens === undefined ? {} : { maxTokens }), ...(contextWindow === undefined ? {} : { contextWindow }) };
          // Consistent as map-models makes it: a stated limit is the model's number.
          const context = contextWindow ?? LLAMA.contextWindow;
          const catalog = [{ ...LLAMA, contextWindow: context, maxTokens: Math.min(maxTokens ?? LLAMA.maxTokens, context), reported }];
          const before = existingVenice(entries) as unknown as Record<string, JsonValue>;
          const ops = planVeniceEdits(before, plan({ catalog, model: catalog[0]!, currentLimits: true, which: 'default' }));
          const after = applyEditsToValue(before, ops) as unknown as ReturnType<typeof existingVenice>;
          const rows = after.models.providers.venice.models as Array<Record<string, unknown>>;
          entries.forEach((entry, index) => {
            const row = rows[index] as Record<string, unknown>;
            const maxLimit = Math.min(maxTokens ?? Infinity, contextWindow ?? Infinity);
            const expected = { ...entry };
            if (entry.id === 'llama-3.3-70b' && typeof entry.maxTokens === 'number' && entry.maxTokens > maxLimit) expected.maxTokens = maxLimit;
            if (entry.id === 'llama-3.3-70b' && entry.contextWindow !== undefined && contextWindow !== undefined && entry.contextWindow > contextWindow) expected.contextWindow = contextWindow;
            expect(row).toEqual(expected);
          });
          expect(findLimitsAbove(after, catalog)).toEqual([]);
        },
      ),
    );
  });
});
