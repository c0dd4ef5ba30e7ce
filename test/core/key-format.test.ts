import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkKeyFormat, isPlaceholderKey, mustMask, normalizeKey } from '../../src/core/key-format.js';
import { showPlaceholder } from '../../src/core/mask.js';

// Obviously fake keys: long enough to pass, never real.
const VAPI = 'vapi_FAKEFAKE0123456789abcd';
const INFERENCE = 'VENICE-INFERENCE-KEY-FAKE0123456789abcdefgh';
const ADMIN = 'VENICE-ADMIN-KEY-FAKE0123456789abcdefgh';
const UNKNOWN = 'Zq3FAKEfakeFAKE0123456789_-';

describe('normalizeKey', () => {
  it.each([
    [`  ${VAPI}  `, VAPI],
    [`"${VAPI}"`, VAPI],
    [`'${VAPI}'`, VAPI],
    ['`' + VAPI + '`', VAPI],
    [`export VENICE_API_KEY=${VAPI}`, VAPI],
    [`export VENICE_API_KEY="${VAPI}"`, VAPI],
    [`VENICE_API_KEY='${VAPI}'`, VAPI],
    [`Bearer ${VAPI}`, VAPI],
    [`"Bearer ${INFERENCE}"\n`, INFERENCE],
  ])('%j → the bare key', (raw, expected) => {
    expect(normalizeKey(raw)).toBe(expected);
  });
});

