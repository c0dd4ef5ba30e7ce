import type { Context } from '../context.js';
import { CliError } from '../errors.js';

export async function onboardCommand(_flags: Record<string, unknown>, _args: string[], _ctx: Context): Promise<number> {
  throw new CliError('not-built', 'This command is not available in this version yet.', {
    hint: 'Run venice-onboard models list to see the Venice catalog.',
  });
}
