import { CliError, ExitCode } from '../errors.js';

export const DEFAULT_BASE_URL = 'https://api.venice.ai/api/v1';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Hosts where plain http is allowed: nothing crosses a network (SPEC §6). */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.has(hostname);

/**
 * Validates `--base-url`/`VENICE_BASE_URL` (SPEC §6): https everywhere, plain http only on
 * loopback, where nothing crosses a network. Returns the URL without a trailing slash.
 */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CliError('bad-base-url', `The base URL "${raw}" is not a URL.`, {
      hint: `Use the form ${DEFAULT_BASE_URL}.`,
      exitCode: ExitCode.usage,
    });
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new CliError('insecure-base-url', `Refusing the base URL ${url.origin}: the API key would travel unencrypted.`, {
      hint: 'Use an https:// URL (plain http:// is allowed only for 127.0.0.1, localhost and [::1]).',
      exitCode: ExitCode.usage,
    });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new CliError('bad-base-url', 'The base URL must not carry credentials, a query or a fragment.', {
      hint: `Use the form ${DEFAULT_BASE_URL}.`,
      exitCode: ExitCode.usage,
    });
  }
  return url.href.replace(/\/+$/, '');
}
