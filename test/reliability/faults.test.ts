import { readdir, readFile } from 'node:fs/promises';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';
import { SPEC_STATIC_MODELS } from '../support/spec-catalog.js';
import { makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import { SNAPSHOT_TEXT_ROWS, startVeniceServer, TEST_API_KEY, type Fault, type VeniceServer } from '../support/venice-server.js';

/**
 * SPEC §7, the fault matrix: every fault of the network ends in the documented fallback or a clear
 * error, for each of the three commands that talk to Venice, with the exact words the user reads.
 * In this process with a fake context (test/support/run-in-process.ts); the client's own behaviour
 * per fault (kinds, retries, the budget to the millisecond) is test/net/http.test.ts, and
 * faults.e2e.test.ts runs a few of these faults through the built binary (no hang, no crash).
 */

const TIMEOUT_MS = 1500;

interface Expected {
  fault: Fault;
  /** The reason the list and the key check fail with; undefined when Venice's answer is still usable. */
  reason?: string;
  /** Requests to /models of one `models list` run. */
  attempts: number;
  /** The key check's line in onboarding, when the key check fails in its own words. */
  keyLine?: string;
}
const VALID_KEY_LINE = '✓ Key vapi…qrst is valid (tier paid, $12.50, 3 DIEM).';

const MATRIX: Record<string, Expected> = {
  'HTTP 500 (retried 3 times)': { fault: { kind: 'status', status: 500 }, reason: 'HTTP 500: Inference processing failed, please try again', attempts: 3 },
  '503 then success': { fault: { kind: 'status', status: 503, times: 1 }, attempts: 2 },
  'a server that never answers': { fault: { kind: 'hang' }, reason: `no answer within ${TIMEOUT_MS} ms`, attempts: 1 },
  'a connection reset mid-body (retried 3 times)': { fault: { kind: 'reset' }, reason: 'cannot connect to HOST (ECONNRESET)', attempts: 3 },
  'invalid JSON': { fault: { kind: 'invalid-json' }, reason: 'the answer is not valid JSON', attempts: 1 },
  // An empty 200 from the key check still means Venice accepted the key.
  'an empty list': { fault: { kind: 'empty' }, reason: 'the answer lists no text model', attempts: 1, keyLine: '✓ Key vapi…qrst is valid.' },
  'malformed rows among good ones': { fault: { kind: 'malformed' }, attempts: 1 },
  'a 60 MB body': { fault: { kind: 'huge' }, reason: 'the answer is larger than 10 MB', attempts: 1 },
  'a slow answer (within the timeout)': { fault: { kind: 'slow', delayMs: 300 }, attempts: 1 },
};

/** A server whose list and key check fail this way (the rows are what every fallback is about). */
async function faulty(t: TestHooks, fault: Fault): Promise<VeniceServer> {
  const server = await startVeniceServer();
  t.onTestFinished(() => server.close());
  server.setFault('models', fault);
  // Malformed rows are a list's fault; the key check answers normally.
  if (fault.kind !== 'malformed') server.setFault('rate-limits', { ...fault });
  return server;
}

/** Whatever the fault: no stack trace, no bug report, no key. */
function expectCalm(r: CliResult): void {
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.stderr).not.toContain('Unexpected error');
  expect(r.stdout + r.stderr).not.toContain(TEST_API_KEY);
}

/** Only the config (and its backups) in the state dir: no temp or partial file left behind. */
async function expectNoStrayFiles(h: TempHome): Promise<void> {
  const files = await readdir(h.stateDir);
  expect(files.filter((f) => !/^openclaw\.json(\.bak(\.[1-4])?)?$/.test(f))).toEqual([]);
}

const listWarning = (reason: string) => `! Could not get the live model list (${reason}); using the built-in list, which may be out of date.`;
const SNAPSHOT_IDS = SNAPSHOT_TEXT_ROWS.map((row) => row.id);

