import { readdir, readFile } from 'node:fs/promises';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/run-cli.js';
import { makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type Fault, type VeniceServer } from '../support/venice-server.js';

/**
 * SPEC §7 through the built binary: a few representative faults of the network (one that never
 * ends, one that breaks the connection, one too big to read) against the three commands that talk
 * to Venice. The process must end by itself, calmly: no hang, no crash, no stack trace, no partial
 * file, no key printed. The exact words for every fault and command are in faults.test.ts (in
 * this process); the client's behaviour per fault and its time budget in test/net/http.test.ts.
 */
const TIMEOUT_MS = 1500;
/**
 * "No hang" needs a bound in real time, and this is the only one: runCli kills a run after this
 * long and says so (`timedOut`). A run ends by its own --timeout (1.5 s here; every retry, backoff
 * and body cap lives inside it, checked to the millisecond on a virtual clock in
 * test/net/http.test.ts) plus Node's start-up; 15 s is ten times that, so only a run that does not
 * honour its timeout meets the kill, however loaded the machine.
 */
const KILL_AFTER_MS = 15_000;
const FAULTS: Array<[name: string, fault: Fault]> = [
  ['a server that never answers', { kind: 'hang' }],
  ['a connection reset mid-body', { kind: 'reset' }],
  ['a 60 MB body', { kind: 'huge' }],
];

async function faulty(t: TestHooks, fault: Fault): Promise<VeniceServer> {
  const server = await startVeniceServer();
  t.onTestFinished(() => server.close());
  server.setFault('models', fault);
  server.setFault('rate-limits', { ...fault });
  return server;
}

function expectCalm(r: CliResult): void {
  expect(r.timedOut, 'the run hung').toBe(false);
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // a stack trace
  expect(r.stderr).not.toContain('Unexpected error');
  expect(r.stdout + r.stderr).not.toContain(TEST_API_KEY);
}

async function expectNoStrayFiles(h: TempHome): Promise<void> {
  const files = await readdir(h.stateDir);
  expect(files.filter((f) => !/^openclaw\.json(\.bak(\.[1-4])?)?$/.test(f))).toEqual([]);
}

describe.concurrent.each(FAULTS)('%s', (_name, fault) => {
  const args = (server: VeniceServer) => ['--base-url', server.baseUrl, '--timeout', String(TIMEOUT_MS)];

  it('models list --json: one whole JSON document, exit 0', async (t) => {
    const server = await faulty(t, fault);
    const h = await makeTempHome({ context: t });
    const r = await runCli(['models', 'list', '--json', ...args(server)], { home: h.home, timeoutMs: KILL_AFTER_MS });
    expectCalm(r);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'static', count: 25 });
  });

  it('onboard --non-interactive: exit 0 with a complete config, no other file', async (t) => {
    const server = await faulty(t, fault);
    const h = await makeTempHome({ context: t });
    const r = await runCli(['--non-interactive', '--venice-api-key-stdin', ...args(server)], { home: h.home, stdin: `${TEST_API_KEY}\n`, timeoutMs: KILL_AFTER_MS });
    expectCalm(r);
    expect(r.code, r.stderr).toBe(0);
    const config = json5.parse(await readFile(h.configPath, 'utf8')) as { models: { providers: { venice: { models: unknown[] } } } };
    expect(config.models.providers.venice.models).toHaveLength(25);
    await expectNoStrayFiles(h);
  });

  it('verify --json: one whole report, exit 1', async (t) => {
    const server = await faulty(t, fault);
    const h = await makeTempHome({ context: t });
    const r = await runCli(['verify', '--json', ...args(server)], { home: h.home, env: { VENICE_API_KEY: TEST_API_KEY }, timeoutMs: KILL_AFTER_MS });
    expectCalm(r);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false });
  });
});
