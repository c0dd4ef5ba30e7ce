/** Minimal `.env` handling in OpenClaw's dialect: `NAME=value`, optional `export`, quotes, comments. */

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

/** `"v"`, `'v'`, `"v" # note` or `v # note` → v. */
function unquote(value: string): string {
  const m = /^(["'])(.*?)\1(?:\s+#.*)?$/.exec(value);
  if (m) return m[2] ?? '';
  return value.replace(/\s+#.*$/, '');
}

export function readDotenvVar(text: string, name: string): string | undefined {
  let found: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (m && m[1] === name) found = unquote(m[2] ?? '');
  }
  return found;
}

export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (m?.[1]) out[m[1]] = unquote(m[2] ?? '');
  }
  return out;
}

/** Sets `name` (replacing its first line, dropping duplicates); every other line is kept as it is. */
export function setDotenvVar(text: string, name: string, value: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  const trailing = lines.length > 0 && lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  let done = false;
  const out: string[] = [];
  for (const line of lines) {
    if (LINE.exec(line)?.[1] !== name) out.push(line);
    else if (!done) {
      out.push(`${name}=${value}`);
      done = true;
    }
  }
  if (!done) out.push(`${name}=${value}`);
  return out.join(eol) + eol;
}

export function removeDotenvVar(text: string, name: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return text
    .split(/\r?\n/)
    .filter((line) => LINE.exec(line)?.[1] !== name)
    .join(eol);
}
