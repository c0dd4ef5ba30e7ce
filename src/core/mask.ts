/** `VENI…wxyz`: enough to recognise a key, never enough to use it (SPEC §2). */
export function maskKey(key: string): string {
  if (key.length <= 8) return '…';
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
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
