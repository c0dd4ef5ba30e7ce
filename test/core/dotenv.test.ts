import { describe, expect, it } from 'vitest';
import { readDotenvVar, removeDotenvVar, setDotenvVar } from '../../src/core/dotenv.js';

describe('.env editing', () => {
  it('appends the variable and keeps every other line', () => {
    expect(setDotenvVar('# mine\nOTHER=1\n', 'VENICE_API_KEY', 'k1')).toBe('# mine\nOTHER=1\nVENICE_API_KEY=k1\n');
  });
  it('replaces an existing line in place, with export and quotes, and drops duplicates', () => {
    const text = 'A=1\nexport VENICE_API_KEY="old"\nB=2\nVENICE_API_KEY=older\n';
    expect(setDotenvVar(text, 'VENICE_API_KEY', 'new')).toBe('A=1\nVENICE_API_KEY=new\nB=2\n');
  });
  it('keeps CRLF line endings', () => {
    expect(setDotenvVar('A=1\r\n', 'VENICE_API_KEY', 'k')).toBe('A=1\r\nVENICE_API_KEY=k\r\n');
  });
  it('creates a file from nothing', () => {
    expect(setDotenvVar('', 'VENICE_API_KEY', 'k')).toBe('VENICE_API_KEY=k\n');
  });
  it('is a no-op when the value is already there', () => {
    expect(setDotenvVar('A=1\nVENICE_API_KEY=k\n', 'VENICE_API_KEY', 'k')).toBe('A=1\nVENICE_API_KEY=k\n');
  });
  it.each([
    ['VENICE_API_KEY=abc', 'abc'],
    ['export VENICE_API_KEY="abc"', 'abc'],
    ["VENICE_API_KEY='abc'", 'abc'],
    ['VENICE_API_KEY=abc # comment', 'abc'],
    ['OTHER=abc', undefined],
  ])('reads %j', (text, value) => {
    expect(readDotenvVar(text, 'VENICE_API_KEY')).toBe(value);
  });
  it('removes only the variable', () => {
    expect(removeDotenvVar('A=1\nVENICE_API_KEY=k\nB=2\n', 'VENICE_API_KEY')).toBe('A=1\nB=2\n');
  });
});
