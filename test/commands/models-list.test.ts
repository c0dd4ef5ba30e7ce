import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runModelsList } from '../../src/commands/models-list.js';
import { toGlobalOptions, toModelsListOptions } from '../../src/options.js';
import { makeFakeContext } from '../support/fake-context.js';
import { createFakePrompts } from '../support/fake-prompts.js';
import { SPEC_STATIC_MODELS, type SpecModel } from '../support/spec-catalog.js';
import type { TestHooks } from '../support/temp-home.js';

/**
 * `models list` logic with a fake context (SPEC §1.3): the filters and the default marker, on the
 * built-in catalog (--offline). test/e2e/models-list.e2e.test.ts runs the built binary.
 */

async function list(t: TestHooks, raw: Record<string, unknown>, config?: string) {
  const fc = await makeFakeContext({ prompts: createFakePrompts([]), hooks: t, isInteractive: false });
  if (config !== undefined) await writeFile(fc.home.configPath, config);
  const all = { offline: true, ...raw };
  const code = await runModelsList(toModelsListOptions(all, toGlobalOptions(all, fc.ctx.env)), fc.ctx);
  return { code, stdout: fc.stdout(), stderr: fc.stderr() };
}
const plainOut = (models: readonly { id: string }[]) => models.map((m) => `venice/${m.id}\n`).join('');
const ids = (pred: (m: SpecModel) => boolean) => SPEC_STATIC_MODELS.filter(pred);
const defaults = (stdout: string) => (JSON.parse(stdout) as { models: { id: string; default: boolean }[] }).models.filter((m) => m.default).map((m) => m.id);

describe.concurrent('filters', () => {
  it.for<[string, Record<string, unknown>, SpecModel[]]>([
    ['--privacy anonymized', { privacy: 'anonymized' }, ids((m) => m.privacy === 'anonymized')],
    ['--privacy private', { privacy: 'private' }, ids((m) => m.privacy === 'private')],
    ['--capability code', { capability: ['code'] }, ids((m) => m.capabilities.code)],
    ['--capability vision --capability reasoning (all of them)', { capability: ['vision', 'reasoning'] }, ids((m) => m.capabilities.vision && m.capabilities.reasoning)],
    ['--search qwen3 (id or name)', { search: 'qwen3' }, ids((m) => m.id.includes('qwen3'))],
    ['--search VENICE (case-insensitive, in names)', { search: 'VENICE' }, ids((m) => m.name.toLowerCase().includes('venice'))],
    ['--privacy private --capability vision --search gemma', { privacy: 'private', capability: ['vision'], search: 'gemma' }, ids((m) => m.id === 'google-gemma-3-27b-it')],
  ])('%s', async ([, raw, expected], t) => {
    expect(expected.length).toBeGreaterThan(0);
    const r = await list(t, { plain: true, ...raw });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plainOut(expected));
  });

  it('no match: an empty table with a note on stderr, exit 0; --json gives count 0', async (t) => {
    const table = await list(t, { search: 'no-such-model' });
    expect(table).toEqual({ code: 0, stdout: '', stderr: 'Source: static (https://api.venice.ai/api/v1)\nNo model matches these filters.\n' });
    const json = await list(t, { json: true, search: 'no-such-model' });
    expect(JSON.parse(json.stdout)).toEqual({ source: 'static', fetchedAt: null, count: 0, models: [] });
  });
});

describe.concurrent('the configured default', () => {
  it.for([
    ['the object form', '{ agents: { defaults: { model: { primary: "venice/llama-3.3-70b", fallbacks: ["venice/qwen3-4b"] } } } }', ['llama-3.3-70b']],
    ['the string form', '{ agents: { defaults: { model: "venice/qwen3-4b" } } }', ['qwen3-4b']],
    ['another provider', '{ agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5" } } } }', []],
    ['an unparsable config', '{ agents: { defaults: ', []],
    ['no default', '{}', []],
  ] as const)('%s: marks %j, exit 0', async ([, config, marked], t) => {
    const r = await list(t, { json: true }, config);
    expect(r.code).toBe(0);
    expect(defaults(r.stdout)).toEqual(marked);
  });
});
