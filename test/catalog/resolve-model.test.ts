import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapModelRow, mapModelsResponse } from '../../src/catalog/map-models.js';
import { requireModel } from '../../src/catalog/require-model.js';
import { closestIds, levenshtein, resolveModel, siblingOf, stripVenicePrefix } from '../../src/catalog/resolve-model.js';
import { STATIC_MODELS } from '../../src/catalog/static-catalog.js';
import type { Catalog } from '../../src/core/types.js';
import type { CliError } from '../../src/errors.js';
import { SNAPSHOT_ROWS, TEE_ROW } from '../support/fixtures.js';

const LIVE = mapModelsResponse(SNAPSHOT_ROWS);
const RENAMES = { 'claude-opus-45': 'claude-opus-4-5', 'claude-sonnet-45': 'claude-sonnet-4-5', 'gone-model': 'also-gone' };

/** What a resolution comes to, in one comparable value. */
function outcome(input: string, models = STATIC_MODELS, renames: Record<string, string> = {}) {
  const r = resolveModel(input, models, renames);
  return r.ok ? { ok: true, id: r.model.id, renamedFrom: r.renamedFrom } : { ok: false, reason: r.reason, suggestions: r.suggestions };
}

describe('resolveModel (SPEC §4.3)', () => {
  it.each<[string, string, ReturnType<typeof outcome>]>([
    ['exact id', 'llama-3.3-70b', { ok: true, id: 'llama-3.3-70b', renamedFrom: undefined }],
    ['venice/ prefix', 'venice/llama-3.3-70b', { ok: true, id: 'llama-3.3-70b', renamedFrom: undefined }],
    ['surrounding spaces', '  venice/deepseek-v3.2 ', { ok: true, id: 'deepseek-v3.2', renamedFrom: undefined }],
    ['another provider prefix', 'anthropic/claude-opus-45', { ok: false, reason: 'other-provider', suggestions: [] }],
    ['openrouter-style nested ref', 'openrouter/venice/llama-3.3-70b', { ok: false, reason: 'other-provider', suggestions: [] }],
    ['venice/ then another provider', 'venice/openai/gpt-52', { ok: false, reason: 'other-provider', suggestions: [] }],
    ['typo: closest first', 'lama-3.3-70b', { ok: false, reason: 'unknown', suggestions: ['llama-3.3-70b', 'llama-3.2-3b'] }],
    ['typo in deepseek', 'venice/deepsek-v3.2', { ok: false, reason: 'unknown', suggestions: ['deepseek-v3.2'] }],
    ['substring: at most 3', 'gpt', { ok: false, reason: 'unknown', suggestions: ['openai-gpt-52', 'openai-gpt-52-codex', 'openai-gpt-oss-120b'] }],
    ['wrong case is not an id, but suggested', 'LLAMA-3.3-70B', { ok: false, reason: 'unknown', suggestions: ['llama-3.3-70b', 'llama-3.2-3b'] }],
    ['nothing close', 'zzzzzzzzzzzzzzzz', { ok: false, reason: 'unknown', suggestions: [] }],
    ['empty after the prefix', 'venice/', { ok: false, reason: 'unknown', suggestions: [] }],
  ])('static catalog: %s', (_name, input, expected) => {
    expect(outcome(input)).toEqual(expected);
  });

  it.each<[string, string, ReturnType<typeof outcome>]>([
    ['renamed id', 'claude-opus-45', { ok: true, id: 'claude-opus-4-5', renamedFrom: 'claude-opus-45' }],
    ['renamed id with prefix', 'venice/claude-sonnet-45', { ok: true, id: 'claude-sonnet-4-5', renamedFrom: 'claude-sonnet-45' }],
    ['an exact id wins over a rename', 'claude-opus-4-5', { ok: true, id: 'claude-opus-4-5', renamedFrom: undefined }],
    ['rename to an absent id is unknown', 'gone-model', { ok: false, reason: 'unknown', suggestions: [] }],
    ['unknown: 3 closest live ids', 'claude-opus-46', { ok: false, reason: 'unknown', suggestions: ['claude-opus-4-6', 'claude-opus-4-5', 'claude-opus-4-7'] }],
  ])('live catalog with renames: %s', (_name, input, expected) => {
    expect(outcome(input, LIVE, RENAMES)).toEqual(expected);
  });

  it('without the mapping, a renamed id is unknown and the new id is suggested', () => {
    const r = resolveModel('claude-opus-45', LIVE);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.suggestions).toContain('claude-opus-4-5');
  });

  it('returns the catalog object itself', () => {
    const r = resolveModel('venice/qwen3-4b', STATIC_MODELS);
    expect(r.ok && r.model).toBe(STATIC_MODELS.find((m) => m.id === 'qwen3-4b'));
  });

  it('property: every catalog id resolves to itself, with or without venice/', () => {
    const ids = LIVE.map((m) => m.id);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.boolean(), (id, prefixed) => {
        const r = resolveModel(prefixed ? `venice/${id}` : id, LIVE);
        expect(r.ok && r.model.id).toBe(id);
      }),
    );
  });

  it('property: another provider prefix is never accepted', () => {
    const provider = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/).filter((p) => p !== 'venice');
    fc.assert(
      fc.property(provider, fc.constantFrom(...LIVE.map((m) => m.id)), (p, id) => {
        expect(resolveModel(`${p}/${id}`, LIVE)).toEqual({ ok: false, reason: 'other-provider', input: `${p}/${id}`, suggestions: [] });
      }),
    );
  });

  it('property: suggestions are at most 3 distinct catalog ids', () => {
    const ids = new Set(LIVE.map((m) => m.id));
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }).filter((s) => !s.includes('/') && !ids.has(s.trim())), (input) => {
        const r = resolveModel(input, LIVE);
        expect(r.ok).toBe(false);
        const suggestions = r.ok ? [] : r.suggestions;
        expect(suggestions.length).toBeLessThanOrEqual(3);
        expect(new Set(suggestions).size).toBe(suggestions.length);
        for (const s of suggestions) expect(ids.has(s)).toBe(true);
      }),
    );
  });
});

