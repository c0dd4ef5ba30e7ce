import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapModelRow, mapModelsResponse, mapStringMap } from '../../src/catalog/map-models.js';
import type { CatalogModel } from '../../src/core/types.js';
import {
  envelope,
  GOBHA_IMAGE_ROW,
  GOBHA_TEXT_ROW,
  SNAPSHOT_ROWS,
  SNAPSHOT_TEXT_ROWS,
  snapshotRow,
  TEE_ROW,
} from '../support/fixtures.js';

const ZERO_COST = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

/** The mapping of a row that says nothing but its id (an id unknown to the static catalog). */
const bare = (id: string, over: Partial<CatalogModel> = {}): CatalogModel => ({
  id,
  name: id,
  privacy: 'unknown',
  tier: over.privacy ?? 'unknown',
  contextWindow: 128000,
  maxTokens: 4096,
  capabilities: { vision: false, tools: true, reasoning: false, code: false },
  cost: ZERO_COST,
  deprecated: null,
  offline: false,
  ...over,
});

const ID = 'acme-model-1';
const row = (spec: unknown, extra: Record<string, unknown> = {}) => ({ id: ID, type: 'text', object: 'model', model_spec: spec, ...extra });
const caps = (capabilities: unknown) => row({ capabilities });

describe('mapModelRow: real rows', () => {
  it.each<[string, unknown, CatalogModel | undefined]>([
    [
      'llama-3.3-70b (snapshot; no maxCompletionTokens: the static limit 4096 stays)',
      snapshotRow('llama-3.3-70b'),
      {
        id: 'llama-3.3-70b',
        name: 'Llama 3.3 70B',
        privacy: 'private',
        tier: 'private',
        contextWindow: 128000,
        maxTokens: 4096,
        capabilities: { vision: false, tools: true, reasoning: false, code: false },
        cost: { input: 0.7, output: 2.8, cacheRead: 0, cacheWrite: 0 },
        deprecated: null,
        offline: false,
        reported: { contextWindow: 128000 },
      },
    ],
    [
      'claude-opus-4-5 (anonymized, every capability, all four prices; unknown id → 4096)',
      snapshotRow('claude-opus-4-5'),
      {
        id: 'claude-opus-4-5',
        name: 'Claude Opus 4.5',
        privacy: 'anonymized',
        tier: 'anonymized',
        contextWindow: 198000,
        maxTokens: 4096,
        capabilities: { vision: true, tools: true, reasoning: true, code: true },
        cost: { input: 6, output: 30, cacheRead: 0.6, cacheWrite: 7.5 },
        deprecated: null,
        offline: false,
        reported: { contextWindow: 198000 },
      },
    ],
    [
      'qwen3-vl-235b-a22b (vision; static 8192 within the live 128000 context)',
      snapshotRow('qwen3-vl-235b-a22b'),
      {
        id: 'qwen3-vl-235b-a22b',
        name: 'Qwen3 VL 235B',
        privacy: 'private',
        tier: 'private',
        contextWindow: 128000,
        maxTokens: 8192,
        capabilities: { vision: true, tools: true, reasoning: false, code: false },
        cost: { input: 0.21, output: 1.9, cacheRead: 0.1, cacheWrite: 0 },
        deprecated: null,
        offline: false,
        reported: { contextWindow: 128000 },
      },
    ],
    [
      'grok-4-3 (full live row: maxCompletionTokens 32000, availableContextTokens 1000000)',
      GOBHA_TEXT_ROW,
      {
        id: 'grok-4-3',
        name: 'Grok 4.3',
        privacy: 'private',
        tier: 'private',
        contextWindow: 1000000,
        maxTokens: 32000,
        capabilities: { vision: true, tools: true, reasoning: true, code: false },
        cost: { input: 1.42, output: 2.83, cacheRead: 0.23, cacheWrite: 0 },
        deprecated: null,
        offline: false,
        reported: { maxTokens: 32000, contextWindow: 1000000 },
      },
    ],
    [
      'e2ee-gemma-4-31b (deprecation date, supportsFunctionCalling false)',
      snapshotRow('e2ee-gemma-4-31b'),
      {
        id: 'e2ee-gemma-4-31b',
        name: 'Gemma 4 31B Instruct',
        privacy: 'private',
        tier: 'e2ee',
        contextWindow: 32000,
        maxTokens: 4096,
        capabilities: { vision: false, tools: false, reasoning: true, code: false },
        cost: { input: 0.139, output: 0.43, cacheRead: 0.028, cacheWrite: 0 },
        deprecated: '2026-08-27T13:00:00.000Z',
        offline: false,
        reported: { contextWindow: 32000 },
      },
    ],
    ['venice-sd35 (an image row) is skipped', GOBHA_IMAGE_ROW, undefined],
  ])('%s', (_name, input, expected) => {
    expect(mapModelRow(input)).toEqual(expected);
  });

  it('skips every non-text row of the snapshot (tts, image, embedding, …)', () => {
    const others = SNAPSHOT_ROWS.filter((r) => r.type !== 'text');
    expect(others).toHaveLength(215);
    expect(others.map((r) => mapModelRow(r))).toEqual(others.map(() => undefined));
  });
});

