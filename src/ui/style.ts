import { Chalk, type ChalkInstance } from 'chalk';

/** Colour rules of SPEC §2: FORCE_COLOR wins, then --no-color / NO_COLOR / a non-TTY stdout turn it off. */
export function shouldColor(env: Record<string, string | undefined>, stdoutIsTTY: boolean, noColorFlag: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stdoutIsTTY;
}

export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

export const SYMBOLS = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;
