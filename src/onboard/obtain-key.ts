import type { Context } from '../context.js';
import { maskKey } from '../core/mask.js';
import { usageError } from '../errors.js';
import type { OnboardOptions } from '../options.js';
import { requireKeyFormat } from '../net/key-check.js';

interface KeyInput {
  key: string;
  source: 'stdin' | 'flag' | 'env';
  /** The format check's warning (admin key, unknown format), if any. */
  warning?: string;
}

/**
 * The key from the flags or the environment, format-checked (SPEC §3.1), or undefined when
 * none was given. Registered as a secret at once so that no output can show it whole.
 */
export async function keyFromFlags(o: OnboardOptions, ctx: Pick<Context, 'env' | 'readStdinLine' | 'secrets' | 'stderr'>): Promise<KeyInput | undefined> {
  let raw: string | undefined;
  let source: KeyInput['source'];
  if (o.apiKeyStdin) {
    raw = await ctx.readStdinLine();
    source = 'stdin';
  } else if (o.apiKeyFlag !== undefined) {
    raw = o.apiKeyFlag;
    source = 'flag';
  } else if (ctx.env.VENICE_API_KEY?.trim()) {
    raw = ctx.env.VENICE_API_KEY;
    source = 'env';
  } else {
    return undefined;
  }
  ctx.secrets.add(raw.trim());
  const label = { stdin: 'stdin', flag: '--venice-api-key', env: 'VENICE_API_KEY' }[source];
  const checked = requireKeyFormat(raw, label);
  ctx.secrets.add(checked.key);
  if (source === 'flag') {
    ctx.stderr.write(`! The key ${maskKey(checked.key)} was given on the command line, where shell history and the process list can see it. Prefer --venice-api-key-stdin.\n`);
  }
  return { key: checked.key, source, ...(checked.status === 'warn' ? { warning: checked.message } : {}) };
}

export function missingKeyError(): Error {
  return usageError(
    'No API key: in non-interactive mode pass it with --venice-api-key-stdin (or --venice-api-key, or VENICE_API_KEY).',
    'Example: printf %s "$VENICE_API_KEY" | npx venice-onboard --non-interactive --venice-api-key-stdin',
  );
}
