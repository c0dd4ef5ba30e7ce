import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import json5 from 'json5';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_ROWS, TEE_ROW } from '../support/fixtures.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';
import { makeTempHome, type TempHome, type TestHooks } from '../support/temp-home.js';
import {
  ATTESTATION_SIGNING_ADDRESS,
  REPLAYED_NONCE,
  startVeniceServer,
  TEST_API_KEY,
  type VeniceServer,
  type VeniceServerOptions,
} from '../support/venice-server.js';

/**
 * Venice's privacy tiers end to end (SPEC §4.3a): E2EE models stay out of OpenClaw's config and are
 * refused as its default; a TEE default is proven by `model.attestation` in verify; a catalog
 * without llama-3.3-70b still onboards.
 */

const TEE_ID = 'tee-qwen3-6-35b-a3b';
/** The snapshot's 113 text rows and the TEE row written for these tests. */
const WITH_TEE = [...SNAPSHOT_ROWS, TEE_ROW];
const E2EE_IDS = SNAPSHOT_ROWS.filter((r) => r.type === 'text' && String(r.id).startsWith('e2ee-')).map((r) => String(r.id));

async function serve(t: TestHooks, options?: VeniceServerOptions): Promise<VeniceServer> {
  const server = await startVeniceServer(options);
  t.onTestFinished(() => server.close());
  return server;
}

const onboardArgs = (server: VeniceServer, extra: string[] = []) => ['onboard', '--non-interactive', '--venice-api-key-stdin', '--base-url', server.baseUrl, ...extra];

async function onboard(h: TempHome, server: VeniceServer, extra: string[] = [], binary = false): Promise<CliResult> {
  const args = onboardArgs(server, extra);
  const stdin = `${TEST_API_KEY}\n`;
  return binary ? runCli(args, { home: h.home, stdin }) : runInProcess(args, { home: h, stdin });
}

interface Check {
  id: string;
  status: string;
  message: string;
  hint: string | null;
}
async function verifyJson(h: TempHome, server: VeniceServer, extra: string[] = [], binary = false): Promise<{ code: number | null; checks: Map<string, Check>; result: CliResult }> {
  const args = ['verify', '--json', '--base-url', server.baseUrl, ...extra];
  const result = binary ? await runCli(args, { home: h.home }) : await runInProcess(args, { home: h });
  expect(result.stdout + result.stderr).not.toContain(TEST_API_KEY);
  const doc = JSON.parse(result.stdout) as { checks: Check[] };
  return { code: result.code, checks: new Map(doc.checks.map((c) => [c.id, c])), result };
}
const outcome = (c: Check | undefined) => c && { status: c.status, message: c.message, hint: c.hint };

const writtenIds = async (h: TempHome): Promise<string[]> => {
  const config = json5.parse(await readFile(h.configPath, 'utf8')) as { models: { providers: { venice: { models: Array<{ id: string }> } } } };
  return config.models.providers.venice.models.map((m) => m.id);
};

