import { describe, expect, it } from 'vitest';
import { mapModelsResponse } from '../../src/catalog/map-models.js';
import { chooseDefaultModel, listRecommendations, RECOMMENDATIONS, recommendationsById } from '../../src/catalog/recommendations.js';
import type { CatalogModel } from '../../src/core/types.js';
import { STATIC_MODELS } from '../../src/catalog/static-catalog.js';
import { SNAPSHOT_TEXT_ROWS, SNAPSHOT_TRAITS } from '../support/fixtures.js';

const LIVE = mapModelsResponse(SNAPSHOT_TEXT_ROWS);
const pairs = (recs: ReturnType<typeof listRecommendations>) => recs.map((r) => [r.label, r.model.id]);

describe('listRecommendations (SPEC §4.4)', () => {
  it('declares the seven recommendations of the spec, in order', () => {
    expect(RECOMMENDATIONS).toEqual([
      ['general chat', 'llama-3.3-70b', 'default'],
      ['best quality', 'claude-opus-45', 'most_intelligent'],
      ['coding', 'qwen3-coder-480b-a35b-instruct', 'default_code'],
      ['vision', 'qwen3-vl-235b-a22b', 'default_vision'],
      ['uncensored', 'venice-uncensored', 'most_uncensored'],
      ['fast and cheap', 'qwen3-4b'],
      ['complex reasoning', 'deepseek-v3.2', 'default_reasoning'],
    ]);
  });

  it('static catalog: all 7, each the catalog model itself', () => {
    const recs = listRecommendations(STATIC_MODELS);
    expect(pairs(recs)).toEqual(RECOMMENDATIONS.map(([label, id]) => [label, id]));
    for (const r of recs) expect(STATIC_MODELS).toContain(r.model);
  });

  it('live catalog with claude-opus-45 renamed: it resolves to claude-opus-4-5; absent models are dropped', () => {
    // The snapshot has no qwen3-coder-480b-a35b-instruct (only -turbo), venice-uncensored or qwen3-4b.
    expect(pairs(listRecommendations(LIVE, { 'claude-opus-45': 'claude-opus-4-5' }))).toEqual([
      ['general chat', 'llama-3.3-70b'],
      ['best quality', 'claude-opus-4-5'],
      ['vision', 'qwen3-vl-235b-a22b'],
      ['complex reasoning', 'deepseek-v3.2'],
    ]);
  });

  it('live catalog without the mapping: the renamed model is not shown', () => {
    expect(pairs(listRecommendations(LIVE))).toEqual([
      ['general chat', 'llama-3.3-70b'],
      ['vision', 'qwen3-vl-235b-a22b'],
      ['complex reasoning', 'deepseek-v3.2'],
    ]);
  });

  it('an empty catalog recommends nothing', () => {
    expect(listRecommendations([], {}, SNAPSHOT_TRAITS)).toEqual([]);
  });

  it("traits stand in for absent models (coding, uncensored) and add Venice's defaults after the spec list", () => {
    expect(pairs(listRecommendations(LIVE, { 'claude-opus-45': 'claude-opus-4-5' }, SNAPSHOT_TRAITS))).toEqual([
      ['general chat', 'llama-3.3-70b'],
      ['best quality', 'claude-opus-4-5'],
      ['coding', 'deepseek-v4-pro-0813'],
      ['vision', 'qwen3-vl-235b-a22b'],
      ['uncensored', 'venice-uncensored-1-2'],
      ['complex reasoning', 'deepseek-v3.2'],
      ['Venice default', 'zai-org-glm-5-2'],
      ['Venice default for code', 'deepseek-v4-pro-0813'],
      ['Venice default for reasoning', 'kimi-k3'],
      ['Venice default for vision', 'qwen-3-8-27b'],
      ['Venice default for tools', 'zai-org-glm-5-2'],
      ['most intelligent (Venice)', 'grok-4-6'],
      ['most uncensored (Venice)', 'venice-uncensored-1-2'],
    ]);
  });

  it('a trait naming an absent model is dropped; an unknown role keeps its own words; traits follow renames', () => {
    const traits = { default: 'not-in-catalog', some_new_role: 'llama-3.3-70b', default_vision: 'old-vl' };
    expect(pairs(listRecommendations(STATIC_MODELS, { 'old-vl': 'qwen3-vl-235b-a22b' }, traits)).slice(7)).toEqual([
      ['some new role', 'llama-3.3-70b'],
      ['Venice default for vision', 'qwen3-vl-235b-a22b'],
    ]);
  });
});

