import { readdir, readFile } from 'node:fs/promises';
import json5 from 'json5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/run-cli.js';
import { makeTempHome, type TempHome } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type Fault, type VeniceServer } from '../support/venice-server.js';

/**
 * SPEC §7: every fault of the network ends in the documented fallback or a clear error within the
 * configured timeout: no hang, no crash, no stack trace, no partial file. One server per fault,
 * applied to every route, against the three commands that talk to Venice.
 */
const TIMEOUT_MS = 2500;
const FAULTS: Array<[name: string, fault: Fault]> = [
  ['500', { kind: 'status', status: 500 }],
  ['503 then success', { kind: 'status', status: 503, times: 1 }],
  ['a server that never answers', { kind: 'hang' }],
  ['a connection reset mid-body', { kind: 'reset' }],
  ['invalid JSON', { kind: 'invalid-json' }],
  ['an empty list', { kind: 'empty' }],
  ['malformed rows among good ones', { kind: 'malformed' }],
  ['a 60 MB body', { kind: 'huge' }],
  ['a slow answer (within the timeout)', { kind: 'slow', delayMs: 300 }],
];
/** Faults after which Venice's answer is still usable: the commands then behave as with no fault. */
const RECOVERED = new Set(['503 then success', 'malformed rows among good ones', 'a slow answer (within the timeout)']);

const servers: VeniceServer[] = [];
beforeAll(async () => {
  for (const [, fault] of FAULTS) {
    const server = await startVeniceServer();
    // Only the list and the key check fail: the rows are what every fallback is about.
    server.setFault('models', fault);
    if (fault.kind !== 'malformed') server.setFault('rate-limits', { ...fault });
    servers.push(server);
  }
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function expectCalm(r: CliResult): void {
  expect(r.timedOut, 'the run hung').toBe(false);
  // Retries, backoff and the body cap all live inside the one --timeout budget; slack for start-up.
  expect(r.durationMs).toBeLessThan(TIMEOUT_MS * 2 + 2500);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // a stack trace
  expect(r.stderr).not.toContain('Unexpected error');
  expect(r.stdout + r.stderr).not.toContain(TEST_API_KEY);
}

async function noStrayFiles(h: TempHome): Promise<void> {
  const files = await readdir(h.stateDir);
  expect(files.filter((f) => !/^openclaw\.json(\.bak(\.[1-4])?)?$/.test(f))).toEqual([]);
}

describe.concurrent.each(FAULTS.map(([name], i) => [name, i] as const))('%s', (name, i) => {
  const server = () => servers[i]!;
  const args = () => ['--base-url', server().baseUrl, '--timeout', String(TIMEOUT_MS)];

  it('models list: the live list, or the built-in one with a warning; exit 0', async (t) => {
    const h = await makeTempHome({ context: t });
    const r = await runCli(['models', 'list', '--json', ...args()], { home: h.home });
    expectCalm(r);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { source: string; count: number };
    if (RECOVERED.has(name)) {
      expect(doc.source).toBe('live');
      expect(r.stderr).not.toContain('Could not get the live model list');
    } else {
      expect(doc).toMatchObject({ source: 'static', count: 25 });
      expect(r.stderr).toContain('Could not get the live model list');
    }
  });

  it('onboard --non-interactive: a complete, valid config (live or built-in list) or none; never a partial file', async (t) => {
    const h = await makeTempHome({ context: t });
    const r = await runCli(['--non-interactive', '--venice-api-key-stdin', ...args()], { home: h.home, stdin: `${TEST_API_KEY}\n` });
    expectCalm(r);
    expect(r.code, r.stderr).toBe(0);
    const config = json5.parse(await readFile(h.configPath, 'utf8')) as { agents: { defaults: { model: { primary: string } } }; models: { providers: { venice: { models: unknown[] } } } };
    expect(config.agents.defaults.model.primary).toBe('venice/llama-3.3-70b');
    if (!RECOVERED.has(name)) {
      expect(r.stderr).toContain('using the built-in list');
      expect(config.models.providers.venice.models).toHaveLength(25);
      // An empty 200 from the key check still means Venice accepted the key.
      if (name === 'an empty list') expect(r.stderr).toContain('Key vapi…qrst is valid.');
      else expect(r.stderr).toMatch(/The key could not be checked online/);
    }
    await noStrayFiles(h);
  });

  it('verify: api.reachable fails (or passes once Venice answers), the rest skips; exit code matches', async (t) => {
    const h = await makeTempHome({ context: t });
    const r = await runCli(['verify', '--json', ...args()], { home: h.home, env: { VENICE_API_KEY: TEST_API_KEY } });
    expectCalm(r);
    const doc = JSON.parse(r.stdout) as { ok: boolean; checks: Array<{ id: string; status: string }> };
    const status = Object.fromEntries(doc.checks.map((c) => [c.id, c.status]));
    expect(status['api.reachable']).toBe(RECOVERED.has(name) ? 'pass' : 'fail');
    if (!RECOVERED.has(name)) expect(status['key.valid']).toBe('skip');
    expect(r.code).toBe(doc.ok ? 0 : 1);
  });
});
