/**
 * The static catalog as SPEC §4.5 writes it, typed out independently of src/ so that tests
 * compare the product against the contract, not against itself.
 */
export interface SpecModel {
  id: string;
  name: string;
  privacy: 'private' | 'anonymized';
  contextWindow: number;
  maxTokens: number;
  capabilities: { vision: boolean; tools: boolean; reasoning: boolean; code: boolean };
}

type Flag = 'vision' | 'reasoning' | 'code';
const PRIVATE: Array<[string, string, number, Flag[]]> = [
  ['llama-3.3-70b', 'Llama 3.3 70B', 131072, []],
  ['llama-3.2-3b', 'Llama 3.2 3B', 131072, []],
  ['hermes-3-llama-3.1-405b', 'Hermes 3 Llama 3.1 405B', 131072, []],
  ['qwen3-235b-a22b-thinking-2507', 'Qwen3 235B Thinking', 131072, ['reasoning']],
  ['qwen3-235b-a22b-instruct-2507', 'Qwen3 235B Instruct', 131072, []],
  ['qwen3-coder-480b-a35b-instruct', 'Qwen3 Coder 480B', 262144, ['code']],
  ['qwen3-next-80b', 'Qwen3 Next 80B', 262144, []],
  ['qwen3-vl-235b-a22b', 'Qwen3 VL 235B', 262144, ['vision']],
  ['qwen3-4b', 'Venice Small (Qwen3 4B)', 32768, ['reasoning']],
  ['deepseek-v3.2', 'DeepSeek V3.2', 163840, ['reasoning']],
  ['venice-uncensored', 'Venice Uncensored', 32768, []],
  ['mistral-31-24b', 'Venice Medium (Mistral)', 131072, ['vision']],
  ['google-gemma-3-27b-it', 'Gemma 3 27B Instruct', 202752, ['vision']],
  ['openai-gpt-oss-120b', 'OpenAI GPT OSS 120B', 131072, []],
  ['zai-org-glm-4.7', 'GLM 4.7', 202752, ['reasoning']],
];
const ANONYMIZED: Array<[string, string, number, Flag[]]> = [
  ['claude-opus-45', 'Claude Opus 4.5', 202752, ['vision']],
  ['claude-sonnet-45', 'Claude Sonnet 4.5', 202752, ['vision']],
  ['openai-gpt-52', 'GPT-5.2', 262144, []],
  ['openai-gpt-52-codex', 'GPT-5.2 Codex', 262144, ['vision']],
  ['gemini-3-pro-preview', 'Gemini 3 Pro', 202752, ['vision']],
  ['gemini-3-flash-preview', 'Gemini 3 Flash', 262144, ['vision']],
  ['grok-41-fast', 'Grok 4.1 Fast', 262144, ['vision']],
  ['grok-code-fast-1', 'Grok Code Fast 1', 262144, ['code']],
  ['kimi-k2-thinking', 'Kimi K2 Thinking', 262144, []],
  ['minimax-m21', 'MiniMax M2.1', 202752, []],
];
const SMALL_OUTPUT = new Set(['llama-3.3-70b', 'llama-3.2-3b', 'qwen3-4b', 'venice-uncensored', 'mistral-31-24b']);

const toSpec = ([id, name, contextWindow, flags]: [string, string, number, Flag[]], privacy: SpecModel['privacy']): SpecModel => ({
  id,
  name,
  privacy,
  contextWindow,
  maxTokens: SMALL_OUTPUT.has(id) ? 4096 : 8192,
  capabilities: {
    vision: flags.includes('vision'),
    tools: true,
    reasoning: privacy === 'anonymized' || flags.includes('reasoning'),
    code: flags.includes('code'),
  },
});

/** The 25 models of SPEC §4.5, private first, in the spec's order. */
export const SPEC_STATIC_MODELS: readonly SpecModel[] = [
  ...PRIVATE.map((r) => toSpec(r, 'private')),
  ...ANONYMIZED.map((r) => toSpec(r, 'anonymized')),
];

/** SPEC §4.4: model id → its recommendation label (static ids). */
export const SPEC_RECOMMENDATIONS: Readonly<Record<string, string>> = {
  'llama-3.3-70b': 'general chat',
  'claude-opus-45': 'best quality',
  'qwen3-coder-480b-a35b-instruct': 'coding',
  'qwen3-vl-235b-a22b': 'vision',
  'venice-uncensored': 'uncensored',
  'qwen3-4b': 'fast and cheap',
  'deepseek-v3.2': 'complex reasoning',
};
