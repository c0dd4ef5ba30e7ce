import { describe, expect, it } from 'vitest';
import { describeOverride, findAgentOverrides } from '../../src/core/agent-models.js';

/**
 * Agents with a model of their own (issue 15, item 6): `agents.list[]` up to OpenClaw 2026.7,
 * `agents.entries.<id>` from 2026.8.1; `model` is a ref or `{primary, fallbacks}` (`openclaw config schema`).
 */

const venice = { models: { providers: { venice: { models: [{ id: 'llama-3.3-70b' }, { id: 'qwen3-4b' }] }, openrouter: { models: [{ id: 'gpt-x' }] } } } };

describe('findAgentOverrides', () => {
  it('agents.list: each agent whose model is not Venice, with the path that switches it (string and object forms)', () => {
    const config = {
      agents: {
        defaults: { model: { primary: 'venice/llama-3.3-70b' } },
        list: [
          { id: 'main', default: true, model: 'anthropic/claude-opus-4-6' },
          { id: 'quiet' },
          { id: 'work', model: { primary: 'openrouter/meta/llama-4', fallbacks: ['venice/qwen3-4b'] } },
          { id: 'private', model: 'venice/qwen3-4b' },
          { id: 'fallbacks-only', model: { fallbacks: ['openai/gpt-5'] } },
        ],
      },
    };
    expect(findAgentOverrides(config)).toEqual([
      { id: 'main', isDefault: true, ref: 'anthropic/claude-opus-4-6', path: 'agents.list[0].model' },
      { id: 'work', isDefault: false, ref: 'openrouter/meta/llama-4', path: 'agents.list[2].model.primary' },
    ]);
  });

  it('agents.list without a default marker: the first agent is the default', () => {
    const config = { agents: { list: [{ id: 'a', model: 'openai/gpt-5' }, { id: 'b', model: 'openai/gpt-5' }] } };
    expect(findAgentOverrides(config).map((a) => [a.id, a.isDefault])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('agents.list: an entry without an id is named by its index; entries that are not objects are skipped', () => {
    const config = { agents: { list: ['main', { model: 'openai/gpt-5' }] } };
    expect(findAgentOverrides(config)).toEqual([{ id: '#1', isDefault: true, ref: 'openai/gpt-5', path: 'agents.list[1].model' }]);
  });

  it('agents.entries (2026.8.1 and later): keyed by id; a sole agent is the default', () => {
    expect(findAgentOverrides({ agents: { entries: { home: { model: 'openai/gpt-5' } } } })).toEqual([
      { id: 'home', isDefault: true, ref: 'openai/gpt-5', path: 'agents.entries.home.model' },
    ]);
    const two = { agents: { entries: { home: { model: { primary: 'openai/gpt-5' } }, work: { model: 'venice/qwen3-4b' }, spare: {} } } };
    expect(findAgentOverrides(two)).toEqual([{ id: 'home', isDefault: false, ref: 'openai/gpt-5', path: 'agents.entries.home.model.primary' }]);
  });

  it('a bare name is read as OpenClaw does: an alias first (the agent\'s own map, then the defaults\'), then a model id of one provider', () => {
    const config = {
      ...venice,
      agents: {
        defaults: { models: { 'venice/qwen3-4b': { alias: 'small' }, 'openai/gpt-5': { alias: 'gpt' } } },
        list: [
          { id: 'alias-venice', model: 'small' },
          { id: 'alias-other', model: 'gpt' },
          { id: 'own-alias', model: 'gpt', models: { 'venice/llama-3.3-70b': { alias: 'gpt' } } },
          { id: 'venice-id', model: 'llama-3.3-70b' },
          { id: 'other-id', model: 'gpt-x' },
          { id: 'unknown', model: 'mystery' },
        ],
      },
    };
    expect(findAgentOverrides(config).map((a) => a.id)).toEqual(['alias-other', 'other-id', 'unknown']);
  });

  it.each([[{}], [{ agents: { list: {} } }], [{ agents: { entries: [] } }], [{ agents: { list: [{ id: 'x', model: '' }, { id: 'y', model: 3 }] } }], [null]])('finds nothing in %j', (config) => {
    expect(findAgentOverrides(config)).toEqual([]);
  });
});

describe('describeOverride', () => {
  it('names the agent, its model, and the exact edit', () => {
    expect(describeOverride({ id: 'work', isDefault: false, ref: 'openrouter/meta/llama-4', path: 'agents.list[1].model.primary' }, 'venice/llama-3.3-70b')).toBe(
      'Agent "work" keeps its own model openrouter/meta/llama-4: to use Venice, set agents.list[1].model.primary to "venice/llama-3.3-70b".',
    );
    expect(describeOverride({ id: 'main', isDefault: true, ref: 'openai/gpt-5', path: 'agents.list[0].model' }, 'venice/qwen3-4b')).toBe(
      'Agent "main" (the default agent) keeps its own model openai/gpt-5: to use Venice, set agents.list[0].model to "venice/qwen3-4b".',
    );
  });
});