describe('E2EE models are kept out of OpenClaw', () => {
  it('onboarding against the 113-model snapshot writes the 100 callable models and none of the 13 E2EE ones; exit 0', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    const r = await onboard(h, server, [], true);
    expect(r.code, r.stderr).toBe(0);
    const ids = await writtenIds(h);
    expect(E2EE_IDS).toHaveLength(13);
    expect(ids).toHaveLength(100);
    expect(ids.filter((id) => id.startsWith('e2ee-'))).toEqual([]);
    expect(r.stderr).toContain('  Default model: venice/llama-3.3-70b\n');
  });

  it('--model e2ee-glm-5-1 is refused with the private sibling to use; nothing is written', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    const r = await onboard(h, server, ['--model', 'e2ee-glm-5-1'], true);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(-3)).toEqual([
      "✗ venice/e2ee-glm-5-1 is end-to-end encrypted: OpenClaw's OpenAI-style client cannot encrypt prompts for its enclave, so your agent would fail on its first message.",
      '  Hint: Use venice/zai-org-glm-5-1 (GLM 5.1, private) instead, or pick another with venice-onboard models list.',
      '',
    ]);
    expect(existsSync(h.configPath)).toBe(false);
    expect(server.requestsTo('chat')).toEqual([]);
  });

  it('models set e2ee-qwen3-6-35b-a3b is refused, naming the TEE sibling first; the config stays byte-identical', async (t) => {
    const server = await serve(t, { models: WITH_TEE });
    const h = await makeTempHome({ context: t });
    expect((await onboard(h, server, ['--models', 'default'])).code).toBe(0);
    const before = await readFile(h.configPath);
    const r = await runCli(['models', 'set', 'venice/e2ee-qwen3-6-35b-a3b', '--base-url', server.baseUrl], { home: h.home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`  Hint: Use venice/${TEE_ID} (Qwen 3.6 35B A3B (TEE), in an attested enclave) instead, or pick another with venice-onboard models list.\n`);
    expect(await readFile(h.configPath)).toEqual(before);
  });

  it('models list still shows them, in a group of their own, marked, and --json says "tier":"e2ee"', async (t) => {
    const server = await serve(t, { models: WITH_TEE });
    const h = await makeTempHome({ context: t });
    const table = await runInProcess(['models', 'list', '--base-url', server.baseUrl], { home: h });
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(lines[1]).toBe('E2EE: end-to-end encrypted, needs an E2EE client (OpenClaw cannot call these) (13)');
    expect(lines[at('venice/e2ee-glm-5-1 ')]).toMatch(/reasoning, E2EE client only$/);
    expect(at('TEE: private, in a hardware enclave (verify checks its attestation) (1)')).toBeGreaterThan(at('venice/e2ee-qwen3-6-35b-a3b-uncensored-p'));
    expect(lines[at(`venice/${TEE_ID} `)]).toMatch(/tools, reasoning, code, TEE$/);
    const privateRows = SNAPSHOT_ROWS.filter((r) => r.type === 'text' && (r.model_spec as { privacy?: string }).privacy === 'private' && !E2EE_IDS.includes(String(r.id)));
    expect(at(`Private: prompts and replies are never stored (${privateRows.length})`)).toBeGreaterThan(at(`venice/${TEE_ID} `));

    const json = JSON.parse((await runInProcess(['models', 'list', '--json', '--base-url', server.baseUrl], { home: h })).stdout) as { models: Array<Record<string, unknown>> };
    const glm = json.models.find((m) => m.id === 'e2ee-glm-5-1')!;
    expect(Object.keys(glm).slice(0, 5)).toEqual(['ref', 'id', 'name', 'privacy', 'tier']);
    expect([glm.privacy, glm.tier]).toEqual(['private', 'e2ee']);
    expect(json.models.find((m) => m.id === TEE_ID)?.tier).toBe('tee');

    const tee = await runInProcess(['models', 'list', '--plain', '--privacy', 'tee', '--base-url', server.baseUrl], { home: h });
    expect(tee.stdout).toBe(`venice/${TEE_ID}\n`);
    const e2ee = await runInProcess(['models', 'list', '--plain', '--privacy', 'e2ee', '--base-url', server.baseUrl], { home: h });
    expect(e2ee.stdout.trim().split('\n')).toEqual(E2EE_IDS.map((id) => `venice/${id}`));
  });

  it('verify fails model.available for an E2EE default written by hand, with the models set to run', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    expect((await onboard(h, server)).code).toBe(0);
    const text = await readFile(h.configPath, 'utf8');
    await writeFile(h.configPath, text.replace('"primary": "venice/llama-3.3-70b"', '"primary": "venice/e2ee-glm-5-1"').replace(/(\n\s*)("models": \[)/, '$1$2{ "id": "e2ee-glm-5-1", "name": "GLM 5.1", "reasoning": true, "input": ["text"], "contextWindow": 32000, "maxTokens": 4096 },'));
    const v = await verifyJson(h, server);
    expect(outcome(v.checks.get('model.available'))).toEqual({
      status: 'fail',
      message: "venice/e2ee-glm-5-1 is end-to-end encrypted: OpenClaw's OpenAI-style client cannot encrypt prompts for its enclave, so your agent fails on its first message.",
      hint: 'Run venice-onboard models set venice/zai-org-glm-5-1.',
    });
    expect(v.checks.get('model.attestation')?.status).toBe('skip');
    expect(v.code).toBe(1);
  });

  it('a re-run without --model over an E2EE default switches to llama-3.3-70b and says why', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    await writeFile(h.configPath, '{\n  // mine\n  agents: { defaults: { model: { primary: "venice/e2ee-glm-5-1" } } },\n}\n');
    const r = await onboard(h, server);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('! Your default venice/e2ee-glm-5-1 is end-to-end encrypted, which OpenClaw cannot call: choosing another.\n');
    expect(r.stderr).toContain('  Default model: venice/llama-3.3-70b\n');
    expect(await readFile(h.configPath, 'utf8')).toContain('// mine');
  });
});