describe('helpers', () => {
  it.each([
    ['venice/llama-3.3-70b', 'llama-3.3-70b'],
    [' llama-3.3-70b ', 'llama-3.3-70b'],
    ['venice/venice/x', 'venice/x'],
    ['anthropic/claude', 'anthropic/claude'],
  ])('stripVenicePrefix(%j) = %j', (input, expected) => {
    expect(stripVenicePrefix(input)).toBe(expected);
  });

  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['llama-3.3-70b', 'llama-3.2-3b', 3],
  ])('levenshtein(%j, %j) = %i', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });

  it('closestIds puts substring matches first, then edit distance, ties by name', () => {
    expect(closestIds('qwen3', ['qwen3-4b', 'qwen2', 'qwen3-next-80b', 'llama'], 3)).toEqual(['qwen3-4b', 'qwen3-next-80b', 'qwen2']);
  });
});

describe('E2EE models and OpenClaw (SPEC §4.3a)', () => {
  const live: Catalog = { source: 'live', fetchedAt: '2026-08-22T00:00:00.000Z', models: LIVE, renames: {}, traits: {} };
  const refusal = (input: string, config?: unknown) => {
    try {
      requireModel(input, live, config);
    } catch (error) {
      const e = error as CliError;
      return { code: e.code, exitCode: e.exitCode, message: e.message, hint: e.hint };
    }
    return undefined;
  };
  const SAYS = "is end-to-end encrypted: OpenClaw's OpenAI-style client cannot encrypt prompts for its enclave, so your agent would fail on its first message.";

  it.each<[string, string | undefined]>([
    ['e2ee-glm-5-1', 'zai-org-glm-5-1'],
    ['e2ee-glm-5-2-p', 'zai-org-glm-5-2'],
    ['e2ee-gpt-oss-120b-p', 'openai-gpt-oss-120b'],
    ['e2ee-qwen3-6-35b-a3b', 'qwen3-6-35b-a3b'],
    ['e2ee-deepseek-v4-flash', 'deepseek-v4-flash'],
    ['e2ee-qwen3-6-27b', 'qwen3-6-27b'],
    ['e2ee-gemma-3-27b-p', undefined],
    ['e2ee-qwen-2-5-7b-p', undefined],
  ])('siblingOf %s → %s', (id, sibling) => {
    expect(siblingOf(id, LIVE)?.id).toBe(sibling);
  });

  it('a TEE sibling comes before a private one', () => {
    const tee = mapModelRow(TEE_ROW)!;
    expect(siblingOf('e2ee-qwen3-6-35b-a3b', [...LIVE, tee])?.id).toBe('tee-qwen3-6-35b-a3b');
  });

  it('--model e2ee-glm-5-1 is refused (exit 1), naming the private sibling', () => {
    expect(refusal('venice/e2ee-glm-5-1')).toEqual({
      code: 'model-e2ee',
      exitCode: 1,
      message: `venice/e2ee-glm-5-1 ${SAYS}`,
      hint: 'Use venice/zai-org-glm-5-1 (GLM 5.1, private) instead, or pick another with venice-onboard models list.',
    });
  });

  it('without a sibling, the hint names the tiers to look in', () => {
    expect(refusal('e2ee-gemma-3-27b-p')?.hint).toBe('Pick a TEE or private model instead: venice-onboard models list --privacy tee, or --privacy private.');
  });

  it("an E2EE entry of the user's own Venice block is refused too, even when Venice no longer lists it", () => {
    const config = { models: { providers: { venice: { models: [{ id: 'e2ee-old-model', name: 'Old' }] } } } };
    expect(refusal('e2ee-old-model', config)?.code).toBe('model-e2ee');
  });

  it('an unknown id never gets an E2EE suggestion', () => {
    const r = resolveModel('e2ee-glm-5', LIVE);
    expect(r.ok ? [] : r.suggestions.filter((s) => s.startsWith('e2ee-'))).toEqual([]);
  });
});
