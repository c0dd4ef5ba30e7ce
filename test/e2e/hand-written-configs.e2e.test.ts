import { readFileSync, writeFileSync } from 'node:fs';
import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonOutput, runCli, type CliResult } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';
import { makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/**
 * Configs in the shapes people write by hand (issue 15): each run ends in a correct edit, with
 * every agent that will not use Venice named, or in a clear refusal with every file byte-identical.
 * The fixtures (test/fixtures/hand-written/) have comments and bare keys, as such files do. The
 * built binary runs one case of each behaviour; the others run in this process.
 */

const FIXTURES = new URL('../fixtures/hand-written/', import.meta.url);
// Set to regenerate the expected files; then read every diff by hand before keeping them.
const UPDATE = process.env.UPDATE_ONBOARD_GOLDEN === '1';
const fixture = (name: string, baseUrl = '{{BASE_URL}}') => readFileSync(new URL(name, FIXTURES), 'utf8').split('{{BASE_URL}}').join(baseUrl);
function expectGolden(actual: string, name: string, baseUrl: string): void {
  const normalized = actual.split(baseUrl).join('{{BASE_URL}}');
  if (UPDATE) writeFileSync(new URL(name, FIXTURES), normalized);
  expect(normalized).toBe(fixture(name));
}

interface Env {
  server: VeniceServer;
  h: TempHome;
  /** `venice-onboard …args --base-url <server>`: the built binary with `binary`, else in this process. */
  run(args: string[], o?: { binary?: boolean; stdin?: string; env?: Record<string, string> }): Promise<CliResult>;
}

async function setup(t: TestHooks): Promise<Env> {
  const server = await startVeniceServer();
  t.onTestFinished(() => server.close());
  const h = await makeTempHome({ context: t });
  return {
    server,
    h,
    run: async (args, o = {}) => {
      const argv = [...args, '--base-url', server.baseUrl];
      const r = o.binary === true ? await runCli(argv, { home: h.home, env: o.env, stdin: o.stdin }) : await runInProcess(argv, { home: h, env: o.env ?? {}, ...(o.stdin === undefined ? {} : { stdin: o.stdin }) });
      expect(r.timedOut).toBe(false);
      expect(r.stdout + r.stderr, 'the whole key is printed').not.toContain(TEST_API_KEY);
      return r;
    },
  };
}

const ONBOARD = ['onboard', '--non-interactive', '--venice-api-key-stdin', '--models', 'default'];
const KEY_LINE = `${TEST_API_KEY}\n`;

/** Every file of the state dir, bytes and mtime: "byte-identical" means this is unchanged. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const info = await lstat(join(dir, name));
    if (info.isFile()) out[name] = `${info.mtimeMs} ${await readFile(join(dir, name), 'utf8')}`;
  }
  return out;
}

/** The lines of stderr from the first that starts with `from` to the end. */
const linesFrom = (stderr: string, from: string) => {
  const lines = stderr.split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith(from)));
};

interface Check {
  id: string;
  status: string;
  message: string;
  hint: string | null;
}
const checkOf = (r: CliResult, id: string) => {
  const { checks } = parseJsonOutput(r) as { checks: Check[] };
  const c = checks.find((x) => x.id === id);
  return c && { status: c.status, message: c.message, hint: c.hint };
};

