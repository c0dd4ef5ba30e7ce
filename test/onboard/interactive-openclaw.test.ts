import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onboard, Q, readConfig } from '../support/fake-context.js';
import { installFakeOpenclaw } from '../support/fake-openclaw.js';
import { DEFAULT } from '../support/fake-prompts.js';
import { makeTempHome, type TempHome } from '../support/temp-home.js';
import { startVeniceServer, TEST_API_KEY, type VeniceServer } from '../support/venice-server.js';

/** The interactive offer to install the Venice plugin (issue 13), with a stand-in openclaw on PATH. */

let server: VeniceServer;
let home: TempHome;
beforeEach(async () => {
  server = await startVeniceServer();
  home = await makeTempHome();
});
afterEach(() => server.close());

const INSTALL = 'confirm: Install the Venice plugin for OpenClaw now (openclaw plugins install @openclaw/venice-provider, keeping your config\'s comments)?';

describe('the Venice plugin missing (OpenClaw 2026.9.6 on PATH)', () => {
  it.for([
    [true, { entries: { venice: { enabled: true } } }],
    [false, undefined],
  ] as const)('install it now? %s', async ([yes, plugins], t) => {
    const oc = await installFakeOpenclaw(t, { version: '2026.9.6', plugin: 'missing' });
    const run = await onboard(
      [
        { password: /API key/, answer: TEST_API_KEY },
        { search: /Default model/, answer: DEFAULT },
        { confirm: /Install the Venice plugin/, answer: yes },
        { confirm: /Write these changes/, answer: true },
      ],
      { server, home, env: { PATH: oc.path }, flags: { keyStorage: 'config' } },
    );
    expect(run.code, String(run.error)).toBe(0);
    expect(run.fake.questions()).toEqual([Q.password, Q.model, INSTALL, Q.write]);
    expect(run.fake.asked[2]?.default).toBe(true);
    const installs = (await oc.calls()).filter((c) => c.args[0] === 'plugins' && c.args[1] === 'install');
    expect(installs.map((c) => c.args)).toEqual(yes ? [['plugins', 'install', '@openclaw/venice-provider']] : []);
    // OpenClaw installed it on a copy of the config: the real file is ours alone.
    if (yes) expect(installs[0]?.configPath).not.toBe(home.configPath);
    expect((await readConfig(home.configPath)).plugins).toEqual(plugins);
    expect(run.stderr()).toContain(yes ? '✓ Ran openclaw plugins install @openclaw/venice-provider\n' : '! Venice is not installed: install it with openclaw plugins install @openclaw/venice-provider.');
    expect((await readdir(home.stateDir)).sort()).toEqual(['openclaw.json']);
  });
});