describe.concurrent.each(Object.entries(MATRIX))('%s', (_name, { fault, reason: template, attempts, keyLine }) => {
  const args = (server: VeniceServer) => ['--base-url', server.baseUrl, '--timeout', String(TIMEOUT_MS)];
  const reasonFor = (server: VeniceServer) => template?.replace('HOST', new URL(server.baseUrl).host);

  it(`models list: ${template ? 'the built-in list with the warning' : 'the live list, no warning'}; exit 0`, async (t) => {
    const server = await faulty(t, fault);
    const r = await runInProcess(['models', 'list', '--json', ...args(server)], { home: await makeTempHome({ context: t }) });
    expectCalm(r);
    expect(r.code).toBe(0);
    const reason = reasonFor(server);
    expect(r.stderr).toBe(reason ? `${listWarning(reason)}\n` : '');
    const doc = JSON.parse(r.stdout) as { source: string; fetchedAt: string | null; count: number; models: Array<{ id: string }> };
    if (reason) expect(doc).toMatchObject({ source: 'static', fetchedAt: null, count: 25 });
    else {
      expect(doc.source).toBe('live');
      expect(doc.models.map((m) => m.id)).toEqual(SNAPSHOT_IDS);
    }
    expect(server.requestsTo('models')).toHaveLength(attempts);
  });

  it('onboard --non-interactive: the key check and the list in their own words; a complete config, never a partial file', async (t) => {
    const server = await faulty(t, fault);
    const h = await makeTempHome({ context: t });
    const r = await runInProcess(['--non-interactive', '--venice-api-key-stdin', ...args(server)], { home: h, stdin: `${TEST_API_KEY}\n` });
    expectCalm(r);
    expect(r.code, r.stderr).toBe(0);
    const reason = reasonFor(server);
    // The key check and the list run side by side: each line comes when its answer does, in either order.
    const network = r.stderr.split('\n').filter((line) => /^(✓ Key |! The key |! Could not get the live model list|Model list: )/.test(line));
    expect(network.sort()).toEqual(
      (reason
        ? [keyLine ?? `! The key could not be checked online (${reason}). Continuing.`, listWarning(reason)]
        : [VALID_KEY_LINE, `Model list: live, ${SNAPSHOT_IDS.length} models`]
      ).sort(),
    );
    const config = json5.parse(await readFile(h.configPath, 'utf8')) as { agents: { defaults: { model: { primary: string } } }; models: { providers: { venice: { models: Array<{ id: string }> } } } };
    expect(config.agents.defaults.model.primary).toBe('venice/llama-3.3-70b');
    if (reason) expect(config.models.providers.venice.models.map((m) => m.id)).toEqual(SPEC_STATIC_MODELS.map((m) => m.id));
    await expectNoStrayFiles(h);
  });

  it('verify: api.reachable fails in the same words (the key check after it skips), or passes once Venice answers', async (t) => {
    const server = await faulty(t, fault);
    const r = await runInProcess(['verify', '--json', ...args(server)], { home: await makeTempHome({ context: t }), env: { VENICE_API_KEY: TEST_API_KEY } });
    expectCalm(r);
    const doc = JSON.parse(r.stdout) as { ok: boolean; checks: Array<{ id: string; status: string; message: string }> };
    const check = (id: string) => doc.checks.find((c) => c.id === id);
    const reason = reasonFor(server);
    if (reason) {
      expect(check('api.reachable')).toMatchObject({ status: 'fail', message: `Cannot list models at ${server.baseUrl}: ${reason}.` });
      expect(check('key.valid')).toMatchObject({ status: 'skip', message: 'skipped: api.reachable did not pass' });
    } else {
      expect(check('api.reachable')).toMatchObject({ status: 'pass', message: expect.stringMatching(new RegExp(`^${server.baseUrl.replace(/[.]/g, '\\.')} answered in \\d+ ms with 113 text models\\.$`)) });
      expect(check('key.valid')).toMatchObject({ status: 'pass', message: 'Venice accepts the key (tier paid, $12.50, 3 DIEM).' });
    }
    // No config in this home: config.found fails whatever the network did.
    expect(doc.ok).toBe(false);
    expect(r.code).toBe(1);
  });
});
