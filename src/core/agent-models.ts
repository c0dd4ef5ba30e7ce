import { getPath, isObject } from './openclaw-config.js';

/**
 * Agents that set their own model, and so never use the default we write (pure). OpenClaw keeps
 * its agents in `agents.list[]` (`{id, default?, model?}`) up to 2026.7, and in the map
 * `agents.entries.<id>` from 2026.8.1 (`default` retired; `openclaw doctor --fix` migrates the
 * list). An agent's `model` is a ref string or `{primary, fallbacks}` (`openclaw config schema`).
 */
interface AgentOverride {
  /** `agents.list[].id` (else its index), or the agent's key in `agents.entries`. */
  id: string;
  /** `default: true`: the agent that answers when no binding picks another. */
  isDefault: boolean;
  /** The model the agent uses, as written. */
  ref: string;
  /** Where a Venice ref switches it, e.g. `agents.list[1].model` or `agents.entries.work.model.primary`. */
  path: string;
}

interface Agent {
  id: string;
  isDefault: boolean;
  value: Record<string, unknown>;
  path: string;
}

function listAgents(config: unknown): Agent[] {
  const agents: Agent[] = [];
  const list = getPath(config, ['agents', 'list']);
  if (Array.isArray(list)) {
    // Without a `default: true`, the first agent of the list is the default (OpenClaw's doctor keeps it so).
    const marked = list.some((value) => isObject(value) && value.default === true);
    const first = list.findIndex(isObject);
    list.forEach((value, index) => {
      if (!isObject(value)) return;
      const isDefault = marked ? value.default === true : index === first;
      agents.push({ id: typeof value.id === 'string' ? value.id : `#${index}`, isDefault, value, path: `agents.list[${index}]` });
    });
  }
  const entries = getPath(config, ['agents', 'entries']);
  if (isObject(entries)) {
    // A sole agent answers everything; of several, the one still marked `default: true`.
    const sole = Object.values(entries).filter(isObject).length === 1;
    for (const [id, value] of Object.entries(entries)) {
      if (isObject(value)) agents.push({ id, isDefault: sole || value.default === true, value, path: `agents.entries.${id}` });
    }
  }
  return agents;
}

/**
 * The provider a ref names: `provider/model`, or a bare name, which OpenClaw reads first as an
 * alias (`models["provider/model"].alias`, the agent's own map, then the defaults'), then as the id
 * of a configured provider's model. Undefined when we cannot tell.
 */
function providerOf(ref: string, config: unknown, agent: Agent): string | undefined {
  if (ref.includes('/')) return ref.slice(0, ref.indexOf('/'));
  for (const map of [agent.value.models, getPath(config, ['agents', 'defaults', 'models'])]) {
    if (!isObject(map)) continue;
    const target = Object.keys(map).find((key) => isObject(map[key]) && map[key].alias === ref);
    if (target !== undefined) return target.includes('/') ? target.slice(0, target.indexOf('/')) : undefined;
  }
  const providers = getPath(config, ['models', 'providers']);
  if (!isObject(providers)) return undefined;
  const owners = Object.keys(providers).filter((name) => {
    const models = getPath(providers[name], ['models']);
    return Array.isArray(models) && models.some((m) => isObject(m) && m.id === ref);
  });
  return owners.length === 1 ? owners[0] : undefined;
}

/** Each agent whose own model is not a Venice model, in the order of the config. */
export function findAgentOverrides(config: unknown): AgentOverride[] {
  const out: AgentOverride[] = [];
  for (const agent of listAgents(config)) {
    const model = agent.value.model;
    // `{fallbacks}` without a primary keeps the default's primary.
    const primary = isObject(model) ? model.primary : model;
    if (typeof primary !== 'string' || primary.trim() === '') continue;
    if (providerOf(primary, config, agent) === 'venice') continue;
    out.push({ id: agent.id, isDefault: agent.isDefault, ref: primary, path: `${agent.path}.model${isObject(model) ? '.primary' : ''}` });
  }
  return out;
}

/** `Agent "work"` or `Agent "main" (the default agent)`; `agent …` inside a sentence. */
export function describeAgent(a: Pick<AgentOverride, 'id' | 'isDefault'>, first = true): string {
  return `${first ? 'Agent' : 'agent'} "${a.id}"${a.isDefault ? ' (the default agent)' : ''}`;
}

/** The summary line of onboarding and `models set`: who keeps which model, and the edit that switches it. */
export function describeOverride(a: AgentOverride, veniceRef: string): string {
  return `${describeAgent(a)} keeps its own model ${a.ref}: to use Venice, set ${a.path} to "${veniceRef}".`;
}
