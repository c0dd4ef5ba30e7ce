import type { ConfigLocation } from '../config/config-path.js';
import type { FoundKey } from '../config/key-stores.js';
import type { Context } from '../context.js';
import type { KeyStorage } from '../core/plan-venice.js';
import type { Catalog } from '../core/types.js';
import { CliError, ExitCode } from '../errors.js';
import { invalidKeyError, type OnlineCheck } from '../net/key-check.js';
import { keyFromFlags, missingKeyError } from './obtain-key.js';
import type { OnboardOptions } from '../options.js';

/** Checks a key online: 'ok' (valid, or could not be checked) or the refusal. */
export type KeyChecker = (key: string) => Promise<'ok' | Extract<OnlineCheck, { status: 'invalid' | 'denied' }>>;

/**
 * Every question onboarding may ask. The non-interactive answers come from flags only, and a
 * missing one is a usage error naming the flag (SPEC §1.1); the interactive ones prompt.
 */
export interface Interaction {
  header(loc: ConfigLocation): void;
  /** `found`: the keys already stored, still being read; only a prompt waits for them. */
  key(found: Promise<readonly FoundKey[]>, check: KeyChecker): Promise<string | undefined>;
  /**
   * Settles the online check of the key `key` returned: resolves once it passed, throws its
   * refusal. A prompt checks while asking (and asks again), so this has settled already; a key
   * from flags is checked alongside the rest of the run (start-up time, SPEC §7) and is settled
   * here, before anything is shown or written.
   */
  keyChecked(): Promise<void>;
  missingKey(): Error;
  waitForCatalog(pending: Promise<Catalog>): Promise<Catalog>;
  /** A model id, or undefined to keep the configured default (else llama-3.3-70b). */
  model(catalog: Catalog, currentId: string | undefined): Promise<string | undefined>;
  storage(existing: KeyStorage | undefined): Promise<KeyStorage | undefined>;
  /** Resolves when replacing (or, `moveOnly`, moving to `target`) the described keys is accepted; throws otherwise. */
  confirmReplace(description: string, moveOnly: boolean, target: string): Promise<void>;
  /** Whether to run `openclaw plugins install @openclaw/venice-provider` now (never without a yes). */
  installPlugin(): Promise<boolean>;
  /** `diff` renders the masked preview; only an interactive run pays for it. */
  confirmWrite(diff: () => string): Promise<boolean>;
}

export function nonInteractive(o: OnboardOptions, ctx: Context): Interaction {
  let checked: Promise<void> = Promise.resolve();
  return {
    header: () => {},
    key: async (_found, check) => {
      const input = await keyFromFlags(o, ctx);
      if (input === undefined) return undefined;
      if (input.warning) ctx.stderr.write(`! ${input.warning}\n`);
      checked = check(input.key).then((verdict) => {
        if (verdict !== 'ok') throw invalidKeyError(verdict.message);
      });
      checked.catch(() => undefined); // awaited in keyChecked(); not an unhandled rejection meanwhile
      return input.key;
    },
    keyChecked: () => checked,
    missingKey: missingKeyError,
    waitForCatalog: (pending) => pending,
    model: async () => undefined,
    storage: async () => undefined,
    confirmReplace: async (description, moveOnly, target) => {
      const message = moveOnly
        ? `The key is also stored as ${description}; moving it to the ${target} removes that copy.`
        : `A different Venice key is already stored: ${description}.`;
      throw new CliError('key-exists', message, {
        hint: moveOnly ? 'Pass --yes to move it.' : 'Pass --yes to replace it with the new key.',
        exitCode: ExitCode.usage,
      });
    },
    installPlugin: async () => false,
    confirmWrite: async () => true,
  };
}
