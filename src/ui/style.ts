import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colour rules of SPEC §2. The explicit flag wins (`--no-color`), then FORCE_COLOR forces colour,
 * then NO_COLOR or a non-TTY stdout turn it off.
 */
export function shouldColor(env: Record<string, string | undefined>, stdoutIsTTY: boolean, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stdoutIsTTY;
}

export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

export const SYMBOLS = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;