describe.concurrent('agents with a model of their own (agents.list, OpenClaw 2026.6.11)', () => {
  const MAIN = 'Agent "main" (the default agent) keeps its own model anthropic/claude-opus-4-6: to use Venice, set agents.list[0].model to';
  const WORK = 'Agent "work" keeps its own model openrouter/moonshotai/kimi-k2: to use Venice, set agents.list[1].model.primary to';

  it('onboarding writes the default and names each agent that keeps another model, with its edit; verify warns the same', async (t) => {
    const { h, server, run } = await setup(t);
    await writeFile(h.configPath, fixture('agents-list.input.json5'));
    const r = await run(ONBOARD, { binary: true, stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expectGolden(await readFile(h.configPath, 'utf8'), 'agents-list.expected.json5', server.baseUrl);
    expect(linesFrom(r.stderr, '  Default model:')).toEqual([
      '  Default model: venice/llama-3.3-70b',
      `! ${MAIN} "venice/llama-3.3-70b".`,
      `! ${WORK} "venice/llama-3.3-70b".`,
      '  Key storage:   config (config env block)',
      '  Next: venice-onboard verify --chat, then openclaw models status',
      '',
    ]);

    const v = await run(['verify', '--json'], { binary: true });
    expect(v.code, v.stdout).toBe(0);
    expect(checkOf(v, 'agents.overrides')).toEqual({
      status: 'warn',
      message: 'Agent "main" (the default agent) uses anthropic/claude-opus-4-6 and agent "work" uses openrouter/moonshotai/kimi-k2, so they never call Venice.',
      hint: 'To use Venice, set agents.list[0].model and agents.list[1].model.primary to "venice/llama-3.3-70b".',
    });
  });

  it('the dry run names them too; models set names them with the new default', async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, fixture('agents-list.input.json5'));
    const dry = await run([...ONBOARD, '--dry-run'], { stdin: KEY_LINE });
    expect(dry.code, dry.stderr).toBe(0);
    expect(linesFrom(dry.stderr, `! ${MAIN}`)).toEqual([`! ${MAIN} "venice/llama-3.3-70b".`, `! ${WORK} "venice/llama-3.3-70b".`, 'Dry run: 1 file(s) would change; nothing was written.', '']);
    expect(await readFile(h.configPath, 'utf8')).toBe(fixture('agents-list.input.json5'));

    expect((await run(ONBOARD, { stdin: KEY_LINE })).code).toBe(0);
    const set = await run(['models', 'set', 'venice/deepseek-v3.2']);
    expect(set.code, set.stderr).toBe(0);
    expect(linesFrom(set.stderr, 'Default model:')).toEqual(['Default model: venice/deepseek-v3.2', `! ${MAIN} "venice/deepseek-v3.2".`, `! ${WORK} "venice/deepseek-v3.2".`, '']);
  });

  it('agents.entries (OpenClaw 2026.8.1 and later): verify names the agent by its key; one on Venice passes', async (t) => {
    const { h, run } = await setup(t);
    expect((await run(ONBOARD, { stdin: KEY_LINE })).code).toBe(0);
    const onboarded = await readFile(h.configPath, 'utf8');
    const withEntries = (entries: string) => onboarded.replace('"agents": {', `"agents": {\n    entries: ${entries},`);
    await writeFile(h.configPath, withEntries("{ home: { model: 'venice/qwen3-4b' }, work: { model: { primary: 'openai/gpt-5', fallbacks: [] } } }"));
    expect(checkOf(await run(['verify', '--json', '--offline']), 'agents.overrides')).toEqual({
      status: 'warn',
      message: 'Agent "work" uses openai/gpt-5, so it never calls Venice.',
      hint: 'To use Venice, set agents.entries.work.model.primary to "venice/llama-3.3-70b".',
    });
    await writeFile(h.configPath, withEntries("{ home: { model: 'venice/qwen3-4b' } }"));
    expect(checkOf(await run(['verify', '--json', '--offline']), 'agents.overrides')).toEqual({ status: 'pass', message: 'No agent has a model of its own outside Venice.', hint: null });
  });
});

