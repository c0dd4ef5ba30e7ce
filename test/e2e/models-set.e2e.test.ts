import { readFileSync, writeFileSync } from 'node:fs';
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import { snapshotRow } from '../support/fixtures.js';
import { parseJsonOutput, runCli, type CliResult } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';
import { makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/** `models set <model>` (SPEC §1.4), in this process with a fake context; the first case through the built binary. */

const FIXTURES = new URL('../fixtures/onboard/', import.meta.url);
const UPDATE = process.env.UPDATE_ONBOARD_GOLDEN === '1';
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

type Row = Record<string, unknown>;
const LIVE_ROWS: Row[] = [
  { ...snapshotRow('llama-3.3-70b'), model_spec: { ...(snapshotRow('llama-3.3-70b').model_spec as Row), maxCompletionTokens: 4096 } },
  {
    id: 'qwen3-4b',
    type: 'text',
    model_spec: { name: 'Venice Small', privacy: 'private', availableContextTokens: 32768, maxCompletionTokens: 2048, capabilities: { supportsReasoning: true } },
  },
  { ...snapshotRow('claude-opus-4-5'), model_spec: { ...(snapshotRow('claude-opus-4-5').model_spec as Row), maxCompletionTokens: 32000 } },
  { id: 'claude-sonnet-4-5', type: 'text', model_spec: { name: 'Claude Sonnet 4.5', availableContextTokens: 198000, maxCompletionTokens: 64000 } },
  { id: 'claude-haiku-4-5', type: 'text', model_spec: { name: 'Claude Haiku 4.5', availableContextTokens: 198000, maxCompletionTokens: 64000 } },
  { id: 'claude-opus-4-6', type: 'text', model_spec: { name: 'Claude Opus 4.6', availableContextTokens: 198000, maxCompletionTokens: 64000 } },
];
const CLAUDE_ENTRY = {
  id: 'claude-opus-4-5',
  name: 'Claude Opus 4.5',
  reasoning: true,
  input: ['text', 'image'],
  contextWindow: 198000,
  maxTokens: 32000,
};
/** Releases before the Venice plugin's live prices (2026.9.3) get the row with its cost. */
const CLAUDE_COST = { cost: { input: 6, output: 30, cacheRead: 0.6, cacheWrite: 7.5 } };

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Env {
  server: VeniceServer;
  h: TempHome;
  /** `models set` in this process (test/support/run-in-process.ts), or the built binary with `binary`. */
  set(args: string[], binary?: boolean): Promise<CliResult>;
}

async function setup(t: TestHooks, config?: (baseUrl: string) => string): Promise<Env> {
  const server = await startVeniceServer({ models: LIVE_ROWS });
  t.onTestFinished(() => server.close());
  const h = await makeTempHome({ context: t });
  if (config) await writeFile(h.configPath, config(server.baseUrl));
  return {
    server,
    h,
    set: async (args, binary = false) => {
      const argv = ['models', 'set', '--base-url', server.baseUrl, ...args];
      const r = binary ? await runCli(argv, { home: h.home }) : await runInProcess(argv, { home: h });
      expect(r.timedOut).toBe(false);
      expect(r.stdout + r.stderr).not.toContain(TEST_API_KEY);
      return r;
    },
  };
}

const withBase = (name: string) => (baseUrl: string) => fixture(name).split('{{BASE_URL}}').join(baseUrl);
/** The onboard fixture with a Venice block, primary venice/qwen3-4b, fallbacks [venice/my-finetune], no allowlist. */
const EXISTING = withBase('existing-venice.input.json5');
/** A hand-written config after onboarding: allowlist present, primary venice/llama-3.3-70b. */
const ONBOARDED = withBase('handwritten.expected.json5');

/** Every file of the state dir with its mtime and bytes: "nothing written" also catches a same-bytes rewrite. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const info = await stat(join(dir, name));
    out[name] = info.isDirectory() ? 'dir' : `${info.mtimeMs} ${await readFile(join(dir, name), 'utf8')}`;
  }
  return out;
}
const read = async (h: TempHome) => json5.parse<Config>(await readFile(h.configPath, 'utf8'));

describe.concurrent('models set', () => {
  it('sets the primary keeping the fallbacks, adds the missing entry (live values); prints the path and the model', async (t) => {
    const { server, h, set } = await setup(t, EXISTING);
    const original = EXISTING(server.baseUrl);
    const r = await set(['venice/claude-opus-4-5'], true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Updated ${h.configPath}\n`);
    expect(r.stderr).toContain('Default model: venice/claude-opus-4-5\n');

    const text = await readFile(h.configPath, 'utf8');
    const normalized = text.split(server.baseUrl).join('{{BASE_URL}}');
    if (UPDATE) writeFileSync(new URL('models-set.expected.json5', FIXTURES), normalized);
    expect(normalized).toBe(fixture('models-set.expected.json5'));

    const config = json5.parse<Config>(text);
    expect(config.agents.defaults.model).toEqual({ primary: 'venice/claude-opus-4-5', fallbacks: ['venice/my-finetune'] });
    const before = json5.parse<Config>(original).models.providers.venice.models;
    expect(config.models.providers.venice.models).toEqual([...before, CLAUDE_ENTRY]);
    expect(config.agents.defaults.models).toBeUndefined(); // no allowlist: none created
    expect(await readFile(`${h.configPath}.bak`, 'utf8')).toBe(original);
  });

  it('bare <id> works as venice/<id>', async (t) => {
    const { h, set } = await setup(t, EXISTING);
    const r = await set(['llama-3.3-70b']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Default model: venice/llama-3.3-70b\n');
    const config = await read(h);
    expect(config.agents.defaults.model.primary).toBe('venice/llama-3.3-70b');
    // Already in the block (as the user wrote it): not added twice, not changed.
    expect(config.models.providers.venice.models.filter((m: { id: string }) => m.id === 'llama-3.3-70b')).toEqual([
      expect.objectContaining({ name: 'Llama (kept as I wrote it)', maxTokens: 99999 }),
    ]);
  });

  it('extends the allowlist when it exists, with the model name as alias', async (t) => {
    const { h, set } = await setup(t, ONBOARDED);
    const before = await read(h);
    const r = await set(['venice/qwen3-4b']);
    expect(r.code, r.stderr).toBe(0);
    const config = await read(h);
    expect(config.agents.defaults.models).toEqual({ ...before.agents.defaults.models, 'venice/qwen3-4b': { alias: 'Venice Small' } });
    expect(config.agents.defaults.model).toEqual({ ...before.agents.defaults.model, primary: 'venice/qwen3-4b' });
    expect(config.models.providers.venice.models).toEqual(before.models.providers.venice.models);
  });

  it("an id only in the user's provider block (not in the catalog) can be set", async (t) => {
    const { h, set } = await setup(t, EXISTING);
    const r = await set(['venice/my-finetune']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Default model: venice/my-finetune\n');
    const config = await read(h);
    expect(config.agents.defaults.model).toEqual({ primary: 'venice/my-finetune', fallbacks: ['venice/my-finetune'] });
    expect(config.models.providers.venice.models.map((m: { id: string }) => m.id)).toEqual(['my-finetune', 'llama-3.3-70b']);
  });

  it('an old id resolves through the compatibility mapping', async (t) => {
    const { h, set } = await setup(t, EXISTING);
    const r = await set(['venice/claude-opus-45']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('claude-opus-45 is now called claude-opus-4-5.');
    expect(r.stderr).toContain('Default model: venice/claude-opus-4-5\n');
    expect((await read(h)).agents.defaults.model.primary).toBe('venice/claude-opus-4-5');
  });

  it('the current default whose entry is missing from the block: the entry is added', async (t) => {
    const { h, set } = await setup(t, EXISTING);
    const r = await set(['venice/qwen3-4b']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Updated ${h.configPath}\n`);
    expect((await read(h)).models.providers.venice.models.map((m: { id: string }) => m.id)).toEqual(['my-finetune', 'llama-3.3-70b', 'qwen3-4b']);
  });

  it('the string form of agents.defaults.model stays a string', async (t) => {
    const { h, set } = await setup(t, (b) => EXISTING(b).replace('model: { primary: "venice/qwen3-4b", fallbacks: ["venice/my-finetune"] }', 'model: "venice/qwen3-4b"'));
    const r = await set(['llama-3.3-70b']);
    expect(r.code, r.stderr).toBe(0);
    expect((await read(h)).agents.defaults.model).toBe('venice/llama-3.3-70b');
  });

  it('a Venice block without a models list: the entry is added (else OpenClaw cannot resolve the ref)', async (t) => {
    const config = (b: string) => `{\n  models: {\n    providers: {\n      venice: { baseUrl: "${b}", apiKey: "\${VENICE_API_KEY}", api: "openai-completions" },\n    },\n  },\n}\n`;
    const { h, set } = await setup(t, config);
    const r = await set(['claude-opus-4-5']);
    expect(r.code, r.stderr).toBe(0);
    const after = await read(h);
    expect(after.agents.defaults.model).toEqual({ primary: 'venice/claude-opus-4-5' });
    expect(after.models.providers.venice.models).toEqual([CLAUDE_ENTRY]);
  });

  it('--openclaw-version 2026.8.1: the added row carries the live cost, in the order OpenClaw documents', async (t) => {
    const { h, set } = await setup(t, EXISTING);
    const r = await set(['claude-opus-4-5', '--openclaw-version', '2026.8.1']);
    expect(r.code, r.stderr).toBe(0);
    const row = (await read(h)).models.providers.venice.models.at(-1);
    expect(row).toEqual({ ...CLAUDE_ENTRY, ...CLAUDE_COST });
    expect(Object.keys(row)).toEqual(['id', 'name', 'reasoning', 'input', 'cost', 'contextWindow', 'maxTokens']);
  });

  // From 2026.8.1 the allowlist is agents.defaults.modelPolicy.allow: extended when it names models.
  it.for([
    ['the newest OpenClaw', [], ['anthropic/claude-sonnet-4-5', 'venice/qwen3-4b']],
    ['OpenClaw 2026.6.1 (no modelPolicy yet)', ['--openclaw-version', '2026.6.1'], ['anthropic/claude-sonnet-4-5']],
  ] as const)('modelPolicy.allow for %s', async ([_name, target, allow], t) => {
    const withPolicy = (b: string) => EXISTING(b).replace('defaults: {', 'defaults: {\n      modelPolicy: { allow: ["anthropic/claude-sonnet-4-5"] }, // only these');
    const { h, set } = await setup(t, withPolicy);
    const r = await set(['venice/qwen3-4b', ...target]);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(h.configPath, 'utf8');
    expect(json5.parse<Config>(text).agents.defaults.modelPolicy).toEqual({ allow });
    expect(text).toContain('// only these');
  });

  it('the current default again (entry and allowlist present): nothing written, no backup', async (t) => {
    const { h, set } = await setup(t, ONBOARDED);
    const before = await snapshot(h.stateDir);
    const r = await set(['venice/llama-3.3-70b']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${h.configPath} already has this default: nothing to write.\n`);
    expect(r.stderr).toContain('Default model: venice/llama-3.3-70b\n');
    expect(await snapshot(h.stateDir)).toEqual(before);
  });

  it('an unknown model: exit 1 with up to 3 closest ids, nothing written', async (t) => {
    const { h, set } = await setup(t, EXISTING);
    const before = await snapshot(h.stateDir);
    const r = await set(['claude-opus']);
    expect(r.code).toBe(1);
    const m = /^✗ Unknown model "claude-opus" in the live catalog\. Did you mean (.+)\?$/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const ids = (m?.[1] ?? '').split(', ');
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(ids.length).toBeLessThanOrEqual(3);
    expect(ids).toContain('venice/claude-opus-4-5');
    expect(await snapshot(h.stateDir)).toEqual(before);
  });

  it('another provider: exit 1, nothing written', async (t) => {
    const { h, set } = await setup(t, EXISTING);
    const before = await snapshot(h.stateDir);
    const r = await set(['anthropic/claude-opus-4-5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a Venice model');
    expect(await snapshot(h.stateDir)).toEqual(before);
  });

  it('no Venice provider in the config: exit 1 with the hint `venice-onboard onboard`', async (t) => {
    const { h, set } = await setup(t, () => fixture('handwritten.input.json5'));
    const before = await snapshot(h.stateDir);
    const r = await set(['llama-3.3-70b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✗ ${h.configPath} has no Venice provider (models.providers.venice).\n`);
    expect(r.stderr).toMatch(/Hint: .*venice-onboard onboard/);
    expect(await snapshot(h.stateDir)).toEqual(before);
  });

  it('no config: exit 1, nothing created', async (t) => {
    const { h, set } = await setup(t);
    const r = await set(['llama-3.3-70b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✗ No OpenClaw config at ${h.configPath}.\n`);
    expect(r.stderr).toMatch(/Hint: .*venice-onboard onboard/);
    expect(await readdir(h.stateDir)).toEqual([]);
  });

  it('--dry-run: the unified diff on stdout (it applies to the file), nothing written', async (t) => {
    const { server, h, set } = await setup(t, EXISTING);
    const before = await snapshot(h.stateDir);
    const r = await set(['venice/claude-opus-4-5', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^(Index: .*\\n)?--- ${h.configPath}\\n\\+\\+\\+ ${h.configPath}\\n@@ `));
    expect(r.stdout).toContain('-      model: { primary: "venice/qwen3-4b", fallbacks: ["venice/my-finetune"] },\n');
    expect(r.stdout).toContain('+      model: { primary: "venice/claude-opus-4-5", fallbacks: ["venice/my-finetune"] },\n');
    expect(r.stderr).toContain('Dry run: nothing was written.');
    // The diff masks the stored key even in context lines (SPEC §2), so it applies to the masked text.
    const mask = (text: string) => text.split(TEST_API_KEY).join('vapi…qrst');
    expect(r.stdout).not.toContain(TEST_API_KEY);
    expect(applyPatch(mask(EXISTING(server.baseUrl)), r.stdout)).toBe(mask(fixture('models-set.expected.json5').split('{{BASE_URL}}').join(server.baseUrl)));
    expect(await snapshot(h.stateDir)).toEqual(before);
  });

  it('--json: one document', async (t) => {
    const { h, set } = await setup(t, EXISTING);
    const r = await set(['claude-opus-4-5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseJsonOutput(r)).toEqual({ ok: true, configPath: h.configPath, changed: true, defaultModel: 'venice/claude-opus-4-5' });
  });

  it('--json on failure: the error envelope', async (t) => {
    const { set } = await setup(t);
    const r = await set(['llama-3.3-70b', '--json']);
    expect(r.code).toBe(1);
    expect(parseJsonOutput(r)).toMatchObject({ ok: false, error: { code: 'no-config' } });
  });

  it('an invalid config: exit 1 naming the line, untouched', async (t) => {
    const { h, set } = await setup(t, () => '{\n  models: {\n    providers: { venice: {} }\n  }\n  agents: {}\n}\n');
    const before = await snapshot(h.stateDir);
    const r = await set(['llama-3.3-70b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid JSON5 at line 5, column 3');
    expect(await snapshot(h.stateDir)).toEqual(before);
  });

  it('a config that is not UTF-8: exit 1 naming the byte, untouched', async (t) => {
    const { server, h, set } = await setup(t);
    const bytes = Buffer.concat([Buffer.from('{\n  // r'), Buffer.from([0xe9]), Buffer.from(`sum${EXISTING(server.baseUrl).slice(1)}`)]);
    await writeFile(h.configPath, bytes);
    const before = await snapshot(h.stateDir);
    const r = await set(['llama-3.3-70b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `✗ ${h.configPath} is not UTF-8: the byte 0xE9 at line 2, column 7 (byte offset 8) is not part of any UTF-8 character.\n` +
        '  Hint: OpenClaw reads its config as UTF-8: save it as UTF-8 (from Latin-1, e.g. iconv -f LATIN1 -t UTF-8), then run again. Nothing was changed.\n',
    );
    expect((await readFile(h.configPath)).equals(bytes)).toBe(true);
    expect(await snapshot(h.stateDir)).toEqual(before);
  });

  it('a read-only config: exit 1, "read-only", untouched; the current default again on it: nothing to write, exit 0', async (t) => {
    const { h, set } = await setup(t, EXISTING);
    await chmod(h.configPath, 0o444);
    const before = await snapshot(h.stateDir);
    const r = await set(['llama-3.3-70b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`✗ Cannot write ${h.configPath}: it is read-only (mode 0444).\n  Hint: To let venice-onboard change it: chmod u+w ${h.configPath}, then run again. Nothing was changed.\n`);
    expect(await snapshot(h.stateDir)).toEqual(before);
    expect((await stat(h.configPath)).mode & 0o777).toBe(0o444);
    await chmod(h.configPath, 0o600);
    expect((await set(['llama-3.3-70b'])).code).toBe(0);
    await chmod(h.configPath, 0o444);
    const same = await set(['llama-3.3-70b']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toContain(`${h.configPath} already has this default: nothing to write.\n`);
  });

  it('a key twice elsewhere in the file: set, a warning naming both lines; twice on the edited path: refused', async (t) => {
    const { server, h, set } = await setup(t);
    const original = EXISTING(server.baseUrl);
    const withTools = original.replace(/\n}\n$/, '\n  tools: { profile: "coding" },\n  tools: { deny: [] },\n}\n');
    expect(withTools).not.toBe(original);
    await writeFile(h.configPath, withTools);
    const lines = withTools.split('\n');
    const [first, second] = [lines.indexOf('  tools: { profile: "coding" },') + 1, lines.indexOf('  tools: { deny: [] },') + 1];
    const r = await set(['llama-3.3-70b']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`! ${h.configPath} has the key tools twice (lines ${first} and ${second}): OpenClaw uses the last one; both are left as they are.\n`);
    const text = await readFile(h.configPath, 'utf8');
    expect(text).toBe(withTools.replace('primary: "venice/qwen3-4b"', 'primary: "venice/llama-3.3-70b"'));

    const onPath = original.replace(/\n}\n$/, '\n  agents: {},\n}\n');
    await writeFile(h.configPath, onPath);
    const refused = await set(['llama-3.3-70b']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^✗ .*: the key agents appears twice \(lines \d+ and \d+\), on a path this edit changes: OpenClaw reads only the last one, so it is unclear which one to change\.\n/);
    expect(await readFile(h.configPath, 'utf8')).toBe(onPath);
  });
});
