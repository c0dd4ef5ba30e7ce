import { afterEach, describe, expect, it, vi } from 'vitest';
import { SPINNER_INTERVAL_MS, startSpinner } from '../../src/ui/spinner.js';

/** The interactive flow's spinner: frames on a terminal, nothing elsewhere, the line cleared at the end. */

const sink = (isTTY: boolean) => {
  const writes: string[] = [];
  return { out: { isTTY, write: (t: string) => void writes.push(t) }, writes };
};

afterEach(() => vi.useRealTimers());

describe('startSpinner', () => {
  it('on a terminal: a frame at once, one per interval, and a cleared line on stop', () => {
    vi.useFakeTimers();
    const { out, writes } = sink(true);
    const spinner = startSpinner(out, 'Fetching…');
    vi.advanceTimersByTime(SPINNER_INTERVAL_MS * 2);
    spinner.stop();
    vi.advanceTimersByTime(SPINNER_INTERVAL_MS * 5);
    expect(writes).toEqual(['\r\u001b[2K⠋ Fetching…', '\r\u001b[2K⠙ Fetching…', '\r\u001b[2K⠹ Fetching…', '\r\u001b[2K']);
  });

  it('not a terminal: writes nothing', () => {
    vi.useFakeTimers();
    const { out, writes } = sink(false);
    const spinner = startSpinner(out, 'Fetching…');
    vi.advanceTimersByTime(SPINNER_INTERVAL_MS * 3);
    spinner.stop();
    expect(writes).toEqual([]);
  });
});