describe.concurrent('an array where OpenClaw wants the object agents.defaults.models: refused, the file byte-identical', () => {
  const REFUSAL = (path: string) => [
    `✗ ${path}: agents.defaults.models is an array, expected an object`,
    '  Hint: OpenClaw expects an object there; fix it by hand, then run again. Nothing was changed.',
    '',
  ];

  it('onboarding', async (t) => {
    const { h, server, run } = await setup(t);
    await writeFile(h.configPath, fixture('aliases-array.input.json5', server.baseUrl));
    const before = await tree(h.stateDir);
    const r = await run(ONBOARD, { binary: true, stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(linesFrom(r.stderr, '✗')).toEqual(REFUSAL(h.configPath));
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it('models set', async (t) => {
    const { h, server, run } = await setup(t);
    await writeFile(h.configPath, fixture('aliases-array.input.json5', server.baseUrl));
    const before = await tree(h.stateDir);
    const r = await run(['models', 'set', 'llama-3.3-70b']);
    expect(r.code).toBe(1);
    expect(linesFrom(r.stderr, '✗')).toEqual(REFUSAL(h.configPath));
    expect(await tree(h.stateDir)).toEqual(before);
  });
});

describe.concurrent('$include on a path we edit: refused, every file byte-identical, and per file what goes there', () => {
  it('models in a file of its own: the Venice block goes into models.json5 as its own content, the rest into the main file', async (t) => {
    const { h, server, run } = await setup(t);
    await writeFile(h.configPath, fixture('include-models/openclaw.json5'));
    await writeFile(join(h.stateDir, 'models.json5'), fixture('include-models/models.json5'));
    const before = await tree(h.stateDir);
    const r = await run(ONBOARD, { binary: true, stdin: KEY_LINE });
    expect(r.code).toBe(1);
    expect(linesFrom(r.stderr, '✗')).toEqual([
      `✗ ${h.configPath}: Cannot edit models: it uses $include (OpenClaw reads its value from other files), so edit it by hand`,
      '  Edit by hand instead: merge each block into the top-level object of its file (list items go at the end of the list).',
      `  ${h.configPath}:`,
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
      `  ${join(h.stateDir, 'models.json5')} (included as the value of models):`,
      '    {',
      '      "providers": {',
      '        "venice": {',
      `          "baseUrl": "${server.baseUrl}",`,
      '          "apiKey": "${VENICE_API_KEY}",',
      '          "api": "openai-completions",',
      '          "models": [',
      '            {',
      '              "id": "llama-3.3-70b",',
      '              "name": "Llama 3.3 70B",',
      '              "reasoning": false,',
      '              "input": [',
      '                "text"',
      '              ],',
      '              "contextWindow": 128000,',
      '              "maxTokens": 4096',
      '            }',
      '          ]',
      '        }',
      '      }',
      '    }',
      '  Hint: Paste each block above into its file yourself. Nothing was changed.',
      '',
    ]);
    expect(await tree(h.stateDir)).toEqual(before);
  });

  it("agents in a file of its own (the docs' example): the default goes into agents.json5, under defaults, not under agents", async (t) => {
    const { h, run } = await setup(t);
    await writeFile(h.configPath, "// split config\n{\n  gateway: { port: 18789 },\n  agents: { $include: './agents.json5' },\n}\n");
    await writeFile(join(h.stateDir, 'agents.json5'), "// my agents\n{\n  defaults: { model: 'anthropic/claude-opus-4-6' },\n  list: [{ id: 'main' }],\n}\n");
    const before = await tree(h.stateDir);
    const r = await run(ONBOARD, { stdin: KEY_LINE });
    expect(r.code).toBe(1);
    const lines = linesFrom(r.stderr, `  ${join(h.stateDir, 'agents.json5')}`);
    // The string form stays a string (SPEC §5.2), in the file that holds it.
    expect(lines.slice(0, lines.indexOf('    }') + 1)).toEqual([
      `  ${join(h.stateDir, 'agents.json5')} (included as the value of agents):`,
      '    {',
      '      "defaults": {',
      '        "model": "venice/llama-3.3-70b"',
      '      }',
      '    }',
    ]);
    expect(linesFrom(r.stderr, `  ${h.configPath}:`).slice(0, 3)).toEqual([`  ${h.configPath}:`, '    {', '      "env": {']);
    expect(r.stderr).not.toContain('"agents":');
    expect(await tree(h.stateDir)).toEqual(before);
  });
});

describe.concurrent('${VAR} everywhere in the config, and a self-reference in env.vars', () => {
  const SELF = "${VENICE_API_KEY} is not resolved: env.vars.VENICE_API_KEY refers to itself, and OpenClaw does not expand a ${VAR} inside the env block";
  const GATEWAY = '${OPENCLAW_GATEWAY_TOKEN} is not set anywhere';
  const HINT = 'Set OPENCLAW_GATEWAY_TOKEN in the environment, in the .env next to the config, or run venice-onboard onboard; Write the value itself in env.vars.VENICE_API_KEY, or set VENICE_API_KEY in the environment or the .env next to the config.';

  it('today\'s OpenClaw: a warning naming the gateway token outside the Venice block, and the self-reference', async (t) => {
    const { h, server, run } = await setup(t);
    await writeFile(h.configPath, fixture('env-self-ref.input.json5', server.baseUrl));
    const r = await run(['verify', '--json', '--offline'], { binary: true });
    expect(checkOf(r, 'config.env-refs')).toEqual({ status: 'warn', message: `${GATEWAY}: OpenClaw runs without it, and what uses it gets nothing; ${SELF}.`, hint: HINT });
  });

  it('OpenClaw 2026.3.2: a failure; set in the environment, both resolve', async (t) => {
    const { h, server, run } = await setup(t);
    await writeFile(h.configPath, fixture('env-self-ref.input.json5', server.baseUrl));
    const old = await run(['verify', '--json', '--offline', '--openclaw-version', '2026.3.2']);
    expect(checkOf(old, 'config.env-refs')).toEqual({ status: 'fail', message: `${GATEWAY}: OpenClaw refuses a config with an unresolved variable; ${SELF}.`, hint: HINT });
    expect(old.code).toBe(1);
    const set = await run(['verify', '--json', '--offline'], { env: { VENICE_API_KEY: TEST_API_KEY, OPENCLAW_GATEWAY_TOKEN: 'gw-token' } });
    expect(checkOf(set, 'config.env-refs')).toEqual({ status: 'pass', message: '${VENICE_API_KEY}, ${OPENCLAW_GATEWAY_TOKEN} resolved.', hint: null });
  });
});

describe('env.vars.VENICE_API_KEY: "${VENICE_API_KEY}" is no stored key', () => {
  it('onboarding puts the key there without asking for --yes, and says what it replaced; every comment stays', async (t) => {
    const { h, server, run } = await setup(t);
    const before = fixture('env-self-ref.input.json5', server.baseUrl);
    await writeFile(h.configPath, before);
    const r = await run(ONBOARD, { binary: true, stdin: KEY_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('  Replaced the placeholder key in env.vars.VENICE_API_KEY (${VENICE_API_KEY} is not a real key).\n');
    const after = await readFile(h.configPath, 'utf8');
    expect(after).toBe(before.replace("VENICE_API_KEY: '${VENICE_API_KEY}', // \"pass it through\"", `VENICE_API_KEY: '${TEST_API_KEY}', // "pass it through"`));
  });
});
