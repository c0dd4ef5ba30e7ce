import type { Context } from '../context.js';
import { nonInteractive } from '../onboard/interaction.js';
import { toOnboardOptions } from '../onboard/options.js';
import { runOnboard } from '../onboard/run-onboard.js';

export async function onboardCommand(flags: Record<string, unknown>, _args: string[], ctx: Context): Promise<number> {
  // --non-interactive settles it: no need to ask whether stdin is a terminal (that loads node:tty).
  const options = toOnboardOptions(flags, flags.nonInteractive !== true && ctx.isInteractive);
  if (options.nonInteractive) return runOnboard(options, ctx, nonInteractive(options, ctx));
  const { interactive } = await import('../onboard/interactive.js');
  return runOnboard(options, ctx, await interactive(options, ctx));
}
