import type { Output } from '../context.js';

/**
 * The spinner writes through the context's stderr (STYLE §4: masking and test capture apply) but
 * needs the cursor calls of a TTY stream; they are plain ANSI sequences.
 */
export function spinnerStream(out: Output): NodeJS.WriteStream {
  const esc = (s: string) => out.write(`\u001b[${s}`);
  const stream = {
    isTTY: out.isTTY,
    columns: process.stderr.columns ?? 80,
    write: (text: string) => {
      out.write(text);
      return true;
    },
    cursorTo: (x: number) => (esc(`${x + 1}G`), true),
    moveCursor: (dx: number, dy: number) => {
      if (dy < 0) esc(`${-dy}A`);
      if (dy > 0) esc(`${dy}B`);
      if (dx < 0) esc(`${-dx}D`);
      if (dx > 0) esc(`${dx}C`);
      return true;
    },
    clearLine: () => (esc('2K'), true),
    on: () => stream,
    once: () => stream,
    off: () => stream,
    removeListener: () => stream,
  };
  return stream as unknown as NodeJS.WriteStream;
}
