/** Read-only views of an OpenClaw config object (pure; the object comes from json5.parse). */

type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function getPath(root: unknown, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** `agents.defaults.model.primary`, or the string form `agents.defaults.model: "venice/x"`. */
export function readDefaultModelRef(config: unknown): string | undefined {
  const model = getPath(config, ['agents', 'defaults', 'model']);
  if (typeof model === 'string') return model;
  const primary = getPath(model, ['primary']);
  return typeof primary === 'string' ? primary : undefined;
}

/** The Venice model id of a `venice/<id>` ref, else undefined. */
export function veniceIdOf(ref: string | undefined): string | undefined {
  return ref?.startsWith('venice/') ? ref.slice('venice/'.length) : undefined;
}

export function readVeniceProvider(config: unknown): Obj | undefined {
  const block = getPath(config, ['models', 'providers', 'venice']);
  return isObject(block) ? block : undefined;
}

/** Whether the config names the auth profile venice:default (which, on SQLite releases, only OpenClaw can read). */
export function declaresVeniceProfile(config: unknown): boolean {
  return isObject(getPath(config, ['auth', 'profiles', 'venice:default']));
}
