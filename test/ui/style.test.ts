import { describe, expect, it } from 'vitest';
import { palette, shouldColor } from '../../src/ui/style.js';

describe('palette (SPEC §2)', () => {
  const c = palette(true);

  it('basic ANSI codes, each closed by its own reset', () => {
    expect([c.red('x'), c.green('x'), c.yellow('x'), c.dim('x'), c.bold('x')]).toEqual([
      '\x1b[31mx\x1b[39m',
      '\x1b[32mx\x1b[39m',
      '\x1b[33mx\x1b[39m',
      '\x1b[2mx\x1b[22m',
      '\x1b[1mx\x1b[22m',
    ]);
  });

  it('a nested style re-opens the outer one after its own close', () => {
    expect(c.bold(`a ${c.dim('b')} c`)).toBe('\x1b[1ma \x1b[2mb\x1b[22m\x1b[1m c\x1b[22m');
    expect(c.green(`ok ${c.red('no')} ok`)).toBe('\x1b[32mok \x1b[31mno\x1b[39m\x1b[32m ok\x1b[39m');
  });

  it('each line is styled on its own; an empty text stays empty', () => {
    expect(c.yellow('one\ntwo\r\nthree')).toBe('\x1b[33mone\x1b[39m\n\x1b[33mtwo\x1b[39m\r\n\x1b[33mthree\x1b[39m');
    expect(c.red('')).toBe('');
  });

  it('without colour every style is the text itself', () => {
    const p = palette(false);
    expect([p.red('x'), p.green('x'), p.yellow('x'), p.dim('x\ny'), p.bold('')]).toEqual(['x', 'x', 'x', 'x\ny', '']);
  });
});

describe('shouldColor', () => {
  it.each<[string, Record<string, string | undefined>, boolean, boolean, boolean]>([
    ['a TTY', {}, true, false, true],
    ['a pipe', {}, false, false, false],
    ['--no-color wins over FORCE_COLOR', { FORCE_COLOR: '1' }, true, true, false],
    ['FORCE_COLOR on a pipe', { FORCE_COLOR: '1' }, false, false, true],
    ['FORCE_COLOR=0 forces nothing: the TTY decides', { FORCE_COLOR: '0' }, false, false, false],
    ['NO_COLOR on a TTY', { NO_COLOR: '1' }, true, false, false],
    ['an empty NO_COLOR counts for nothing', { NO_COLOR: '' }, true, false, true],
  ])('%s', (_name, env, tty, flag, expected) => {
    expect(shouldColor(env, tty, flag)).toBe(expected);
  });
});
