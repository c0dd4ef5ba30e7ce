import type { Clock } from '../../src/net/http.js';

interface Timer {
  /** The delay it was armed with, in ms. */
  ms: number;
  /** Virtual time when it was armed. */
  at: number;
  state: 'pending' | 'cleared' | 'fired';
  fn: () => void;
}

/**
 * A clock for the HTTP client (src/net/http.ts `clock`) that moves only when told, so that a test
 * checks the time budget to the millisecond without waiting for it and whatever the machine's load:
 * `sleep` (the backoff between attempts) returns at once and moves the time on by its length;
 * a timer (an attempt's deadline) fires only when the test calls `fire()`. Both are recorded.
 */
export interface VirtualClock extends Clock {
  /** The delay of every timer armed, in order. */
  armed(): number[];
  /** Every timer that has fired (as opposed to cleared or still pending), by its delay. */
  fired(): number[];
  /** Every sleep, in ms, in order. */
  readonly slept: number[];
  /** Moves the time to the pending timer due first and runs it; throws when none is pending. */
  fire(): void;
}

export function virtualClock(): VirtualClock {
  let now = 0;
  const timers: Timer[] = [];
  const slept: number[] = [];
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer: Timer = { ms, at: now, state: 'pending', fn };
      timers.push(timer);
      return timer;
    },
    clearTimeout(timer) {
      const t = timer as Timer;
      if (t.state === 'pending') t.state = 'cleared';
    },
    async sleep(ms) {
      slept.push(ms);
      now += ms;
    },
    armed: () => timers.map((t) => t.ms),
    fired: () => timers.filter((t) => t.state === 'fired').map((t) => t.ms),
    slept,
    fire() {
      const next = timers.filter((t) => t.state === 'pending').sort((a, b) => a.at + a.ms - (b.at + b.ms))[0];
      if (next === undefined) throw new Error('virtual clock: no timer is pending');
      now = Math.max(now, next.at + next.ms);
      next.state = 'fired';
      next.fn();
    },
  };
}