describe('checkKeyFormat', () => {
  it.each([
    [VAPI, 'ok', 'vapi'],
    [INFERENCE, 'ok', 'inference'],
    [` export VENICE_API_KEY="${INFERENCE}" `, 'ok', 'inference'],
    [ADMIN, 'warn', 'admin'],
    [UNKNOWN, 'warn', 'unknown'],
  ])('%s → %s (%s)', (raw, status, kind) => {
    const result = checkKeyFormat(raw);
    expect(result.status).toBe(status);
    expect(result.status !== 'error' && result.kind).toBe(kind);
  });

  it.each([
    ['', 'The API key is empty.'],
    ['   ', 'The API key is empty.'],
    ['vapi_abc def0123456789012', 'The API key contains spaces or control characters.'],
    ['vapi_abc\u0007def0123456789012', 'The API key contains spaces or control characters.'],
    ['vapi_short', 'The API key is too short (10 characters; Venice keys are longer).'],
    ['vapi_xxxxxxxxxxxx', 'This looks like a placeholder, not a real API key.'],
    ['vapi_...', 'This looks like a placeholder, not a real API key.'],
    ['YOUR_API_KEY', 'This looks like a placeholder, not a real API key.'],
    ['<your-venice-key-goes-here>', 'This looks like a placeholder, not a real API key.'],
    ['xxxxxxxxxxxxxxxxxxxxxxxx', 'This looks like a placeholder, not a real API key.'],
    ['sk-ant-api03-FAKE0123456789abcdef', 'This looks like a key for Anthropic (sk-ant-…), not a Venice key.'],
    ['sk-proj-FAKE0123456789abcdefgh', 'This looks like a key for OpenAI (sk-proj-…), not a Venice key.'],
    ['sk-FAKE0123456789abcdefghijkl', 'This looks like a key for OpenAI (or another OpenAI-style provider) (sk-…), not a Venice key.'],
    ['AIzaFAKE0123456789abcdefghijk', 'This looks like a key for Google (AIza…), not a Venice key.'],
    ['xai-FAKE0123456789abcdefghijk', 'This looks like a key for xAI (xai-…), not a Venice key.'],
    ['gsk_FAKE0123456789abcdefghijk', 'This looks like a key for Groq (gsk_…), not a Venice key.'],
    ['hf_FAKE0123456789abcdefghijkl', 'This looks like a key for Hugging Face (hf_…), not a Venice key.'],
    ['ghp_FAKE0123456789abcdefghijk', 'This looks like a key for GitHub (ghp_…), not a Venice key.'],
    ['AKIAFAKE0123456789ABCDEFGH', 'This looks like a key for AWS (AKIA…), not a Venice key.'],
    ['vapi_FAKE0123456789abcd$%^&', 'The API key contains characters Venice keys never have.'],
  ])('%j is refused: %s', (raw, message) => {
    const result = checkKeyFormat(raw);
    expect(result).toMatchObject({ status: 'error', message });
  });

  it('never throws and never returns a key with whitespace, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (raw) => {
        const result = checkKeyFormat(raw);
        expect(['ok', 'warn', 'error']).toContain(result.status);
        if (result.status !== 'error') {
          expect(result.key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
          expect(raw).toContain(result.key);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: normalising a normalised key changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (raw) => {
        const once = normalizeKey(raw);
        expect(normalizeKey(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('placeholders (SPEC §3.1, §3.3): the product page\'s own examples and the usual stand-ins', () => {
  // Every placeholder form of the product page (seed/venice-provider.fr.md), then the stand-ins
  // users write in English and French, quoted or not, as a line of .env or a pasted mask.
  const PLACEHOLDERS = [
    'vapi_xxxxxxxxxxxx', // "Copiez votre clé API (format : `vapi_xxxxxxxxxxxx`)", export and --venice-api-key
    '"vapi_xxxxxxxxxxxx"',
    'export VENICE_API_KEY="vapi_xxxxxxxxxxxx"',
    'vapi_...', // the config example: env: { VENICE_API_KEY: "vapi_..." }
    'vapi_', // "Assurez-vous que la clé commence par `vapi_`"
    'vapi_…',
    'vapi_XXXX',
    'vapi_xxxx...',
    'vapi…qrst', // a masked key, copied from a screen
    'vapi_****',
    'votre-clé',
    'votre clé API',
    'VOTRE_CLE_API',
    'votre_cle_api_venice',
    'collez-votre-clé-ici',
    '<votre-clé>',
    'YOUR_API_KEY',
    'YOUR_VENICE_API_KEY',
    'your-venice-api-key-here',
    'paste your key here',
    'VENICE_API_KEY',
    '{VENICE_API_KEY}',
    '${VENICE_API_KEY}', // a self-reference in env.vars, which OpenClaw does not expand
    '${MY_VENICE_KEY}',
    '[your key]',
    'changeme',
    'TODO',
    'xxxxxxxxxxxxxxxxxxxxxxxx',
  ];

  it.each(PLACEHOLDERS)('%j is a placeholder, refused as one', (raw) => {
    expect(isPlaceholderKey(raw)).toBe(true);
    expect(checkKeyFormat(raw)).toEqual({
      status: 'error',
      message: 'This looks like a placeholder, not a real API key.',
      hint: 'Create a key at venice.ai → Settings → API Keys.',
    });
  });

  // Keys whose random part holds a word of the placeholder list, or starts like one: only whole words count.
  it.each([VAPI, INFERENCE, ADMIN, UNKNOWN, 'VENICE-INFERENCE-KEY-ici0ABCdef123456789xyz', 'vapi_test0123456789abcdefKEY', 'vapi_your0key1here2ABCDEFGHIJ', '', '   '])(
    '%j is not a placeholder',
    (raw) => {
      expect(isPlaceholderKey(raw)).toBe(false);
    },
  );

  it('a placeholder shorter than any key (20 characters) is shown as written and needs no masking; a longer one is masked like a key', () => {
    expect([showPlaceholder('vapi_...'), showPlaceholder('vapi_xxxxxxxxxxxx'), showPlaceholder('xxxxxxxxxxxxxxxxxxxxxxxx')]).toEqual(['vapi_...', 'vapi_xxxxxxxxxxxx', 'xxxx…xxxx']);
    expect([mustMask('vapi_...'), mustMask('vapi_xxxxxxxxxxxx'), mustMask('xxxxxxxxxxxxxxxxxxxxxxxx'), mustMask('your-venice-api-key-here'), mustMask(VAPI), mustMask('vapi_short')]).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
  });
});