describe('the default without --model follows the live catalog (SPEC §4.4)', () => {
  const withoutLlama = SNAPSHOT_ROWS.filter((r) => r.id !== 'llama-3.3-70b');

  it("no llama-3.3-70b in the live list: Venice's default role, asked only then, and said on stderr", async (t) => {
    const server = await serve(t, { models: withoutLlama });
    const h = await makeTempHome({ context: t });
    const r = await onboard(h, server, [], true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("! llama-3.3-70b is not in the model list; using Venice's default model: venice/zai-org-glm-5-2 (choose another with --model).\n");
    expect(r.stderr).toContain('  Default model: venice/zai-org-glm-5-2\n');
    expect(server.requestsTo('traits')).toHaveLength(1);
    const config = json5.parse(await readFile(h.configPath, 'utf8')) as { agents: { defaults: { model: { primary: string } } } };
    expect(config.agents.defaults.model.primary).toBe('venice/zai-org-glm-5-2');
  });

  it('with llama-3.3-70b listed, the roles are never asked', async (t) => {
    const server = await serve(t);
    const h = await makeTempHome({ context: t });
    expect((await onboard(h, server)).code).toBe(0);
    expect(server.requestsTo('traits')).toEqual([]);
  });

  it('no llama-3.3-70b and no roles: the first private model that OpenClaw can call and Venice still serves', async (t) => {
    const server = await serve(t, { models: withoutLlama, traits: {} });
    const h = await makeTempHome({ context: t });
    const r = await onboard(h, server);
    expect(r.code, r.stderr).toBe(0);
    const first = withoutLlama.find((row) => {
      const spec = row.model_spec as { privacy?: string; deprecation?: unknown; offline?: boolean };
      return row.type === 'text' && spec.privacy === 'private' && !String(row.id).startsWith('e2ee-') && spec.deprecation === undefined && spec.offline !== true;
    });
    expect(r.stderr).toContain(`! llama-3.3-70b is not in the model list; using the first private model of the list: venice/${String(first?.id)} (choose another with --model).\n`);
  });
});

describe('verify: model.attestation of a TEE default (SPEC §1.2)', () => {
  async function teeHome(t: TestHooks, options: VeniceServerOptions = {}): Promise<{ h: TempHome; server: VeniceServer }> {
    const server = await serve(t, { models: WITH_TEE, ...options });
    const h = await makeTempHome({ context: t });
    const r = await onboard(h, server, ['--model', TEE_ID]);
    expect(r.code, r.stderr).toBe(0);
    return { h, server };
  }

  it('a good server: pass, with the TEE provider and the signing address; a fresh 64-hex nonce each run, the key as Bearer', async (t) => {
    const { h, server } = await teeHome(t);
    const first = await verifyJson(h, server, [], true);
    const second = await verifyJson(h, server);
    expect(outcome(first.checks.get('model.attestation'))).toEqual({
      status: 'pass',
      message: `venice/${TEE_ID} runs in an enclave Venice verified for a fresh nonce (TEE provider intel-tdx, signing address ${ATTESTATION_SIGNING_ADDRESS}).`,
      hint: null,
    });
    expect([first.code, second.code]).toEqual([0, 0]);
    const asked = server.requestsTo('attestation');
    expect(asked).toHaveLength(2);
    for (const a of asked) {
      expect(a.query.model).toBe(TEE_ID);
      expect(a.query.nonce).toMatch(/^[0-9a-f]{64}$/);
      expect(a.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    }
    expect(asked[0]?.query.nonce).not.toBe(asked[1]?.query.nonce);
  });

  it('a replaying server (the same recorded answer, an old nonce): fail, exit 1', async (t) => {
    const { h, server } = await teeHome(t, { attestation: 'replay' });
    const v = await verifyJson(h, server, [], true);
    expect(outcome(v.checks.get('model.attestation'))).toEqual({
      status: 'fail',
      message: `The attestation of venice/${TEE_ID} came back with another nonce than the one sent: a replayed or cached answer proves nothing about the enclave now.`,
      hint: 'Run venice-onboard verify again; if it keeps failing, pick a private model with venice-onboard models set.',
    });
    expect(server.requestsTo('attestation')[0]?.query.nonce).not.toBe(REPLAYED_NONCE);
    expect(v.code).toBe(1);
  });

  it('verified: false: fail', async (t) => {
    const { h, server } = await teeHome(t, { attestation: 'unverified' });
    const v = await verifyJson(h, server);
    expect(outcome(v.checks.get('model.attestation'))?.message).toBe(`Venice did not verify the enclave of venice/${TEE_ID} (verified: false): nothing proves your prompts run inside a TEE.`);
    expect(v.code).toBe(1);
  });

  it('the attestation of another model: fail', async (t) => {
    const { h, server } = await teeHome(t, { attestation: 'other-model' });
    const v = await verifyJson(h, server);
    expect(outcome(v.checks.get('model.attestation'))?.message).toBe(`The attestation is for tee-other-model, not venice/${TEE_ID}.`);
  });

  it('an error of the server: warn (the model works, only the proof is missing), exit 0', async (t) => {
    const { h, server } = await teeHome(t);
    server.setFault('attestation', { kind: 'status', status: 404 });
    const v = await verifyJson(h, server);
    expect(outcome(v.checks.get('model.attestation'))).toEqual({
      status: 'warn',
      message: `Could not get the attestation of venice/${TEE_ID}: HTTP 404: Not found.`,
      hint: 'Run venice-onboard verify again later; the model works without it, only the proof is missing.',
    });
    expect(v.code).toBe(0);
  });

  it('a server that never answers: warn when --timeout ends the request', async (t) => {
    const { h, server } = await teeHome(t);
    server.setFault('attestation', { kind: 'hang' });
    const v = await verifyJson(h, server, ['--timeout', '1000']);
    expect(outcome(v.checks.get('model.attestation'))?.message).toBe(`Could not get the attestation of venice/${TEE_ID}: no answer within 1000 ms.`);
    expect(v.code).toBe(0);
  });

  it('--offline skips it and sends nothing', async (t) => {
    const { h, server } = await teeHome(t);
    const v = await verifyJson(h, server, ['--offline']);
    expect(outcome(v.checks.get('model.attestation'))).toEqual({ status: 'skip', message: 'skipped: --offline', hint: null });
    expect(server.requestsTo('attestation')).toEqual([]);
  });

  it('--model names the TEE model to attest when the default is another', async (t) => {
    const server = await serve(t, { models: WITH_TEE });
    const h = await makeTempHome({ context: t });
    expect((await onboard(h, server)).code).toBe(0);
    const v = await verifyJson(h, server, ['--model', TEE_ID]);
    expect(v.checks.get('model.attestation')?.status).toBe('pass');
  });
});
