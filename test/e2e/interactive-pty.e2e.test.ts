import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import JSON5 from 'json5';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN_PATH, isolatedEnv } from '../support/run-cli.js';
import { makeTempHome, type TempHome } from '../support/temp-home.js';
import { killAllTmux, requireTmux, startTmuxSession, type TmuxSession } from '../support/tmux.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/**
 * The REAL built binary in a REAL pseudo-terminal (SPEC §7), driven through tmux: what a user
 * sees and types. The fake Venice server runs in this process; the binary reaches it over TCP.
 */

let server: VeniceServer;
let home: TempHome;
beforeEach(async () => {
  // In each test, not beforeAll: vitest reports tests behind a failed beforeAll as skipped.
  await requireTmux();
  server = await startVeniceServer();
  home = await makeTempHome();
});
afterEach(async () => {
  await killAllTmux();
  await server.close();
});

async function start(extraEnv: Record<string, string> = {}, args: string[] = []): Promise<TmuxSession> {
  // No VENICE_API_KEY, no CI (isolatedEnv keeps only PATH-like basics), NO_COLOR, temp HOME and caches.
  const env = { ...isolatedEnv(home.home, { cacheDir: home.cacheDir }), LANG: 'C.UTF-8', TERM: 'tmux-256color', ...extraEnv };
  return startTmuxSession({ argv: [process.execPath, BIN_PATH, '--base-url', server.baseUrl, ...args], env, cwd: home.home });
}

/** Asserts the whole key never reached the terminal, on any screen captured. */
function expectKeyNeverShown(session: TmuxSession): void {
  expect(session.screens.length).toBeGreaterThan(0);
  for (const screen of session.screens) expect(screen.includes(TEST_API_KEY), `the key was on screen:\n${screen.replaceAll(TEST_API_KEY, '<KEY>')}`).toBe(false);
}

const NO_STACK = /\n\s+at .+:\d+|Error:/;

describe('interactive onboarding in a pseudo-terminal', () => {
  it('typed key, Enter through the picker, confirm the write: exit 0, config written, key masked on screen', async () => {
    const tty = await start();
    await tty.waitFor('? Venice API key (venice.ai');
    // A key of another provider: the format check refuses it right under the prompt.
    await tty.type('sk-proj-abcdefghijklmnopqrstuvwx');
    await tty.press('Enter');
    await tty.waitFor('> This looks like a key for OpenAI (sk-proj-…), not a Venice key. Create a key at venice.ai → Settings → API Keys.');
    await tty.press(...Array<string>(40).fill('BSpace'));
    await tty.type(TEST_API_KEY);
    // The password prompt masks what is typed: one star per character.
    await tty.waitFor(/\? Venice API key \(venice\.ai → Settings → API Keys\): \*{35}\n/);
    await tty.press('Enter');
    await tty.waitFor(/Key vapi…qrst is valid/);
    await tty.waitFor(/Default model \(type to search\)/);
    const picker = await tty.waitFor(/❯ general chat: llama-3\.3-70b/);
    expect(picker).toContain('── Recommended ──');
    await tty.press('Enter');
    await tty.waitFor(/Write these changes\? \(Y\/n\)/);
    await tty.press('Enter');
    expect(await tty.waitForExit()).toBe(0);
    const screen = await tty.waitFor(/Next: venice-onboard verify --chat/);
    expect(screen).toContain(`✓ Wrote ${home.configPath}`);
    expect(screen).toContain('Default model: venice/llama-3.3-70b');

    const config = JSON5.parse(await readFile(home.configPath, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(config.agents.defaults.model.primary).toBe('venice/llama-3.3-70b');
    expect(config.env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
    expect((await stat(home.configPath)).mode & 0o777).toBe(0o600);
    expectKeyNeverShown(tty);
  });

  it('VENICE_API_KEY set: a single confirm showing the masked key, no password prompt', async () => {
    const tty = await start({ VENICE_API_KEY: TEST_API_KEY });
    await tty.waitFor('Use VENICE_API_KEY from your environment (vapi…qrst)? (Y/n)');
    await tty.press('Enter');
    await tty.waitFor(/❯ general chat: llama-3\.3-70b/);
    await tty.press('Enter');
    await tty.waitFor(/Write these changes\? \(Y\/n\)/);
    await tty.press('Enter');
    expect(await tty.waitForExit()).toBe(0);
    expect(await tty.capture()).not.toContain('Venice API key (');
    expect(JSON5.parse(await readFile(home.configPath, 'utf8')).env.vars.VENICE_API_KEY).toBe(TEST_API_KEY);
    expectKeyNeverShown(tty);
  });

  it('Ctrl+C at the password prompt: exit 130, no config file, no stack trace', async () => {
    const tty = await start();
    await tty.waitFor('? Venice API key (venice.ai');
    await tty.type(TEST_API_KEY.slice(0, 12));
    await tty.press('C-c');
    expect(await tty.waitForExit()).toBe(130);
    const screen = await tty.waitFor('Cancelled. Nothing was written.');
    expect(screen).not.toMatch(NO_STACK);
    expect(existsSync(home.configPath)).toBe(false);
    expectKeyNeverShown(tty);
  });

  it('Ctrl+C at the password prompt exits at once, even while the model list is still loading', async () => {
    server.setFault('models', { kind: 'hang' });
    const tty = await start();
    await tty.waitFor('? Venice API key (venice.ai');
    await tty.press('C-c');
    // The list fetch may take up to --timeout (10 s by default): the user must not wait for it.
    expect(await tty.waitForExit(3000)).toBe(130);
    expect(existsSync(home.configPath)).toBe(false);
  });
});
