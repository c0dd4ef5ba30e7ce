import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkKeyFormat, normalizeKey } from '../../src/core/key-format.js';

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
