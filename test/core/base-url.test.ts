import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../../src/core/base-url.js';
import { CliError } from '../../src/errors.js';
import { toGlobalOptions } from '../../src/options.js';

function refusal(raw: string): { code: string; exitCode: number; message: string } {
  try {
    normalizeBaseUrl(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    const e = error as CliError;
    return { code: e.code, exitCode: e.exitCode, message: e.message };
  }
  throw new Error(`expected ${raw} to be refused`);
}

describe('normalizeBaseUrl (SPEC §6)', () => {
  it('the default is the Venice API', () => {
    expect(DEFAULT_BASE_URL).toBe('https://api.venice.ai/api/v1');
  });

  it.each([
    ['https://api.venice.ai/api/v1', 'https://api.venice.ai/api/v1'],
    ['https://api.venice.ai/api/v1/', 'https://api.venice.ai/api/v1'],
    ['https://api.venice.ai/api/v1///', 'https://api.venice.ai/api/v1'],
    ['https://api.venice.ai', 'https://api.venice.ai'],
    ['  https://api.venice.ai/api/v1  ', 'https://api.venice.ai/api/v1'],
    ['HTTPS://API.VENICE.AI/api/v1', 'https://api.venice.ai/api/v1'],
    ['https://proxy.example.com:8443/venice/', 'https://proxy.example.com:8443/venice'],
    ['http://127.0.0.1:8080/api/v1/', 'http://127.0.0.1:8080/api/v1'],
    ['http://localhost:3000/api/v1', 'http://localhost:3000/api/v1'],
    ['http://LOCALHOST/api/v1', 'http://localhost/api/v1'],
    ['http://[::1]:9000/api/v1', 'http://[::1]:9000/api/v1'],
  ])('accepts %s → %s', (raw, expected) => {
    expect(normalizeBaseUrl(raw)).toBe(expected);
  });

  it.each([
    'http://api.venice.ai/api/v1',
    'http://10.0.0.5:8080/api/v1',
    'http://localhost.evil.example/api/v1',
    'http://127.0.0.1.nip.io/api/v1',
    'http://0.0.0.0:8080/api/v1',
    'ftp://api.venice.ai/api/v1',
    'file:///etc/passwd',
  ])('refuses %s (plain http off loopback, or not http at all) with exit code 2', (raw) => {
    expect(refusal(raw)).toMatchObject({ code: 'insecure-base-url', exitCode: 2 });
  });

  it.each([
    'not a url',
    'api.venice.ai/api/v1',
    '',
    'https://user:secret@api.venice.ai/api/v1',
    'https://api.venice.ai/api/v1?key=x',
    'https://api.venice.ai/api/v1#x',
  ])('refuses %j as a bad base URL with exit code 2', (raw) => {
    expect(refusal(raw)).toMatchObject({ code: 'bad-base-url', exitCode: 2 });
  });

  it('says why in one sentence, naming only the origin', () => {
    expect(refusal('http://example.com/api/v1').message).toBe(
      'Refusing the base URL http://example.com: the API key would travel unencrypted.',
    );
  });
});

describe('toGlobalOptions: --base-url and VENICE_BASE_URL', () => {
  it('the flag wins over the environment', () => {
    expect(toGlobalOptions({ baseUrl: 'http://127.0.0.1:1/api/v1/' }, { VENICE_BASE_URL: 'https://other.example/v1' }).baseUrl).toBe(
      'http://127.0.0.1:1/api/v1',
    );
  });

  it('VENICE_BASE_URL is used and checked like the flag', () => {
    expect(toGlobalOptions({}, { VENICE_BASE_URL: 'https://eu.example/api/v1/' }).baseUrl).toBe('https://eu.example/api/v1');
    expect(() => toGlobalOptions({}, { VENICE_BASE_URL: 'http://eu.example/api/v1' })).toThrow(
      expect.objectContaining({ code: 'insecure-base-url', exitCode: 2 }),
    );
  });

  it('an empty VENICE_BASE_URL means the default', () => {
    expect(toGlobalOptions({}, { VENICE_BASE_URL: '  ' }).baseUrl).toBe(DEFAULT_BASE_URL);
  });
});
