import type { Context } from './context.js';
import { CliError } from './errors.js';
import { palette } from './ui/style.js';

/** Prints an error once, as text on stderr or as the `--json` envelope on stdout (SPEC §2). */
export function reportError(error: unknown, ctx: Pick<Context, 'stdout' | 'stderr' | 'color' | 'env'>, json: boolean): number {
  const debug = (ctx.env.DEBUG ?? '').split(',').includes('venice-onboard');
  const cli =
    error instanceof CliError
      ? error
      : new CliError('internal', `Unexpected error: ${(error as Error)?.message ?? String(error)}`, {
          hint: 'This is a bug in venice-onboard. Run again with DEBUG=venice-onboard and report what it prints.',
        });
  if (json) {
    const envelope = { ok: false, error: { code: cli.code, message: cli.message, hint: cli.hint ?? null } };
    ctx.stdout.write(`${JSON.stringify(envelope)}\n`);
  } else {
    const c = palette(ctx.color);
    ctx.stderr.write(`${c.red('✗')} ${cli.message}\n`);
    if (cli.detail) ctx.stderr.write(`${cli.detail}\n`);
    if (cli.hint) ctx.stderr.write(`  ${c.dim('Hint:')} ${cli.hint}\n`);
  }
  if (debug && !(error instanceof CliError && error.code === 'usage')) {
    ctx.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  }
  return cli.exitCode;
}
