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

/** The styles this tool uses: basic ANSI colours (16-colour terminals and up). */
type Style = (text: string) => string;
interface Palette {
  red: Style;
  green: Style;
  yellow: Style;
  dim: Style;
  bold: Style;
}

/**
 * One SGR style, with chalk's rules: a closing code inside the text (a nested style) re-opens this
 * one after it, so `bold(\`a ${dim('b')} c\`)` keeps "c" bold; each line is closed before its line
 * break and re-opened after it; an empty text stays empty.
 */
const sgr = (open: number, close: number): Style => {
  const o = `\x1b[${open}m`;
  const c = `\x1b[${close}m`;
  return (text) => (text === '' ? '' : `${o}${text.replaceAll(c, `${c}${o}`).replace(/(\r?\n)/g, `${c}$1${o}`)}${c}`);
};
const COLORED: Palette = { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
const plain: Style = (text) => text;
const PLAIN: Palette = { red: plain, green: plain, yellow: plain, dim: plain, bold: plain };

export function palette(color: boolean): Palette {
  return color ? COLORED : PLAIN;
}

export const SYMBOLS = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;
