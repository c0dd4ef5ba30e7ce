/** `VENI…wxyz`: enough to recognise a key, never enough to use it (SPEC §2). */
export function maskKey(key: string): string {
  if (key.length <= 8) return '…';
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/** Venice keys are never shorter (SPEC §3.1). */
export const KEY_MIN_LENGTH = 20;

/**
 * A placeholder (core/key-format.ts isPlaceholderKey) as the user wrote it, when it is shorter than
 * any key: it is no secret, and the user must recognise it. A longer one is masked like a key, so
 * that nothing a key could be is ever printed whole.
 */
export function showPlaceholder(value: string): string {
  return value.length < KEY_MIN_LENGTH ? value : maskKey(value);
}

/** Replaces every occurrence of each secret in `text` by its masked form. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    out = out.split(secret).join(maskKey(secret));
  }
  return out;
}
