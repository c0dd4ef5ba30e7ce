import type { Context } from '../context.js';
import { nonInteractive } from '../onboard/interaction.js';
import { runOnboard } from '../onboard/run-onboard.js';
import type { OnboardOptions } from '../options.js';

export async function onboardCommand(options: OnboardOptions, ctx: Context): Promise<number> {
  if (options.nonInteractive) return runOnboard(options, ctx, nonInteractive(options, ctx));
  const { interactive } = await import('../onboard/interactive.js');
  return runOnboard(options, ctx, await interactive(options, ctx));
}
