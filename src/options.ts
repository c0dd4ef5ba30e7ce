import { DEFAULT_BASE_URL, normalizeBaseUrl } from './core/base-url.js';
import { usageError } from './errors.js';

/** Options every command understands (SPEC §1), typed once at the boundary (STYLE §3). */
export interface GlobalOptions {
  /** `--config`, unexpanded; resolution happens in config/config-path.ts. */
  config?: string;
  baseUrl: string;
  json: boolean;
  timeoutMs: number;
  offline: boolean;
}

export interface RawGlobalFlags {
  config?: string;
  baseUrl?: string;
  json?: boolean;
  timeout?: string;
  offline?: boolean;
}

export function toGlobalOptions(raw: RawGlobalFlags, env: Record<string, string | undefined>): GlobalOptions {
  const timeoutText = raw.timeout ?? '10000';
  const timeoutMs = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || timeoutMs < 1 || timeoutMs > 600000) {
    throw usageError(`--timeout must be a number of milliseconds between 1 and 600000, not "${timeoutText}".`, 'Example: --timeout 15000');
  }
  const envBase = env.VENICE_BASE_URL?.trim();
  return {
    config: raw.config,
    baseUrl: normalizeBaseUrl(raw.baseUrl ?? (envBase ? envBase : DEFAULT_BASE_URL)),
    json: raw.json === true,
    timeoutMs,
    offline: raw.offline === true,
  };
}

/** `--openclaw-version`: a release as npm lists them (2026.9.6, 2026.8.1-beta.2, 2026.3.23-1). */
export function toOpenclawVersion(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim().replace(/^v/, '');
  if (!/^\d{4}\.\d{1,2}\.\d{1,3}(-[0-9A-Za-z.-]+)?$/.test(text)) {
    throw usageError(`--openclaw-version must be an OpenClaw release such as 2026.9.6, not "${String(raw)}".`, 'openclaw --version prints yours; npm view openclaw versions lists them all.');
  }
  return text;
}
