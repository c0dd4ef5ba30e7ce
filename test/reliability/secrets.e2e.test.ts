import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { runCli, type CliResult } from '../support/run-cli.js';
import { makeTempHome, type TempHome } from '../support/temp-home.js';
import { startVeniceServer, type VeniceServer } from '../support/venice-server.js';

/**
 * SPEC §2, §3, §6: the whole key never appears in any output, whatever the command, flags or
 * failure; files holding it are 0600; it travels only as a Bearer header to the base URL.
 */
const KEY = 'vapi_SECRETsecretSECRET0123456789zz'; // recognisable, obviously fake
const OTHER = 'vapi_OTHERotherOTHER01234567890yy';
const MASKED = 'vapi…90zz'.replace('90zz', KEY.slice(-4));

let server: VeniceServer;
beforeAll(async () => {
  server = await startVeniceServer({ validKeys: [KEY, OTHER] });
});
afterAll(async () => {
  await server.close();
});

function expectNoKey(r: CliResult, ...keys: string[]): void {
  for (const key of [KEY, ...keys]) {
    expect(r.stdout, 'stdout').not.toContain(key);
    expect(r.stderr, 'stderr').not.toContain(key);
    // Not even most of it: the longest fragment shown is the 4+4 of the mask.
    expect(r.stdout + r.stderr).not.toContain(key.slice(0, 12));
    expect(r.stdout + r.stderr).not.toContain(key.slice(-12));
  }
}

async function onboarded(t: TestContext, storage = 'config'): Promise<TempHome> {
  const h = await makeTempHome({ context: t });
  // auth-profile files are ours through OpenClaw 2026.6.1; later, OpenClaw's own database holds the key.
  const target = storage === 'auth-profile' ? ['--openclaw-version', '2026.6.1'] : [];
  const r = await runCli(['--non-interactive', '--venice-api-key-stdin', '--base-url', server.baseUrl, '--key-storage', storage, ...target], { home: h.home, stdin: `${KEY}\n` });
  expect(r.code, r.stderr).toBe(0);
  expectNoKey(r);
  return h;
}

const base = () => ['--base-url', server.baseUrl];

