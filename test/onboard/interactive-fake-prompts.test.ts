import { describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/errors.js';
import { createPrompts } from '../../src/ui/prompts.js';
import { createFakePrompts, DEFAULT } from '../support/fake-prompts.js';

/** The scripted prompts the interactive tests rely on must fail loudly, or those tests cannot fail. */

vi.mock('@inquirer/prompts', () => {
  const ctrlC = async () => {
    const error = new Error('User force closed the prompt with SIGINT');
    error.name = 'ExitPromptError';
    throw error;
  };
  return { confirm: ctrlC, password: ctrlC, select: ctrlC, search: ctrlC, Separator: class {} };
});

const groups = [
  { title: 'Recommended', choices: [{ value: 'b', name: 'B' }] },
  { title: 'Private', choices: [{ value: 'a', name: 'A', disabled: true }, { value: 'b', name: 'B' }, { value: 'c', name: 'C' }] },
];

describe('createFakePrompts', () => {
  it('answers in order and records what was asked', async () => {
    const fake = createFakePrompts([
      { confirm: /Use/, answer: DEFAULT },
      { search: 'Pick:', answer: DEFAULT },
      { select: /Where/, answer: 'y' },
    ]);
    expect(await fake.confirm('Use it?', true)).toBe(true);
    expect(await fake.search('Pick:', groups, 'c')).toBe('c');
    expect(await fake.select('Where?', [{ value: 'x', name: 'X' }, { value: 'y', name: 'Y' }], 'x')).toBe('y');
    expect(fake.questions()).toEqual(['confirm: Use it?', 'search: Pick:', 'select: Where?']);
    expect(fake.only('search')).toMatchObject({ default: 'c', groups, answer: 'c' });
    fake.assertDone();
  });

  it('DEFAULT without a default: the first selectable row, as inquirer does', async () => {
    const fake = createFakePrompts([{ search: /Pick/, answer: DEFAULT }]);
    expect(await fake.search('Pick:', [{ title: 'P', choices: [{ value: 'a', name: 'A', disabled: true }, { value: 'b', name: 'B' }] }])).toBe('b');
  });

  it('password: runs the validator on each typed value, records the refusals, returns the first accepted', async () => {
    const fake = createFakePrompts([{ password: /key/, answer: ['', 'short', 'long-enough'] }]);
    const validate = (v: string) => (v.length > 5 ? true : `too short: ${v.length}`);
    expect(await fake.password('API key:', validate)).toBe('long-enough');
    expect(fake.only('password').validationErrors).toEqual(['too short: 0', 'too short: 5']);
  });

  it('`before` is awaited while the prompt is open: no answer until it resolves', async () => {
    let release = () => {};
    const thinking = new Promise<void>((resolve) => (release = resolve));
    const fake = createFakePrompts([{ confirm: /Sure/, answer: true, before: () => thinking }]);
    let answered: boolean | undefined;
    const pending = fake.confirm('Sure?', false).then((a) => (answered = a));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBeUndefined();
    release();
    await pending;
    expect(answered).toBe(true);
  });

  it.each([
    ['an unscripted question', [], (f: ReturnType<typeof createFakePrompts>) => f.confirm('Sure?', true), /unscripted confirm prompt: "Sure\?"/],
    ['another kind', [{ password: /key/, answer: 'x' }], (f: ReturnType<typeof createFakePrompts>) => f.confirm('Sure?', true), /expected password .*but got a confirm/],
    ['another message', [{ confirm: /Write/, answer: true }], (f: ReturnType<typeof createFakePrompts>) => f.confirm('Sure?', true), /says "Sure\?"/],
    ['a value refused by the validator', [{ password: /key/, answer: 'bad' }], (f: ReturnType<typeof createFakePrompts>) => f.password('key', () => 'no'), /refused every scripted value/],
    ['a value that is not a choice', [{ search: /Pick/, answer: 'zz' }], (f: ReturnType<typeof createFakePrompts>) => f.search('Pick', groups), /zz is not a selectable choice/],
    ['a disabled choice', [{ search: /Pick/, answer: 'a' }], (f: ReturnType<typeof createFakePrompts>) => f.search('Pick', groups), /a is not a selectable choice/],
  ] as const)('fails on %s, and assertDone fails too even if the error was swallowed', async (_name, script, ask, message) => {
    const fake = createFakePrompts(script);
    await expect(ask(fake)).rejects.toThrow(message);
    expect(() => fake.assertDone()).toThrow(message);
  });

  it('fails when scripted questions were never asked', async () => {
    const fake = createFakePrompts([{ confirm: /Use/, answer: true }, { search: /Default model/, answer: DEFAULT }]);
    await fake.confirm('Use it?', true);
    expect(() => fake.assertDone()).toThrow(/never asked: search \/Default model\//);
  });

  it('{ cancel: true } throws exactly what the real prompts throw on Ctrl+C', async () => {
    const fake = createFakePrompts([{ cancel: true }, { password: /key/, cancel: true }]);
    const real = createPrompts();
    const fakeError = await fake.confirm('Anything?', true).catch((e: unknown) => e);
    const realError = await real.confirm('Anything?', true).catch((e: unknown) => e);
    expect(fakeError).toBeInstanceOf(CliError);
    expect(realError).toBeInstanceOf(CliError);
    expect({ ...(fakeError as CliError), message: (fakeError as CliError).message }).toEqual({ ...(realError as CliError), message: (realError as CliError).message });
    expect(fakeError).toMatchObject({ code: 'cancelled', exitCode: 130 });
    await expect(fake.password('key', () => true)).rejects.toMatchObject({ code: 'cancelled' });
    await expect(real.search('Pick', groups)).rejects.toMatchObject({ code: 'cancelled', exitCode: 130 });
    expect(fake.asked.map((a) => a.cancelled)).toEqual([true, true]);
    fake.assertDone();
  });
});
