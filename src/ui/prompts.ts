import type { Prompts } from './prompt-types.js';
import { CliError } from '../errors.js';

export function createPrompts(): Prompts {
  throw new CliError('not-built', 'Interactive prompts are not available in this version yet.');
}