describe('mapModelRow: tolerance rules of SPEC §4.2', () => {
  it.each<[string, unknown, CatalogModel | undefined]>([
    // model_spec missing or of the wrong type: the row still maps, on defaults
    ['model_spec missing', { id: ID, type: 'text' }, bare(ID)],
    ['model_spec null', row(null), bare(ID)],
    ['model_spec a string', row('broken'), bare(ID)],
    ['model_spec an array', row([1, 2]), bare(ID)],
    ['capabilities a string', caps('all'), bare(ID)],
    ['type missing (the ?type=text answer may omit it)', { id: ID, model_spec: {} }, bare(ID)],
    // name
    ['name used', row({ name: 'Acme One' }), bare(ID, { name: 'Acme One' })],
    ['empty name → id', row({ name: '  ' }), bare(ID)],
    ['numeric name → id', row({ name: 42 }), bare(ID)],
    // privacy
    ['privacy private', row({ privacy: 'private' }), bare(ID, { privacy: 'private' })],
    ['privacy anonymized', row({ privacy: 'anonymized' }), bare(ID, { privacy: 'anonymized' })],
    ['privacy unexpected word → unknown', row({ privacy: 'public' }), bare(ID)],
    ['privacy of wrong type → unknown', row({ privacy: true }), bare(ID)],
    // context window
    ['availableContextTokens used', row({ availableContextTokens: 65536 }), bare(ID, { contextWindow: 65536, reported: { contextWindow: 65536 } })],
    ['availableContextTokens 0 → 128000', row({ availableContextTokens: 0 }), bare(ID)],
    ['availableContextTokens negative → 128000', row({ availableContextTokens: -5 }), bare(ID)],
    ['availableContextTokens a string → 128000', row({ availableContextTokens: '65536' }), bare(ID)],
    ['availableContextTokens fractional → 128000', row({ availableContextTokens: 1000.5 }), bare(ID)],
    ['availableContextTokens NaN → 128000', row({ availableContextTokens: Number.NaN }), bare(ID)],
    ['context_length (newer field) when availableContextTokens is absent', row({}, { context_length: 200000 }), bare(ID, { contextWindow: 200000, reported: { contextWindow: 200000 } })],
    // max tokens
    ['maxCompletionTokens used', row({ maxCompletionTokens: 16384 }), bare(ID, { maxTokens: 16384, reported: { maxTokens: 16384 } })],
    [
      'maxCompletionTokens bounded by contextWindow',
      row({ availableContextTokens: 32768, maxCompletionTokens: 100000 }),
      bare(ID, { contextWindow: 32768, maxTokens: 32768, reported: { maxTokens: 32768, contextWindow: 32768 } }),
    ],
    ['maxCompletionTokens bounded by the default 128000 context', row({ maxCompletionTokens: 500000 }), bare(ID, { maxTokens: 128000, reported: { maxTokens: 128000 } })],
    ['maxCompletionTokens a string → 4096', row({ maxCompletionTokens: '16384' }), bare(ID)],
    ['maxCompletionTokens 0 → 4096', row({ maxCompletionTokens: 0 }), bare(ID)],
    ['the 4096 default is bounded by a smaller context', row({ availableContextTokens: 2048 }), bare(ID, { contextWindow: 2048, maxTokens: 2048, reported: { contextWindow: 2048 } })],
    // capabilities
    ['supportsFunctionCalling missing → tools true', caps({}), bare(ID)],
    ['supportsFunctionCalling false → tools false', caps({ supportsFunctionCalling: false }), bare(ID, { capabilities: { vision: false, tools: false, reasoning: false, code: false } })],
    ['supportsFunctionCalling true → tools true', caps({ supportsFunctionCalling: true }), bare(ID)],
    ['supportsVision → vision', caps({ supportsVision: true }), bare(ID, { capabilities: { vision: true, tools: true, reasoning: false, code: false } })],
    ['supportsVision a string → no vision', caps({ supportsVision: 'yes' }), bare(ID)],
    ['supportsReasoning → reasoning', caps({ supportsReasoning: true }), bare(ID, { capabilities: { vision: false, tools: true, reasoning: true, code: false } })],
    ['optimizedForCode → code', caps({ optimizedForCode: true }), bare(ID, { capabilities: { vision: false, tools: true, reasoning: false, code: true } })],
    [
      '"thinking" in the id → reasoning',
      { id: 'acme-thinking-2', type: 'text' },
      bare('acme-thinking-2', { capabilities: { vision: false, tools: true, reasoning: true, code: false } }),
    ],
    // cost
    [
      'pricing → cost per 1M tokens',
      row({ pricing: { input: { usd: 1, diem: 1 }, output: { usd: 2.5 }, cache_input: { usd: 0.1 }, cache_write: { usd: 1.25 } } }),
      bare(ID, { cost: { input: 1, output: 2.5, cacheRead: 0.1, cacheWrite: 1.25 } }),
    ],
    ['pricing with bad values → zeros', row({ pricing: { input: { usd: '1' }, output: { usd: -2 }, cache_input: 5, cache_write: null } }), bare(ID)],
    ['pricing only in diem → zeros', row({ pricing: { input: { diem: 1 }, output: { diem: 2 } } }), bare(ID)],
    ['pricing a string → zeros', row({ pricing: 'free' }), bare(ID)],
    // deprecation and offline
    ['deprecation date', row({ deprecation: { date: '2026-03-01T00:00:00.000Z' } }), bare(ID, { deprecated: '2026-03-01T00:00:00.000Z' })],
    ['deprecation without a date → null', row({ deprecation: { autoRemap: true } }), bare(ID)],
    ['deprecation of wrong type → null', row({ deprecation: '2026-03-01' }), bare(ID)],
    ['offline true', row({ offline: true }), bare(ID, { offline: true })],
    ['offline a string → false', row({ offline: 'true' }), bare(ID)],
    // skipped rows
    ['type image → skipped', { id: ID, type: 'image' }, undefined],
    ['type embedding → skipped', { id: ID, type: 'embedding', model_spec: { name: 'E' } }, undefined],
    ['no id → skipped', { type: 'text', model_spec: { name: 'Nameless' } }, undefined],
    ['empty id → skipped', { id: '', type: 'text' }, undefined],
    ['numeric id → skipped', { id: 7, type: 'text' }, undefined],
    ['id with whitespace → skipped', { id: 'two words', type: 'text' }, undefined],
    ['null → skipped', null, undefined],
    ['a string → skipped', 'llama-3.3-70b', undefined],
    ['an array → skipped', ['llama-3.3-70b'], undefined],
  ])('%s', (_name, input, expected) => {
    expect(mapModelRow(input)).toEqual(expected);
  });

  it('a known id with a sparse row keeps what the static catalog knows', () => {
    expect(mapModelRow({ id: 'qwen3-4b', type: 'text' })).toEqual({
      id: 'qwen3-4b',
      name: 'Venice Small (Qwen3 4B)',
      privacy: 'private',
      tier: 'private',
      contextWindow: 32768,
      maxTokens: 4096,
      capabilities: { vision: false, tools: true, reasoning: true, code: false },
      cost: ZERO_COST,
      deprecated: null,
      offline: false,
    });
  });

  it('live values win over the static catalog for the same id', () => {
    const live = {
      id: 'qwen3-4b',
      type: 'text',
      model_spec: {
        name: 'Qwen3 4B (live)',
        privacy: 'anonymized',
        availableContextTokens: 40960,
        maxCompletionTokens: 16384,
        capabilities: { supportsReasoning: false, supportsVision: true },
      },
    };
    expect(mapModelRow(live)).toEqual({
      id: 'qwen3-4b',
      name: 'Qwen3 4B (live)',
      privacy: 'anonymized',
      tier: 'anonymized',
      contextWindow: 40960,
      maxTokens: 16384,
      capabilities: { vision: true, tools: true, reasoning: false, code: false },
      cost: ZERO_COST,
      deprecated: null,
      offline: false,
      reported: { maxTokens: 16384, contextWindow: 40960 },
    });
  });

  it('never throws and always keeps its invariants, whatever the row', () => {
    const field = fc.oneof(fc.anything(), fc.integer(), fc.boolean(), fc.string(), fc.constant(undefined));
    const arbRow = fc.oneof(
      fc.anything(),
      fc.record(
        {
          id: fc.oneof(fc.string(), fc.constantFrom('llama-3.3-70b', 'qwen3-4b', 'x-thinking'), field),
          type: fc.oneof(fc.constantFrom('text', 'image'), field),
          context_length: field,
          model_spec: fc.oneof(
            field,
            fc.record(
              {
                name: field,
                privacy: fc.oneof(fc.constantFrom('private', 'anonymized'), field),
                availableContextTokens: fc.oneof(fc.integer({ min: -10, max: 2_000_000 }), field),
                maxCompletionTokens: fc.oneof(fc.integer({ min: -10, max: 2_000_000 }), field),
                offline: field,
                deprecation: fc.oneof(fc.record({ date: field }), field),
                pricing: fc.oneof(fc.record({ input: fc.record({ usd: field }), output: field }), field),
                capabilities: fc.oneof(
                  fc.record(
                    { supportsVision: field, supportsFunctionCalling: field, supportsReasoning: field, optimizedForCode: field },
                    { requiredKeys: [] },
                  ),
                  field,
                ),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(arbRow, (input) => {
        const m = mapModelRow(input);
        if (m === undefined) return;
        expect(m.id).toMatch(/^\S+$/);
        expect(['private', 'anonymized', 'unknown']).toContain(m.privacy);
        expect(m.tier === m.privacy || m.tier === 'tee' || m.tier === 'e2ee').toBe(true);
        expect(Number.isInteger(m.contextWindow) && m.contextWindow > 0).toBe(true);
        expect(Number.isInteger(m.maxTokens) && m.maxTokens > 0).toBe(true);
        expect(m.maxTokens).toBeLessThanOrEqual(m.contextWindow);
        expect(Object.values(m.capabilities).every((v) => typeof v === 'boolean')).toBe(true);
        expect(Object.values(m.cost).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
        expect(typeof m.offline).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});

describe('mapModelRow: privacy tiers (SPEC §4.3a)', () => {
  it('the 113 text rows of the snapshot: 13 E2EE (each with supportsE2EE), no TEE, the rest as Venice says', () => {
    const models = mapModelsResponse(SNAPSHOT_TEXT_ROWS);
    expect(models).toHaveLength(113);
    const e2ee = models.filter((m) => m.tier === 'e2ee').map((m) => m.id);
    expect(e2ee).toEqual([
      'e2ee-deepseek-v4-flash',
      'e2ee-gemma-3-27b-p',
      'e2ee-gemma-4-26b-a4b-uncensored-p',
      'e2ee-gemma-4-31b',
      'e2ee-glm-5-1',
      'e2ee-glm-5-2-p',
      'e2ee-gpt-oss-120b-p',
      'e2ee-gpt-oss-20b-p',
      'e2ee-qwen-2-5-7b-p',
      'e2ee-qwen3-6-27b',
      'e2ee-qwen3-6-35b-a3b',
      'e2ee-qwen3-vl-30b-a3b-p',
      'e2ee-qwen3-6-35b-a3b-uncensored-p',
    ]);
    // Venice calls them private; the tier says more, and privacy stays as Venice says it.
    expect(models.filter((m) => m.tier === 'e2ee').every((m) => m.privacy === 'private')).toBe(true);
    expect(models.filter((m) => m.tier === 'tee')).toEqual([]);
    for (const m of models.filter((x) => x.tier !== 'e2ee')) expect(m.tier, m.id).toBe(m.privacy);
  });

  it('the TEE row: tier tee, privacy private', () => {
    expect(mapModelRow(TEE_ROW)).toMatchObject({ id: 'tee-qwen3-6-35b-a3b', privacy: 'private', tier: 'tee' });
  });

  it.each<[string, unknown, string]>([
    ['supportsE2EE wins over supportsTeeAttestation', caps({ supportsE2EE: true, supportsTeeAttestation: true }), 'e2ee'],
    ['supportsTeeAttestation alone', caps({ supportsTeeAttestation: true }), 'tee'],
    ['flags of the wrong type count for nothing', caps({ supportsE2EE: 'yes', supportsTeeAttestation: 1 }), 'unknown'],
    ['an e2ee- id without flags', { id: 'e2ee-acme', type: 'text', model_spec: { privacy: 'private' } }, 'e2ee'],
    ['a tee- id without flags', { id: 'tee-acme', type: 'text', model_spec: { privacy: 'private' } }, 'tee'],
    ['an anonymized row', row({ privacy: 'anonymized' }), 'anonymized'],
  ])('%s → %s', (_name, input, tier) => {
    expect(mapModelRow(input)?.tier).toBe(tier);
  });
});

describe('mapModelsResponse', () => {
  it('maps the live envelope of the snapshot text rows: 113 models, in order', () => {
    const models = mapModelsResponse(envelope(SNAPSHOT_TEXT_ROWS));
    expect(models).toHaveLength(113);
    expect(models.map((m) => m.id)).toEqual(SNAPSHOT_TEXT_ROWS.map((r) => r.id));
  });

  it('maps a bare array, skipping the 215 non-text rows', () => {
    expect(mapModelsResponse(SNAPSHOT_ROWS).map((m) => m.id)).toEqual(SNAPSHOT_TEXT_ROWS.map((r) => r.id));
  });

  it('keeps the first of duplicate ids', () => {
    const first = { id: ID, type: 'text', model_spec: { name: 'First' } };
    const second = { id: ID, type: 'text', model_spec: { name: 'Second' } };
    expect(mapModelsResponse({ data: [first, second] })).toEqual([bare(ID, { name: 'First' })]);
  });

  it('a duplicate after a skipped row of the same id still counts as the first good one', () => {
    expect(mapModelsResponse({ data: [{ id: ID, type: 'image' }, { id: ID, type: 'text' }] })).toEqual([bare(ID)]);
  });

  it('never lets bad rows drop the good ones', () => {
    const rows = [null, 42, 'x', [], {}, { id: '' }, snapshotRow('llama-3.3-70b'), { id: 'b', model_spec: 'broken' }, GOBHA_IMAGE_ROW, GOBHA_TEXT_ROW, { id: 5 }];
    expect(mapModelsResponse({ data: rows }).map((m) => m.id)).toEqual(['llama-3.3-70b', 'b', 'grok-4-3']);
  });

  it('an empty list maps to no model (the caller decides it is unusable)', () => {
    expect(mapModelsResponse({ object: 'list', data: [] })).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['data an object', { data: {} }],
    ['data a string', { data: 'models' }],
    ['data null', { data: null }],
    ['no data', { object: 'list' }],
    ['null', null],
    ['a string', 'text'],
    ['a number', 42],
  ])('throws when there is no list: %s', (_name, body) => {
    expect(() => mapModelsResponse(body)).toThrow(TypeError);
  });
});

describe('mapStringMap (renames, traits)', () => {
  it('keeps string → non-empty string pairs only', () => {
    expect(
      mapStringMap({ data: { 'claude-opus-45': 'claude-opus-4-5', a: 5, b: '', c: null, d: { id: 'x' } } }),
    ).toEqual({ 'claude-opus-45': 'claude-opus-4-5' });
  });

  it.each([null, 'x', [], { data: [] }, { data: 'x' }, {}])('anything else is an empty map: %j', (body) => {
    expect(mapStringMap(body)).toEqual({});
  });

  it('maps the traits fixture as role → id', () => {
    expect(mapStringMap({ data: { default: 'zai-org-glm-5-2', default_code: 'deepseek-v4-pro-0813' } })).toEqual({
      default: 'zai-org-glm-5-2',
      default_code: 'deepseek-v4-pro-0813',
    });
  });
});
