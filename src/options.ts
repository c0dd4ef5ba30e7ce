import { DEFAULT_BASE_URL, normalizeBaseUrl } from './core/base-url.js';
import type { KeyStorage } from './core/plan-venice.js';
import { CAPABILITIES, TIERS, type Capability, type Tier } from './core/types.js';
import { usageError } from './errors.js';

/** The tiers `--privacy` takes, most private first. */
export const LISTED_TIERS = TIERS.filter((t): t is Exclude<Tier, 'unknown'> => t !== 'unknown');

/**
 * Every command's options, typed once at the boundary (STYLE §3): cli.ts hands the raw flags of
 * args.ts to one of the builders below and the command gets the typed object, nothing else.
 * test/cli-wiring.test.ts checks every flag from argv to these objects.
 */

/** The parsed flags of args.ts, before typing (camelCase names, strings, booleans, arrays of repeated ones). */
export type RawFlags = Record<string, unknown>;
type Env = Record<string, string | undefined>;

/** Options every command understands (SPEC §1). */
export interface GlobalOptions {
  /** `--config`, unexpanded; resolution happens in config/config-path.ts. */
  config?: string;
  baseUrl: string;
  /** --base-url or VENICE_BASE_URL named the base URL (verify otherwise checks the config's own). */
  baseUrlGiven: boolean;
  json: boolean;
  timeoutMs: number;
  offline: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function toGlobalOptions(raw: RawFlags, env: Env): GlobalOptions {
  const timeoutText = str(raw.timeout) ?? '10000';
  const timeoutMs = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || timeoutMs < 1 || timeoutMs > 600000) {
    throw usageError(`--timeout must be a number of milliseconds between 1 and 600000, not "${timeoutText}".`, 'Example: --timeout 15000');
  }
  const envBase = env.VENICE_BASE_URL?.trim();
  const flagBase = str(raw.baseUrl);
  return {
    config: str(raw.config),
    baseUrl: normalizeBaseUrl(flagBase ?? (envBase ? envBase : DEFAULT_BASE_URL)),
    baseUrlGiven: flagBase !== undefined || Boolean(envBase),
    json: raw.json === true,
    timeoutMs,
    offline: raw.offline === true,
  };
}

/** `--openclaw-version`: a release as npm lists them (2026.9.6, 2026.8.1-beta.2, 2026.3.23-1). */
function toOpenclawVersion(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim().replace(/^v/, '');
  if (!/^\d{4}\.\d{1,2}\.\d{1,3}(-[0-9A-Za-z.-]+)?$/.test(text)) {
    throw usageError(`--openclaw-version must be an OpenClaw release such as 2026.9.6, not "${String(raw)}".`, 'openclaw --version prints yours; npm view openclaw versions lists them all.');
  }
  return text;
}

/** `onboard` (SPEC §1.1). */
export interface OnboardOptions extends GlobalOptions {
  /** True with --non-interactive, without a TTY, or with CI set. */
  nonInteractive: boolean;
  apiKeyFlag?: string;
  apiKeyStdin: boolean;
  model?: string;
  keyStorage?: KeyStorage;
  models: 'all' | 'default';
  refreshModels: boolean;
  skipKeyCheck: boolean;
  dryRun: boolean;
  yes: boolean;
  /** --openclaw-version: the OpenClaw release to write for (else `openclaw --version`, the config's meta, the newest known). */
  openclawVersion?: string;
}

const KEY_STORAGES: readonly KeyStorage[] = ['config', 'dotenv', 'auth-profile', 'none'];

export function toOnboardOptions(raw: RawFlags, globals: GlobalOptions, isInteractive: boolean): OnboardOptions {
  if (raw.veniceApiKey !== undefined && raw.veniceApiKeyStdin === true) {
    throw usageError('Use either --venice-api-key or --venice-api-key-stdin, not both.', 'Prefer --venice-api-key-stdin: the key stays out of your shell history.');
  }
  const keyStorage = KEY_STORAGES.find((k) => k === raw.keyStorage);
  return {
    ...globals,
    nonInteractive: raw.nonInteractive === true || !isInteractive,
    apiKeyFlag: str(raw.veniceApiKey),
    apiKeyStdin: raw.veniceApiKeyStdin === true,
    model: str(raw.model),
    keyStorage,
    models: raw.models === 'default' ? 'default' : 'all',
    refreshModels: raw.refreshModels === true,
    skipKeyCheck: raw.skipKeyCheck === true,
    dryRun: raw.dryRun === true,
    yes: raw.yes === true,
    openclawVersion: toOpenclawVersion(raw.openclawVersion),
  };
}

/** `verify` (SPEC §1.2). */
export interface VerifyOptions extends GlobalOptions {
  chat: boolean;
  model?: string;
  openclawVersion?: string;
}

export function toVerifyOptions(raw: RawFlags, globals: GlobalOptions): VerifyOptions {
  return { ...globals, chat: raw.chat === true, model: str(raw.model), openclawVersion: toOpenclawVersion(raw.openclawVersion) };
}

/** `models list` (SPEC §1.3). */
export interface ModelsListOptions extends GlobalOptions {
  /** A privacy tier (SPEC §4.3a): `--privacy private` lists the private tier, not the TEE or E2EE ones. */
  privacy?: Exclude<Tier, 'unknown'>;
  capabilities: Capability[];
  search?: string;
  plain: boolean;
}

export function toModelsListOptions(raw: RawFlags, globals: GlobalOptions): ModelsListOptions {
  if (raw.plain === true && raw.json === true) {
    throw usageError('--json and --plain cannot be used together.', 'Pick one: --json for scripts, --plain for one ref per line.');
  }
  const capabilities = Array.isArray(raw.capability) ? raw.capability : [];
  return {
    ...globals,
    privacy: LISTED_TIERS.find((t) => t === raw.privacy),
    capabilities: CAPABILITIES.filter((c) => capabilities.includes(c)),
    search: str(raw.search),
    plain: raw.plain === true,
  };
}

/** `models set <model>` (SPEC §1.4). */
export interface ModelsSetOptions extends GlobalOptions {
  model: string;
  dryRun: boolean;
  openclawVersion?: string;
}

export function toModelsSetOptions(raw: RawFlags, globals: GlobalOptions, model: string | undefined): ModelsSetOptions {
  if (model === undefined || model.trim() === '') throw usageError('Missing the model to set.', 'Example: venice-onboard models set venice/llama-3.3-70b');
  return { ...globals, model, dryRun: raw.dryRun === true, openclawVersion: toOpenclawVersion(raw.openclawVersion) };
}
