import { describe, expect, it } from 'vitest';
import { mapModelsResponse } from '../../src/catalog/map-models.js';
import { listRecommendations, RECOMMENDATIONS, recommendationsById } from '../../src/catalog/recommendations.js';
import { STATIC_MODELS } from '../../src/catalog/static-catalog.js';
import { SNAPSHOT_TEXT_ROWS, SNAPSHOT_TRAITS } from '../support/fixtures.js';

const LIVE = mapModelsResponse(SNAPSHOT_TEXT_ROWS);
const pairs = (recs: ReturnType<typeof listRecommendations>) => recs.map((r) => [r.label, r.model.id]);

describe('listRecommendations (SPEC §4.4)', () => {
  it('declares the seven recommendations of the spec, in order', () => {
    expect(RECOMMENDATIONS).toEqual([
      ['general chat', 'llama-3.3-70b'],
      ['best quality', 'claude-opus-45'],
      ['coding', 'qwen3-coder-480b-a35b-instruct'],
      ['vision', 'qwen3-vl-235b-a22b'],
      ['uncensored', 'venice-uncensored'],
      ['fast and cheap', 'qwen3-4b'],
      ['complex reasoning', 'deepseek-v3.2'],
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

  it('traits add Venice defaults after the spec list', () => {
    expect(pairs(listRecommendations(LIVE, { 'claude-opus-45': 'claude-opus-4-5' }, SNAPSHOT_TRAITS))).toEqual([
      ['general chat', 'llama-3.3-70b'],
      ['best quality', 'claude-opus-4-5'],
      ['vision', 'qwen3-vl-235b-a22b'],
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

describe('recommendationsById', () => {
  it('groups the labels of each model, in order', () => {
    const byId = recommendationsById(listRecommendations(LIVE, {}, SNAPSHOT_TRAITS));
    expect(byId.get('zai-org-glm-5-2')).toEqual(['Venice default', 'Venice default for tools']);
    expect(byId.get('llama-3.3-70b')).toEqual(['general chat']);
    expect(byId.get('claude-opus-4-5')).toBeUndefined();
    expect(byId.size).toBe(9);
  });
});
