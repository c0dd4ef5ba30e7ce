import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existingConfig, expectCancelled, OLD_KEY, onboard, snapshotTree, VALID_KEYS, WRONG_KEYS } from '../support/fake-context.js';
import { DEFAULT, type Step } from '../support/fake-prompts.js';
import { makeTempHome } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/** Ctrl+C at any prompt: exit 130, nothing written, no stack trace (SPEC §1.1). */

let server: VeniceServer;
beforeEach(async () => {
  server = await startVeniceServer({ validKeys: VALID_KEYS });
});
afterEach(() => server.close());

const C = { cancel: true } as const;
const typed = { password: /API key/, answer: TEST_API_KEY } as const;
const model = { search: /Default model/, answer: DEFAULT } as const;
const storage = { select: /stored/, answer: DEFAULT } as const;

interface Case {
  at: string;
  /** Start from the existing config with OLD_KEY in its env block. */
  existing: boolean;
  env?: Record<string, string>;
  script: Step[];
}

const CASES: Case[] = [
  { at: 'the VENICE_API_KEY confirm', existing: false, env: { VENICE_API_KEY: TEST_API_KEY }, script: [{ confirm: /Use VENICE_API_KEY/, ...C }] },
  { at: 'the keep-stored-key confirm', existing: true, script: [{ confirm: /Keep the key/, ...C }] },
  { at: 'the password prompt', existing: false, script: [{ password: /API key/, ...C }] },
  { at: 'the password prompt, after a 401', existing: false, script: [{ password: /API key/, answer: WRONG_KEYS[0] }, { password: /API key/, ...C }] },
  { at: 'the model search', existing: false, script: [typed, { search: /Default model/, ...C }] },
  { at: 'the model search (existing config)', existing: true, script: [{ confirm: /Keep the key/, answer: true }, { search: /Default model/, ...C }] },
  { at: 'the storage select', existing: true, script: [{ confirm: /Keep the key/, answer: true }, model, { select: /stored/, ...C }] },
  {
    at: 'the replace confirm',
    existing: true,
    script: [{ confirm: /Keep the key/, answer: false }, typed, model, storage, { confirm: /Replace the existing key/, ...C }],
  },
  { at: 'the write confirm', existing: false, script: [typed, model, { confirm: /Write these changes/, ...C }] },
  { at: 'the write confirm (existing config)', existing: true, script: [{ confirm: /Keep the key/, answer: true }, model, storage, { confirm: /Write these changes/, ...C }] },
];

describe('Ctrl+C', () => {
  it.each(CASES)('at $at: CliError exit 130, every file byte-identical (or absent)', async ({ existing, env, script }) => {
    const home = await makeTempHome();
    if (existing) await writeFile(home.configPath, existingConfig(server.baseUrl, { key: OLD_KEY }), { mode: 0o600 });
    const before = await snapshotTree(home.stateDir);
    const run = await onboard(script, { server, home, env });
    expectCancelled(run);
    expect(run.code).toBeUndefined();
    expect(await snapshotTree(home.stateDir)).toEqual(before);
    expect(run.stdout()).toBe('');
  });
});

it('waiting on a slow model list: the wait is shown through ctx.stderr, nothing goes around the context', async () => {
  server.setFault('models', { kind: 'slow', delayMs: 600 });
  const direct = vi.spyOn(process.stderr, 'write');
  const run = await onboard([typed, { search: /Default model/, ...C }], { server });
  const around = direct.mock.calls.map((c) => String(c[0])).filter((text) => text.includes('Fetching'));
  direct.mockRestore();
  expectCancelled(run);
  expect(around).toEqual([]);
  expect(run.stderr()).toContain('Fetching the Venice model list');
});
