import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import json5 from 'json5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { makeTempHome } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/**
 * Several onboarding runs on one config at once (SPEC §5.4): the file ends parseable, holding one of
 * the requested defaults, every comment intact, no temp or lock file left, and no run's write lost.
 */
const CONFIG = `// my gateway: hand-written, keep these comments
{
  gateway: { port: 18789 }, // the port
  /* block comment */
  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5"] } } },
  models: { providers: { other: { baseUrl: "https://example.com/v1", api: "openai-completions", models: [] } } }, // theirs
}
`;
const MODELS = ['llama-3.3-70b', 'qwen3-next-80b', 'deepseek-v3.2', 'llama-3.2-3b', 'openai-gpt-oss-120b'];

let server: VeniceServer;
beforeAll(async () => {
  server = await startVeniceServer();
});
afterAll(async () => {
  await server.close();
});

describe('concurrent runs on one config', () => {
  it('five onboard processes at once: all succeed, one default wins, comments kept, nothing stray', async (t) => {
    const h = await makeTempHome({ context: t });
    await writeFile(h.configPath, CONFIG, { mode: 0o600 });
    const runs = await Promise.all(
      MODELS.map((model) =>
        runCli(['--non-interactive', '--venice-api-key-stdin', '--skip-key-check', '--base-url', server.baseUrl, '--model', model, '--models', 'default'], {
          home: h.home,
          stdin: `${TEST_API_KEY}\n`,
          timeoutMs: 30_000,
        }),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);

    const text = await readFile(h.configPath, 'utf8');
    const config = json5.parse(text) as { agents: { defaults: { model: { primary: string; fallbacks: string[] } } }; models: { providers: Record<string, { models: Array<{ id: string }> }> } };
    expect(MODELS.map((m) => `venice/${m}`)).toContain(config.agents.defaults.model.primary);
    expect(config.agents.defaults.model.fallbacks).toEqual(['openai/gpt-5']);
    for (const comment of ['// my gateway: hand-written, keep these comments', '// the port', '/* block comment */', '// theirs']) {
      expect(text).toContain(comment);
    }
    // Every run's model entry survived the others: a lost update would drop one.
    expect(config.models.providers.venice!.models.map((m) => m.id).sort()).toEqual([...MODELS].sort());
    expect(config.models.providers.other).toEqual({ baseUrl: 'https://example.com/v1', api: 'openai-completions', models: [] });

    const files = await readdir(h.stateDir);
    expect(files.filter((f) => !/^openclaw\.json(\.bak(\.[1-4])?)?$/.test(f))).toEqual([]);
    expect(files).toContain('openclaw.json.bak');
    expect((await stat(h.configPath)).mode & 0o777).toBe(0o600);
  }, 60_000);
});
