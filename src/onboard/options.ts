import type { KeyStorage } from '../core/plan-venice.js';
import { usageError } from '../errors.js';
import { toOpenclawVersion, type GlobalOptions } from '../options.js';

/** `onboard` flags, typed once (STYLE §3). */
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

export function toOnboardOptions(flags: Record<string, unknown>, isInteractive: boolean): OnboardOptions {
  if (flags.veniceApiKey !== undefined && flags.veniceApiKeyStdin === true) {
    throw usageError('Use either --venice-api-key or --venice-api-key-stdin, not both.', 'Prefer --venice-api-key-stdin: the key stays out of your shell history.');
  }
  return {
    ...(flags as unknown as GlobalOptions),
    nonInteractive: flags.nonInteractive === true || !isInteractive,
    apiKeyFlag: typeof flags.veniceApiKey === 'string' ? flags.veniceApiKey : undefined,
    apiKeyStdin: flags.veniceApiKeyStdin === true,
    model: typeof flags.model === 'string' ? flags.model : undefined,
    keyStorage: flags.keyStorage as KeyStorage | undefined,
    models: flags.models === 'default' ? 'default' : 'all',
    refreshModels: flags.refreshModels === true,
    skipKeyCheck: flags.skipKeyCheck === true,
    dryRun: flags.dryRun === true,
    yes: flags.yes === true,
    openclawVersion: toOpenclawVersion(flags.openclawVersion),
  };
}
