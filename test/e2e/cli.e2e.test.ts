import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseJsonOutput, ROOT_DIR, runCli, type CliResult } from '../support/run-cli.js';

/** End-to-end runs of the built binary: help, version, usage errors, output conventions (SPEC §1, §2, §6). */

const VERSION = (JSON.parse(readFileSync(`${ROOT_DIR}/package.json`, 'utf8')) as { version: string }).version;
const HELP_HINT = 'Run venice-onboard --help to see the commands and flags.';

/** Asserts stdout is exactly one JSON document, the error envelope, and returns its error. */
function envelopeOf(r: CliResult): { code: string; message: string; hint: string | null } {
  expect(r.stdout.endsWith('\n')).toBe(true);
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  const doc = parseJsonOutput(r) as { ok: boolean; error: { code: string; message: string; hint: string | null } };
  expect(Object.keys(doc)).toEqual(['ok', 'error']);
  expect(doc.ok).toBe(false);
  expect(Object.keys(doc.error)).toEqual(['code', 'message', 'hint']);
  expect(typeof doc.error.message).toBe('string');
  return doc.error;
}

describe.concurrent('help and version', () => {
  it.each([['--help'], ['-h']])('%s exits 0 and lists every command and the exit codes', async (flag) => {
    const r = await runCli([flag]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: venice-onboard /);
    for (const command of ['onboard', 'verify', 'models list', 'models set']) {
      expect(r.stdout, `help lists "${command}"`).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    for (const option of ['--config <path>', '--base-url <url>', '--json', '--no-color', '--timeout <ms>', '--offline', '--version']) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toMatch(/Exit codes:\n\s+0\s+success\n\s+1\s+failed.*\n\s+2\s+usage error.*\n\s+130\s+cancelled/);
  });

  it('models alone: its two commands on stderr, exit 2; help models list: that help on stdout, exit 0', async () => {
    const group = await runCli(['models']);
    expect(group).toMatchObject({ code: 2, stdout: '' });
    expect(group.stderr).toMatch(/^Usage: venice-onboard models \[command\]\n[\s\S]*\n {2}list \[options\] +the Venice model catalog[^\n]*\n {2}set \[options\] <model> +change the default model\n$/);
    const help = await runCli(['help', 'models', 'list']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout.split('\n')[0]).toBe('Usage: venice-onboard models list [options]');
    const models = await runCli(['help', 'models']);
    expect(models).toMatchObject({ code: 0, stderr: '', stdout: group.stderr });
  });

  it('models list --help shows its filters', async () => {
    const r = await runCli(['models', 'list', '--help']);
    expect(r.code).toBe(0);
    for (const option of ['--privacy <tier>', '--capability <capability>', '--search <text>', '--plain']) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toContain('only this privacy tier (choices: "e2ee", "tee",\n                             "private", "anonymized")');
  });

  it.each([['--version'], ['-V']])('%s prints the package version and exits 0', async (flag) => {
    const r = await runCli([flag]);
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('--help needs no network: nothing connects to the base URL or the proxy', async (t) => {
    // Start-up time itself is measured by `npm run bench` (docs/performance.md), not bounded here.
    let connections = 0;
    const listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    t.onTestFinished(() => new Promise<void>((resolve) => listener.close(() => resolve())));
    const at = `127.0.0.1:${(listener.address() as AddressInfo).port}`;
    const r = await runCli(['--help'], { env: { HTTPS_PROXY: `http://${at}`, HTTP_PROXY: `http://${at}`, VENICE_BASE_URL: `http://${at}/api/v1` } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: venice-onboard');
    expect(connections).toBe(0);
  });
});

describe.concurrent('usage errors: exit 2', () => {
  it('an unknown flag: one error and a hint on stderr, nothing on stdout', async () => {
    const r = await runCli(['models', 'list', '--bogus']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`✗ Unknown option '--bogus'\n  Hint: ${HELP_HINT}\n`);
  });

  it('--json --plain on models list: the JSON error envelope', async () => {
    const r = await runCli(['models', 'list', '--json', '--plain']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(envelopeOf(r)).toEqual({
      code: 'usage',
      message: '--json and --plain cannot be used together.',
      hint: 'Pick one: --json for scripts, --plain for one ref per line.',
    });
  });

  it('an http:// base URL off loopback is refused before any request', async () => {
    const r = await runCli(['models', 'list', '--base-url', 'http://example.com/api/v1']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      '✗ Refusing the base URL http://example.com: the API key would travel unencrypted.\n' +
        '  Hint: Use an https:// URL (plain http:// is allowed only for 127.0.0.1, localhost and [::1]).\n',
    );
  });

  it('VENICE_BASE_URL is checked the same way', async () => {
    const r = await runCli(['models', 'list', '--json'], { env: { VENICE_BASE_URL: 'http://10.1.2.3:8080/api/v1' } });
    expect(r.code).toBe(2);
    expect(envelopeOf(r).code).toBe('insecure-base-url');
  });

  it.each<[string, string[], number, string, unknown]>([
    ['unknown flag', ['models', 'list', '--json', '--bogus'], 2, 'usage', "Unknown option '--bogus'"],
    ['--json with --plain', ['models', 'list', '--plain', '--json'], 2, 'usage', '--json and --plain cannot be used together.'],
    [
      'http base URL',
      ['models', 'list', '--json', '--base-url', 'http://example.com/api/v1'],
      2,
      'insecure-base-url',
      'Refusing the base URL http://example.com: the API key would travel unencrypted.',
    ],
    ['not a URL', ['models', 'list', '--json', '--base-url', 'nope'], 2, 'bad-base-url', 'The base URL "nope" is not a URL.'],
    [
      'bad timeout',
      ['models', 'list', '--json', '--timeout', 'soon'],
      2,
      'usage',
      '--timeout must be a number of milliseconds between 1 and 600000, not "soon".',
    ],
    ['zero timeout', ['models', 'list', '--json', '--timeout', '0'], 2, 'usage', '--timeout must be a number of milliseconds between 1 and 600000, not "0".'],
    ['bad privacy', ['models', 'list', '--json', '--privacy', 'public'], 2, 'usage', expect.stringContaining('public') ],
    ['bad capability', ['models', 'list', '--json', '--capability', 'fast'], 2, 'usage', expect.stringContaining('vision, tools, reasoning, code') ],
  ])('with --json, every failure is exactly one JSON document on stdout: %s', async (_name, args, exitCode, code, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(exitCode);
    expect(r.stderr).toBe('');
    const error = envelopeOf(r);
    expect(error.code).toBe(code);
    expect(error.message).toEqual(message);
    expect(typeof error.hint).toBe('string');
  });
});

describe.concurrent('output conventions (SPEC §2)', () => {
  it('no colour on a pipe even without NO_COLOR', async () => {
    const r = await runCli(['models', 'list', '--offline'], { env: { NO_COLOR: undefined } });
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\u001b\[/);
  });

  it('FORCE_COLOR forces colour in the table, never in --json', async () => {
    const table = await runCli(['models', 'list', '--offline'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(table.stdout).toMatch(/\u001b\[/);
    const json = await runCli(['models', 'list', '--offline', '--json'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(json.stdout).not.toMatch(/\u001b\[/);
    expect(parseJsonOutput(json)).toMatchObject({ source: 'static', count: 25 });
  });

  it('errors carry no stack trace without DEBUG', async () => {
    const r = await runCli(['models', 'list', '--base-url', 'http://example.com']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
