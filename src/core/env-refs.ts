/**
 * OpenClaw substitutes `${VAR}` (upper-case names) in config strings when it loads the file,
 * and refuses to start when one is unset or empty; `$${VAR}` is an escaped literal.
 */
const REF = /(\$?)\$\{([A-Z_][A-Z0-9_]*)\}/g;

export function findEnvRefs(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const m of value.matchAll(REF)) if (m[1] === '' && m[2]) out.add(m[2]);
  } else if (Array.isArray(value)) {
    for (const item of value) findEnvRefs(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) findEnvRefs(item, out);
  }
  return out;
}

/** Replaces `${VAR}` from `vars`; undefined when any is missing or empty. */
export function substituteEnvRefs(text: string, vars: Readonly<Record<string, string | undefined>>): string | undefined {
  let missing = false;
  const out = text.replace(REF, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    const v = vars[name];
    if (v === undefined || v === '') missing = true;
    return v ?? '';
  });
  return missing ? undefined : out;
}

/** Variables the config's own `env` block provides: top-level strings and `env.vars` (empty ones provide nothing). */
export function envBlockVars(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const take = (source: unknown) => {
    if (typeof source !== 'object' || source === null || Array.isArray(source)) return;
    for (const [k, v] of Object.entries(source)) if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  };
  take(env);
  take((env as Record<string, unknown> | null)?.vars);
  return out;
}
