import type { ChalkInstance } from 'chalk';

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

/** The styles this tool uses. */
type Palette = Pick<ChalkInstance, 'red' | 'green' | 'yellow' | 'dim' | 'bold'>;

const plain = (text: unknown) => String(text);
const PLAIN = { red: plain, green: plain, yellow: plain, dim: plain, bold: plain } as unknown as Palette;
let colored: Palette | undefined;

/**
 * Loads chalk, once, when colour is on. Without colour (pipes, CI, NO_COLOR) it is never loaded:
 * its terminal detection alone costs about a third of a bare Node start.
 */
export async function loadPalette(color: boolean): Promise<void> {
  if (!color || colored) return;
  const { Chalk } = await import('chalk');
  colored = new Chalk({ level: 1 });
}

export function palette(color: boolean): Palette {
  return color && colored ? colored : PLAIN;
}

export const SYMBOLS = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;
