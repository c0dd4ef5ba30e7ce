/**
 * The local key check of SPEC §3.1: instant, before anything is sent or written. Venice's
 * real keys are mostly not `vapi_`, so an unknown 20+ character token is a warning, not an error.
 */
export type KeyCheck =
  | { status: 'ok'; key: string; kind: 'vapi' | 'inference' }
  | { status: 'warn'; key: string; kind: 'admin' | 'unknown'; message: string }
  | { status: 'error'; message: string; hint: string };

const OTHER_PROVIDERS: ReadonlyArray<[prefix: string, provider: string]> = [
  ['sk-ant-', 'Anthropic'],
  ['sk-proj-', 'OpenAI'],
  ['sk-', 'OpenAI (or another OpenAI-style provider)'],
  ['AIza', 'Google'],
  ['xai-', 'xAI'],
  ['gsk_', 'Groq'],
  ['hf_', 'Hugging Face'],
  ['ghp_', 'GitHub'],
  ['AKIA', 'AWS'],
];

const WHERE = 'Create a key at venice.ai → Settings → API Keys.';

/** Trim; strip quotes/backticks, `export VENICE_API_KEY=`, `VENICE_API_KEY=`, `Bearer `. */
export function normalizeKey(raw: string): string {
  let key = raw.trim();
  for (let changed = true; changed; ) {
    const before = key;
    key = key.replace(/^export\s+/, '').replace(/^VENICE_API_KEY\s*=\s*/, '').replace(/^Bearer\s+/i, '');
    const quoted = /^(["'`])([\s\S]*)\1$/.exec(key);
    if (quoted) key = quoted[2] ?? '';
    key = key.trim();
    changed = key !== before;
  }
  return key;
}

function isPlaceholder(key: string): boolean {
  if (/^<.*>$/.test(key)) return true;
  if (/^(vapi_)?(x+|\.{3,}|…)$/i.test(key)) return true;
  if (/your[_-]?(venice[_-]?)?api[_-]?key/i.test(key)) return true;
  return /x{8,}/i.test(key);
}

export function checkKeyFormat(raw: string): KeyCheck {
  const key = normalizeKey(raw);
  if (key === '') return { status: 'error', message: 'The API key is empty.', hint: WHERE };
  if (/[\s\x00-\x1f\x7f]/.test(key)) {
    return {
      status: 'error',
      message: 'The API key contains spaces or control characters.',
      hint: 'Copy the key again with the copy button, in one piece.',
    };
  }
  if (isPlaceholder(key)) {
    return { status: 'error', message: 'This looks like a placeholder, not a real API key.', hint: WHERE };
  }
  for (const [prefix, provider] of OTHER_PROVIDERS) {
    if (key.startsWith(prefix)) {
      return {
        status: 'error',
        message: `This looks like a key for ${provider} (${prefix}…), not a Venice key.`,
        hint: WHERE,
      };
    }
  }
  if (key.length < 20) {
    return { status: 'error', message: `The API key is too short (${key.length} characters; Venice keys are longer).`, hint: WHERE };
  }
  if (!/^[A-Za-z0-9_-]+$/.test(key)) {
    return {
      status: 'error',
      message: 'The API key contains characters Venice keys never have.',
      hint: 'Keys are letters, digits, "-" and "_". Copy it again from venice.ai → Settings → API Keys.',
    };
  }
  if (key.startsWith('vapi_')) return { status: 'ok', key, kind: 'vapi' };
  if (key.startsWith('VENICE-INFERENCE-KEY-')) return { status: 'ok', key, kind: 'inference' };
  if (key.startsWith('VENICE-ADMIN-KEY-')) {
    return {
      status: 'warn',
      key,
      kind: 'admin',
      message: 'This is an admin key: it works, but it can also create and delete keys. An inference key is safer for an agent.',
    };
  }
  return { status: 'warn', key, kind: 'unknown', message: 'Key format not recognised; it will be checked online.' };
}
