import type { Context } from '../context.js';
import { checkKeyFormat, type KeyCheck } from '../core/key-format.js';
import { maskKey } from '../core/mask.js';
import { CliError, ExitCode } from '../errors.js';
import { NetworkError } from './http.js';
import { fetchRateLimits, type RateLimits } from './venice-api.js';
import type { GlobalOptions } from '../options.js';

/** The outcome of the online check (SPEC §3.2). `invalid` means 401: the caller must not write. */
export type OnlineCheck =
  | { status: 'valid'; limits: RateLimits }
  | { status: 'invalid'; message: string }
  | { status: 'denied'; message: string }
  | { status: 'unknown'; message: string };

export async function checkKeyOnline(
  key: string,
  options: Pick<GlobalOptions, 'baseUrl' | 'timeoutMs'> & { signal?: AbortSignal },
  ctx: Pick<Context, 'dispatcher'>,
): Promise<OnlineCheck> {
  try {
    const limits = await fetchRateLimits({ ...options, apiKey: key, dispatcher: ctx.dispatcher });
    if (!limits.accessPermitted) {
      return { status: 'denied', message: 'Venice knows this key but does not permit access with it (accessPermitted: false).' };
    }
    return { status: 'valid', limits };
  } catch (error) {
    if (error instanceof NetworkError && error.status === 401) {
      return { status: 'invalid', message: `Venice rejected the key ${maskKey(key)} (HTTP 401): it is invalid or revoked.` };
    }
    if (error instanceof NetworkError && error.status === 429) {
      return { status: 'unknown', message: 'Venice is rate-limiting this key right now (HTTP 429); it could not be checked.' };
    }
    const reason = error instanceof NetworkError ? error.message : String(error);
    return { status: 'unknown', message: `The key could not be checked online (${reason}).` };
  }
}

export function describeLimits(limits: RateLimits): string {
  const parts: string[] = [];
  if (limits.tier) parts.push(`tier ${limits.tier}`);
  if (limits.balances.usd !== undefined) parts.push(`$${limits.balances.usd.toFixed(2)}`);
  if (limits.balances.diem !== undefined) parts.push(`${limits.balances.diem} DIEM`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The format check as an error for flags and env input: refused before anything is sent or written. */
export function requireKeyFormat(raw: string, source: string): Extract<KeyCheck, { key: string }> {
  const result = checkKeyFormat(raw);
  if (result.status === 'error') {
    throw new CliError('bad-key', `${result.message} (from ${source})`, { hint: result.hint, exitCode: ExitCode.usage });
  }
  return result;
}

export const invalidKeyError = (message: string) =>
  new CliError('invalid-key', message, {
    hint: 'Create a new key at venice.ai → Settings → API Keys, or pass --skip-key-check to write it anyway.',
  });
