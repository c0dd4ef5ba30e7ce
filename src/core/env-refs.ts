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

/** Whether a string holds a `${VAR}` OpenClaw would substitute (not only escaped `$${VAR}`). */
function hasEnvRef(value: string): boolean {
  return findEnvRefs(value).size > 0;
}

/** The variables of the env block: top-level strings and `env.vars` (OpenClaw's collectConfigEnvVars), empty ones left out. */
function envBlockEntries(env: unknown): { name: string; path: string; value: string }[] {
  const out: { name: string; path: string; value: string }[] = [];
  const take = (source: unknown, prefix: string) => {
    if (typeof source !== 'object' || source === null || Array.isArray(source)) return;
    for (const [k, v] of Object.entries(source)) {
      // `env.vars` and `env.shellEnv` are settings, never variables, whatever they hold.
      if (prefix === 'env' && (k === 'vars' || k === 'shellEnv')) continue;
      if (typeof v === 'string' && v.trim() !== '') out.push({ name: k, path: `${prefix}.${k}`, value: v });
    }
  };
  take(env, 'env');
  take((env as Record<string, unknown> | null)?.vars, 'env.vars');
  return out;
}

/**
 * Variables the config's own `env` block provides. A value holding a `${VAR}` provides nothing:
 * OpenClaw sets a variable from the env block only when its value has no reference (2026.3.7 and
 * later skip it; 2026.1.29 set the text `${VAR}` itself), so `env.vars.X: "${X}"` never gives X a value.
 */
export function envBlockVars(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of envBlockEntries(env)) if (!hasEnvRef(e.value)) out[e.name] = e.value;
  return out;
}

/**
 * The env block's variables that hold a `${VAR}`, and so provide nothing. `self`: the value leads
 * back to the variable, directly (`X: "${X}"`) or through others of the block (`A: "${B}", B: "${A}"`).
 */
export function envBlockRefs(env: unknown): { name: string; path: string; self: boolean }[] {
  const entries = envBlockEntries(env);
  const refsOf = new Map(entries.map((e) => [e.name, findEnvRefs(e.value)]));
  const leadsTo = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [...(refsOf.get(from) ?? [])];
    for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
      if (name === to) return true;
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...(refsOf.get(name) ?? []));
    }
    return false;
  };
  return entries.filter((e) => hasEnvRef(e.value)).map((e) => ({ name: e.name, path: e.path, self: leadsTo(e.name, e.name) }));
}