describe.concurrent('the key never appears whole', () => {
  it.for<[string, (h: TempHome) => Promise<CliResult>]>([
    ['onboard, key on stdin', (h: TempHome) => runCli(['--non-interactive', '--venice-api-key-stdin', ...base()], { home: h.home, stdin: `${KEY}\n` })],
    ['onboard, key as a flag', (h: TempHome) => runCli(['--non-interactive', '--venice-api-key', KEY, ...base()], { home: h.home })],
    ['onboard, key from VENICE_API_KEY, --json', (h: TempHome) => runCli(['--non-interactive', '--json', ...base()], { home: h.home, env: { VENICE_API_KEY: KEY } })],
    ['onboard --dry-run', (h: TempHome) => runCli(['--non-interactive', '--dry-run', '--venice-api-key-stdin', ...base()], { home: h.home, stdin: `${KEY}\n` })],
    ['onboard --dry-run --json', (h: TempHome) => runCli(['--non-interactive', '--dry-run', '--json', '--venice-api-key-stdin', ...base()], { home: h.home, stdin: `${KEY}\n` })],
    ['onboard with a quoted, exported key', (h: TempHome) => runCli(['--non-interactive', '--venice-api-key-stdin', ...base()], { home: h.home, stdin: `export VENICE_API_KEY="${KEY}"\n` })],
    ['onboard, key refused (401) with DEBUG', (h: TempHome) => runCli(['--non-interactive', '--venice-api-key-stdin', ...base()], { home: h.home, stdin: `vapi_REVOKEDrevoked0123456789ab\n`, env: { DEBUG: 'venice-onboard' } })],
    ['onboard, key with a space inside (format error)', (h: TempHome) => runCli(['--non-interactive', '--venice-api-key-stdin', ...base()], { home: h.home, stdin: `${KEY.slice(0, 10)} ${KEY.slice(10)}\n` })],
    ['models list with VENICE_API_KEY', (h: TempHome) => runCli(['models', 'list', '--json', ...base()], { home: h.home, env: { VENICE_API_KEY: KEY } })],
    ['verify with VENICE_API_KEY and --json', (h: TempHome) => runCli(['verify', '--json', '--chat', ...base()], { home: h.home, env: { VENICE_API_KEY: KEY } })],
  ])('%s', async ([, run], t) => {
    const h = await makeTempHome({ context: t });
    const r = await run(h);
    expectNoKey(r);
  });

  it('after onboarding: verify, verify --chat --json, models set --dry-run, models set, a second onboard with --dry-run', async (t) => {
    const h = await onboarded(t);
    for (const args of [['verify'], ['verify', '--chat', '--json'], ['models', 'set', 'qwen3-next-80b', '--dry-run'], ['models', 'set', 'qwen3-next-80b', '--dry-run', '--json'], ['models', 'set', 'deepseek-v3.2']]) {
      const r = await runCli([...args, ...base()], { home: h.home });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expectNoKey(r);
    }
    // Replacing the stored key: the diff shows neither the old nor the new one.
    const r = await runCli(['--non-interactive', '--venice-api-key-stdin', '--dry-run', '--yes', ...base()], { home: h.home, stdin: `${OTHER}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('-      "VENICE_API_KEY": "vapi…');
    expectNoKey(r, OTHER);
  });

  it('a server error body that echoes the Authorization header is shown masked (onboard, verify)', async (t) => {
    const h = await onboarded(t);
    const echo = await startVeniceServer({ validKeys: [KEY] });
    try {
      echo.setFault('rate-limits', { kind: 'echo-auth', status: 500, shape: 'object' });
      const v = await runCli(['verify', '--base-url', echo.baseUrl], { home: h.home });
      expectNoKey(v);
      echo.setFault('rate-limits', { kind: 'echo-auth', status: 401, shape: 'string' });
      const o = await runCli(['--non-interactive', '--venice-api-key-stdin', '--base-url', echo.baseUrl, '--json'], { home: h.home, stdin: `${KEY}\n` });
      expect(o.code).toBe(1);
      expectNoKey(o);
    } finally {
      await echo.close();
    }
  });

  it.for(['config', 'dotenv', 'auth-profile'])('--key-storage %s: every file holding the key is 0600, in 0700 dirs', async (storage, t) => {
    const h = await onboarded(t, storage);
    const holders: string[] = [];
    async function walk(dir: string): Promise<void> {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          expect((await stat(path)).mode & 0o777, path).toBe(0o700);
          await walk(path);
        } else if ((await readFile(path, 'utf8')).includes(KEY)) holders.push(path);
      }
    }
    await walk(h.stateDir);
    expect(holders.length).toBe(1);
    for (const file of holders) expect((await stat(file)).mode & 0o777, file).toBe(0o600);
  });

  it('the key travels only as "Authorization: Bearer" to the base URL: never in a URL or a body', async (t) => {
    const spy = await startVeniceServer({ validKeys: [KEY] });
    try {
      const h = await makeTempHome({ context: t });
      await runCli(['--non-interactive', '--venice-api-key-stdin', '--base-url', spy.baseUrl], { home: h.home, stdin: `${KEY}\n` });
      await runCli(['verify', '--chat', '--base-url', spy.baseUrl], { home: h.home });
      expect(spy.requests.length).toBeGreaterThan(3);
      for (const req of spy.requests) {
        expect(req.url).not.toContain(KEY);
        expect(req.body).not.toContain(KEY);
        for (const [name, value] of Object.entries(req.headers)) {
          if (name !== 'authorization') expect(String(value), name).not.toContain(KEY);
        }
        if (req.headers.authorization !== undefined) expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
      }
      expect(spy.requestsTo('rate-limits').every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    } finally {
      await spy.close();
    }
  });

  it('a plain-http base URL off loopback is refused before any request (exit 2)', async (t) => {
    const h = await makeTempHome({ context: t });
    const r = await runCli(['--non-interactive', '--venice-api-key-stdin', '--base-url', 'http://api.venice.ai/api/v1'], { home: h.home, stdin: `${KEY}\n` });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Refusing the base URL http://api.venice.ai');
    expectNoKey(r);
    await expect(stat(h.configPath)).rejects.toThrow();
  });
});

it('the mask shows the first 4 and last 4 characters only', () => {
  expect(MASKED).toBe(`vapi…${KEY.slice(-4)}`);
});
