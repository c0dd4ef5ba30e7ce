import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderParts, splitByFile } from '../../src/changes/manual-snippet.js';
import { parseData, type EditOp, type JsonValue } from '../../src/json5-edit/index.js';
import { makeTempDir } from '../support/temp-home.js';

/**
 * The snippet printed when a path we edit goes through `$include` (issue 15, item 8): per file,
 * what goes there, planned on the config as OpenClaw reads it. OpenClaw 2026.9.6's docs: a single
 * file replaces the object holding `$include`; an array is deep-merged in order, the later winning;
 * sibling keys are merged after, and win; paths are relative to the including file.
 */

type Config = Record<string, JsonValue>;
const get = (c: unknown, path: string[]) => path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), c);

/** A small plan in the manner of planVeniceEdits: what it sets depends on what the config already says. */
function plan(config: Config): EditOp[] {
  const ops: EditOp[] = [{ op: 'set', path: ['env', 'vars', 'VENICE_API_KEY'], value: 'vapi_secret' }];
  ops.push({ op: 'set', path: ['agents', 'defaults', 'model', 'primary'], value: 'venice/llama-3.3-70b' });
  if (get(config, ['models', 'mode']) === undefined) ops.push({ op: 'set', path: ['models', 'mode'], value: 'merge' });
  ops.push({ op: 'set', path: ['models', 'providers', 'venice', 'api'], value: 'openai-completions' });
  const rows = get(config, ['models', 'providers', 'venice', 'models']);
  if (Array.isArray(rows)) ops.push({ op: 'append', path: ['models', 'providers', 'venice', 'models'], values: [{ id: 'qwen3-4b' }] });
  else ops.push({ op: 'set', path: ['models', 'providers', 'venice', 'models'], value: [{ id: 'llama-3.3-70b' }] });
  if (get(config, ['models', 'providers', 'venice', 'apiKey']) === 'old') ops.push({ op: 'delete', path: ['models', 'providers', 'venice', 'apiKey'] });
  return ops;
}

async function home(files: Record<string, string>): Promise<{ dir: string; main: { file: string; data: Config } }> {
  const dir = await makeTempDir();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  const file = join(dir, 'openclaw.json');
  return { dir, main: { file, data: parseData(files['openclaw.json']!).data } };
}

describe('splitByFile and renderParts', () => {
  it('models from a file of its own: the Venice part goes there, not under "models"; the rest stays in the main file; what the file already says is not repeated', async () => {
    const { dir, main } = await home({
      'openclaw.json': '// main\n{\n  gateway: { port: 18789 },\n  models: { $include: "./models.json5" },\n}\n',
      'models.json5': '// providers\n{\n  mode: "replace",\n  providers: { venice: { api: "openai-completions", apiKey: "old", models: [{ id: "llama-3.3-70b" }] } },\n}\n',
    });
    const parts = await splitByFile(main, plan);
    expect(renderParts(parts)).toBe(
      [
        '  Edit by hand instead: merge each block into the top-level object of its file (list items go at the end of the list).',
        `  ${join(dir, 'openclaw.json')}:`,
        '    {',
        '      "env": {',
        '        "vars": {',
        '          "VENICE_API_KEY": "<your Venice API key>"',
        '        }',
        '      },',
        '      "agents": {',
        '        "defaults": {',
        '          "model": {',
        '            "primary": "venice/llama-3.3-70b"',
        '          }',
        '        }',
        '      }',
        '    }',
        `  ${join(dir, 'models.json5')} (included as the value of models):`,
        '    {',
        '      "providers": {',
        '        "venice": {',
        '          "models": [',
        '            {',
        '              "id": "qwen3-4b"',
        '            }',
        '          ]',
        '        }',
        '      }',
        '    }',
        '    and remove providers.venice.apiKey',
      ].join('\n'),
    );
  });

  it('a root $include: the keys of the main file (siblings of $include) stay there, everything else goes to the included file, read or not', async () => {
    const { dir, main } = await home({ 'openclaw.json': '{\n  $include: "./base.json5",\n  agents: {},\n}\n' });
    const parts = await splitByFile(main, plan);
    expect(parts.map((p) => [p.file, p.at, p.ops.map((o) => o.path.join('.'))])).toEqual([
      [join(dir, 'openclaw.json'), undefined, ['agents.defaults.model.primary']],
      [join(dir, 'base.json5'), [], ['env.vars.VENICE_API_KEY', 'models.mode', 'models.providers.venice.api', 'models.providers.venice.models']],
    ]);
    expect(renderParts(parts).split('\n')).toContain(`  ${join(dir, 'base.json5')} (included at the root):`);
  });

  it('an array of files: the last one, whose values win', async () => {
    const { dir, main } = await home({
      'openclaw.json': '{ agents: { $include: ["./a.json5", "./b.json5"] }, models: { mode: "merge", providers: { venice: { models: [] } } } }',
      'a.json5': '{ defaults: { model: { primary: "x/y" } } }',
      'b.json5': '{ list: [] }',
    });
    const parts = await splitByFile(main, plan);
    expect(parts.map((p) => [p.file, p.at, p.ofMany, p.ops.map((o) => o.path.join('.'))])).toEqual([
      [join(dir, 'openclaw.json'), undefined, undefined, ['env.vars.VENICE_API_KEY', 'models.providers.venice.api', 'models.providers.venice.models']],
      [join(dir, 'b.json5'), ['agents'], true, ['defaults.model.primary']],
    ]);
    expect(renderParts(parts).split('\n')).toContain(`  ${join(dir, 'b.json5')} (the last of the files included as the value of agents):`);
  });

  it('a nested include, relative to the file that names it', async () => {
    const { dir, main } = await home({
      'openclaw.json': '{ agents: { $include: "./agents/agents.json5" } }',
      'agents/agents.json5': '{ defaults: { $include: "./defaults.json5" }, list: [] }',
      'agents/defaults.json5': '{ model: { primary: "x/y", fallbacks: [] } }',
    });
    const parts = await splitByFile(main, plan);
    const nested = parts.find((p) => p.file === join(dir, 'agents', 'defaults.json5'));
    expect(nested).toEqual({
      file: join(dir, 'agents', 'defaults.json5'),
      at: ['agents', 'defaults'],
      ofMany: false,
      ops: [{ op: 'set', path: ['model', 'primary'], value: 'venice/llama-3.3-70b' }],
    });
  });

  it('a sibling of $include holds the key: the edit stays in the including file', async () => {
    const { dir, main } = await home({
      'openclaw.json': '{ models: { $include: "./models.json5", mode: "merge" } }',
      'models.json5': '{ providers: {} }',
    });
    const parts = await splitByFile(main, (config) => [
      { op: 'set', path: ['models', 'mode'], value: get(config, ['models', 'mode']) === 'merge' ? 'replace' : 'merge' },
      { op: 'set', path: ['models', 'providers', 'venice', 'api'], value: 'openai-completions' },
    ]);
    expect(parts.map((p) => [p.file, p.ops.map((o) => `${o.path.join('.')}=${JSON.stringify((o as { value: unknown }).value)}`)])).toEqual([
      [join(dir, 'openclaw.json'), ['models.mode="replace"']],
      [join(dir, 'models.json5'), ['providers.venice.api="openai-completions"']],
    ]);
  });
});
