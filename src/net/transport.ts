import type { Dispatcher } from 'undici';

/**
 * The fetch every request goes through. Both are undici: Node's built-in fetch *is* undici,
 * shipped inside Node and ready at no start-up cost, while loading the undici package costs
 * ~50 ms (more than a whole `--help`). So the package is loaded only when it is needed:
 * when HTTPS_PROXY / HTTP_PROXY is set (its EnvHttpProxyAgent honours them and NO_PROXY,
 * SPEC §6), or when a caller passes its own dispatcher (tests).
 */
export type FetchLike = (url: string, init: RequestInit & { dispatcher?: Dispatcher }) => Promise<Response>;

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export function proxyConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return PROXY_VARS.some((name) => (env[name] ?? '').trim() !== '');
}

let proxyAgent: Dispatcher | undefined;

export async function resolveFetch(dispatcher?: Dispatcher): Promise<FetchLike> {
  if (dispatcher === undefined && !proxyConfigured()) return globalThis.fetch as FetchLike;
  const loaded = await import('undici');
  // undici is CommonJS: bundled, its exports arrive on `default`.
  const undici = ((loaded as unknown as { default?: typeof loaded }).default ?? loaded) as typeof loaded;
  const chosen = dispatcher ?? (proxyAgent ??= new undici.EnvHttpProxyAgent());
  return (url, init) => undici.fetch(url, { ...(init as object), dispatcher: chosen }) as unknown as Promise<Response>;
}