describe('listRecommendations: never a model OpenClaw should not get (SPEC §4.4)', () => {
  const mark = (over: Partial<CatalogModel> & { id: string }) => STATIC_MODELS.map((m) => (m.id === over.id ? { ...m, ...over } : m));

  it('a deprecated qwen3-4b: "fast and cheap" has no Venice role to stand in, so the row is dropped', () => {
    const recs = pairs(listRecommendations(mark({ id: 'qwen3-4b', deprecated: '2026-09-01T00:00:00.000Z' }), {}, SNAPSHOT_TRAITS));
    expect(recs.find(([label]) => label === 'fast and cheap')).toBeUndefined();
    expect(recs.map(([, id]) => id)).not.toContain('qwen3-4b');
  });

  it("an offline recommendation gives way to Venice's trait for the role", () => {
    const models = [...mark({ id: 'llama-3.3-70b', offline: true }), { ...STATIC_MODELS[1]!, id: 'zai-org-glm-5-2', name: 'GLM 5.2' }];
    expect(pairs(listRecommendations(models, {}, { default: 'zai-org-glm-5-2' })).slice(0, 2)).toEqual([
      ['general chat', 'zai-org-glm-5-2'],
      ['best quality', 'claude-opus-45'],
    ]);
  });

  it('E2EE models are never recommended, not even by a trait of Venice', () => {
    const recs = listRecommendations(LIVE, {}, { ...SNAPSHOT_TRAITS, default_code: 'e2ee-glm-5-2-p', most_private: 'e2ee-qwen3-6-27b' });
    expect(recs.some((r) => r.model.tier === 'e2ee')).toBe(false);
    expect(pairs(recs).find(([label]) => label === 'coding')).toBeUndefined();
  });

  it('every recommendation of the snapshot, with its traits and renames, is callable, current and online', () => {
    const recs = listRecommendations(LIVE, { 'claude-opus-45': 'claude-opus-4-5' }, SNAPSHOT_TRAITS);
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) expect([r.label, r.model.tier !== 'e2ee' && r.model.deprecated === null && !r.model.offline]).toEqual([r.label, true]);
  });
});

describe('chooseDefaultModel (SPEC §4.4: a run without --model)', () => {
  const without = (id: string) => LIVE.filter((m) => m.id !== id);

  it('llama-3.3-70b when the list has it, with no reason to give', () => {
    expect(chooseDefaultModel(LIVE, SNAPSHOT_TRAITS, 'llama-3.3-70b')).toEqual({ model: LIVE.find((m) => m.id === 'llama-3.3-70b') });
  });

  it("else Venice's default role", () => {
    const r = chooseDefaultModel(without('llama-3.3-70b'), SNAPSHOT_TRAITS, 'llama-3.3-70b');
    expect([r?.model.id, r?.reason]).toEqual(['zai-org-glm-5-2', "llama-3.3-70b is not in the model list; using Venice's default model"]);
  });

  it('else the first private model that is callable, current and online (the snapshot starts with E2EE and deprecated rows)', () => {
    const r = chooseDefaultModel(without('llama-3.3-70b'), {}, 'llama-3.3-70b');
    const first = LIVE.find((m) => m.privacy === 'private' && m.tier !== 'e2ee' && m.deprecated === null && !m.offline && m.id !== 'llama-3.3-70b');
    expect([r?.model.id, r?.reason]).toEqual([first?.id, 'llama-3.3-70b is not in the model list; using the first private model of the list']);
  });

  it('a deprecated llama-3.3-70b is passed over, and the reason says so', () => {
    const models = LIVE.map((m) => (m.id === 'llama-3.3-70b' ? { ...m, deprecated: '2026-09-01T00:00:00.000Z' } : m));
    expect(chooseDefaultModel(models, SNAPSHOT_TRAITS, 'llama-3.3-70b')?.reason).toBe("llama-3.3-70b cannot be used right now; using Venice's default model");
  });

  it("a Venice default that is E2EE is passed over too; nothing usable: undefined", () => {
    const r = chooseDefaultModel(without('llama-3.3-70b'), { default: 'e2ee-glm-5-2-p' }, 'llama-3.3-70b');
    expect(r?.model.tier).toBe('private');
    expect(chooseDefaultModel(LIVE.filter((m) => m.tier === 'e2ee'), SNAPSHOT_TRAITS, 'llama-3.3-70b')).toBeUndefined();
  });
});

describe('recommendationsById', () => {
  it('groups the labels of each model, in order', () => {
    const byId = recommendationsById(listRecommendations(LIVE, {}, SNAPSHOT_TRAITS));
    expect(byId.get('zai-org-glm-5-2')).toEqual(['Venice default', 'Venice default for tools']);
    expect(byId.get('llama-3.3-70b')).toEqual(['general chat']);
    expect(byId.get('claude-opus-4-5')).toBeUndefined();
    expect(byId.size).toBe(9);
    expect(byId.get('deepseek-v4-pro-0813')).toEqual(['coding', 'Venice default for code']);
  });
});
