import { describe, expect, it } from 'vitest';
import { resolveConfigPath } from '../../src/config/config-path.js';

const home = '/home/u';
const none = () => false;

describe('resolveConfigPath (SPEC §5.1)', () => {
  it('--config wins, with ~ expanded', () => {
    const loc = resolveConfigPath('~/x/my.json5', { env: { OPENCLAW_CONFIG_PATH: '/e.json' }, homedir: home, exists: none });
    expect(loc).toEqual({ path: '/home/u/x/my.json5', reason: 'flag', exists: false, stateDir: '/home/u/x' });
  });
  it('then OPENCLAW_CONFIG_PATH', () => {
    const loc = resolveConfigPath(undefined, { env: { OPENCLAW_CONFIG_PATH: '/e/c.json', OPENCLAW_STATE_DIR: '/s' }, homedir: home, exists: none });
    expect(loc.path).toBe('/e/c.json');
    expect(loc.reason).toBe('env');
  });
  it('then $OPENCLAW_STATE_DIR/openclaw.json', () => {
    const loc = resolveConfigPath(undefined, { env: { OPENCLAW_STATE_DIR: '~/state' }, homedir: home, exists: none });
    expect(loc).toMatchObject({ path: '/home/u/state/openclaw.json', reason: 'state-dir', stateDir: '/home/u/state' });
  });
  it('then ~/.openclaw/openclaw.json, where ~ is OPENCLAW_HOME', () => {
    const loc = resolveConfigPath(undefined, { env: { OPENCLAW_HOME: '/oc' }, homedir: home, exists: none });
    expect(loc).toMatchObject({ path: '/oc/.openclaw/openclaw.json', reason: 'default', exists: false });
  });
  it('uses a legacy file when the standard one is missing', () => {
    const exists = (p: string) => p === '/home/u/.clawdbot/moltbot.json';
    const loc = resolveConfigPath(undefined, { env: {}, homedir: home, exists });
    expect(loc).toEqual({ path: '/home/u/.clawdbot/moltbot.json', reason: 'legacy', exists: true, stateDir: '/home/u/.clawdbot' });
  });
  it('prefers the standard file over a legacy one', () => {
    const exists = (p: string) => p.endsWith('openclaw.json') || p.endsWith('clawdbot.json');
    expect(resolveConfigPath(undefined, { env: {}, homedir: home, exists }).reason).toBe('default');
  });
  it('resolves a relative --config against the working directory', () => {
    expect(resolveConfigPath('cfg.json', { env: {}, homedir: home, cwd: '/w', exists: none }).path).toBe('/w/cfg.json');
  });
});
