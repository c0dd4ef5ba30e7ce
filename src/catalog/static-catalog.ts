import type { CatalogModel, Privacy } from '../core/types.js';

/**
 * The built-in catalog of SPEC §4.5: the last resort when Venice cannot be reached and no
 * cache exists. Limits are conservative on purpose: Venice answers HTTP 400 when `maxTokens`
 * exceeds a model's real completion limit, so the small models get 4096.
 */
type Flag = 'vision' | 'reasoning' | 'code';
type Row = [id: string, name: string, contextWindow: number, flags?: Flag[]];

const PRIVATE: Row[] = [
  ['llama-3.3-70b', 'Llama 3.3 70B', 131072],
  ['llama-3.2-3b', 'Llama 3.2 3B', 131072],
  ['hermes-3-llama-3.1-405b', 'Hermes 3 Llama 3.1 405B', 131072],
  ['qwen3-235b-a22b-thinking-2507', 'Qwen3 235B Thinking', 131072, ['reasoning']],
  ['qwen3-235b-a22b-instruct-2507', 'Qwen3 235B Instruct', 131072],
  ['qwen3-coder-480b-a35b-instruct', 'Qwen3 Coder 480B', 262144, ['code']],
  ['qwen3-next-80b', 'Qwen3 Next 80B', 262144],
  ['qwen3-vl-235b-a22b', 'Qwen3 VL 235B', 262144, ['vision']],
  ['qwen3-4b', 'Venice Small (Qwen3 4B)', 32768, ['reasoning']],
  ['deepseek-v3.2', 'DeepSeek V3.2', 163840, ['reasoning']],
  ['venice-uncensored', 'Venice Uncensored', 32768],
  ['mistral-31-24b', 'Venice Medium (Mistral)', 131072, ['vision']],
  ['google-gemma-3-27b-it', 'Gemma 3 27B Instruct', 202752, ['vision']],
  ['openai-gpt-oss-120b', 'OpenAI GPT OSS 120B', 131072],
  ['zai-org-glm-4.7', 'GLM 4.7', 202752, ['reasoning']],
];

// Every anonymized model reasons (SPEC §4.5).
const ANONYMIZED: Row[] = [
  ['claude-opus-45', 'Claude Opus 4.5', 202752, ['vision']],
  ['claude-sonnet-45', 'Claude Sonnet 4.5', 202752, ['vision']],
  ['openai-gpt-52', 'GPT-5.2', 262144],
  ['openai-gpt-52-codex', 'GPT-5.2 Codex', 262144, ['vision']],
  ['gemini-3-pro-preview', 'Gemini 3 Pro', 202752, ['vision']],
  ['gemini-3-flash-preview', 'Gemini 3 Flash', 262144, ['vision']],
  ['grok-41-fast', 'Grok 4.1 Fast', 262144, ['vision']],
  ['grok-code-fast-1', 'Grok Code Fast 1', 262144, ['code']],
  ['kimi-k2-thinking', 'Kimi K2 Thinking', 262144],
  ['minimax-m21', 'MiniMax M2.1', 202752],
];

const SMALL_OUTPUT = new Set(['llama-3.3-70b', 'llama-3.2-3b', 'qwen3-4b', 'venice-uncensored', 'mistral-31-24b']);

function toModel([id, name, contextWindow, flags = []]: Row, privacy: Privacy): CatalogModel {
  return {
    id,
    name,
    privacy,
    tier: privacy,
    contextWindow,
    maxTokens: SMALL_OUTPUT.has(id) ? 4096 : 8192,
    capabilities: {
      vision: flags.includes('vision'),
      tools: true,
      reasoning: privacy === 'anonymized' || flags.includes('reasoning'),
      code: flags.includes('code'),
    },
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    deprecated: null,
    offline: false,
  };
}

export const STATIC_MODELS: readonly CatalogModel[] = [
  ...PRIVATE.map((row) => toModel(row, 'private')),
  ...ANONYMIZED.map((row) => toModel(row, 'anonymized')),
];

export const DEFAULT_MODEL_ID = 'llama-3.3-70b';
