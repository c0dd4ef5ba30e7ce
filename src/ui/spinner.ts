import type { Output } from '../context.js';

/**
 * A one-line spinner for the interactive flow ("Fetching the Venice model list…"), written through
 * the context's stderr so masking and test capture apply (STYLE §4). Nothing at all when stderr is
 * not a terminal. Plain ANSI: carriage return, erase line.
 */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const SPINNER_INTERVAL_MS = 80;

export function startSpinner(out: Output, text: string): { stop(): void } {
  if (!out.isTTY) return { stop: () => undefined };
  let frame = 0;
  const draw = () => out.write(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  draw();
  const timer = setInterval(draw, SPINNER_INTERVAL_MS);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      out.write('\r\u001b[2K');
    },
  };
}
