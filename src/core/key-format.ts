import { KEY_MIN_LENGTH } from './mask.js';

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

/**
 * Placeholders, not keys: the product page's own examples (`vapi_xxxxxxxxxxxx`, `vapi_...`),
 * anything in brackets (`<your-key>`), dots or an ellipsis (`vapi…wxyz`, a masked key copied from a
 * screen: Venice keys are letters, digits, "-" and "_" only), and values made only of the words
 * such stand-ins use, in English and French (`YOUR_API_KEY`, `VENICE_API_KEY`, `votre-clé-api`,
 * `changeme`). Only whole words count, so that no real key is ever taken for one. A `${VAR}`
 * reference is no key either: OpenClaw does not expand one inside its env block, and in a file it
 * names a variable, not a value.
 */
const PLACEHOLDER_WORDS = new Set(
  (
    'a the your my own real actual venice vapi api key keys token secret password here goes insert paste put enter replace with ' +
    'change me changeme todo tbd none null undefined test dummy fake sample example placeholder inference admin ' +
    'votre vos ta ton ma mon cle clé clef jeton de d du la le l ici coller collez insérez inserez remplacez remplacer par mettre'
  ).split(' '),
);

function isPlaceholder(key: string): boolean {
  if (/^<.*>$|^\[.*\]$|^\{.*\}$|\$\{[^}]*\}/.test(key)) return true;
  if (/^(?:vapi_)?[x.…*_-]*$/i.test(key)) return true;
  if (/x{8,}|\.{2,}|…|\*{3,}/i.test(key)) return true;
  const words = key.toLowerCase().split(/[\s_'’-]+/).filter((w) => w !== '');
  return words.length > 0 && words.every((w) => PLACEHOLDER_WORDS.has(w));
}

/** Whether a stored or given value is a placeholder (see isPlaceholder): not a key, so nothing to keep or to protect. */
export function isPlaceholderKey(raw: string): boolean {
  const key = normalizeKey(raw);
  return key !== '' && isPlaceholder(key);
}

/** Whether a stored value is masked in every output: any key, and a placeholder as long as a key (see showPlaceholder). */
export function mustMask(value: string): boolean {
  return !isPlaceholderKey(value) || value.length >= KEY_MIN_LENGTH;
}

export function checkKeyFormat(raw: string): KeyCheck {
  const key = normalizeKey(raw);
  if (key === '') return { status: 'error', message: 'The API key is empty.', hint: WHERE };
  // Before the other checks: "votre clé API" is a placeholder before it is a string with spaces.
  if (isPlaceholder(key)) {
    return { status: 'error', message: 'This looks like a placeholder, not a real API key.', hint: WHERE };
  }
  if (/[\s\x00-\x1f\x7f]/.test(key)) {
    return {
      status: 'error',
      message: 'The API key contains spaces or control characters.',
      hint: 'Copy the key again with the copy button, in one piece.',
    };
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
  if (key.length < KEY_MIN_LENGTH) {
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
