import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temp directories that never outlive their test (STYLE §12). `test/support/setup.ts` (a vitest
 * setup file) removes `scope: 'test'` dirs after each test and `scope: 'file'` dirs after the file.
 * In `describe.concurrent` blocks pass the test's own context (`it('…', async (t) => …)`) as
 * `context`: the dir is then removed when that test ends, not when a sibling does.
 */
const perTest = new Set<string>();
const perFile = new Set<string>();

/** The part of vitest's TestContext used here. */
export interface TestHooks {
  onTestFinished(fn: () => unknown): void;
}

export interface TempDirOptions {
  prefix?: string;
  /** Default `'test'`; `'file'` keeps the dir for the whole test file (e.g. made in `beforeAll`). */
  scope?: 'test' | 'file';
  /** Remove the dir when this test finishes (safe in concurrent tests). Overrides `scope`. */
  context?: TestHooks;
}

export async function makeTempDir(options: TempDirOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), options.prefix ?? 'venice-onboard-test-'));
  if (options.context) options.context.onTestFinished(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  else (options.scope === 'file' ? perFile : perTest).add(dir);
  return dir;
}

export interface TempHome {
  /** `$HOME` */
  home: string;
  /** `$XDG_CACHE_HOME` (`<home>/.cache`) */
  cacheDir: string;
  /** Where the tool keeps its catalog cache: `<cacheDir>/venice-onboard/models.json`. */
  cacheFile: string;
  /** OpenClaw's state dir, `<home>/.openclaw` (created). */
  stateDir: string;
  /** OpenClaw's default config path, `<home>/.openclaw/openclaw.json` (not created). */
  configPath: string;
  /** The env entries that point a process at this home. */
  env: Record<string, string>;
}

/** A fresh, empty home with `.openclaw/` and `.cache/`, removed after the test (or the file). */
export async function makeTempHome(options: Omit<TempDirOptions, 'prefix'> = {}): Promise<TempHome> {
  const home = await makeTempDir({ ...options, prefix: 'venice-onboard-home-' });
  const cacheDir = join(home, '.cache');
  const stateDir = join(home, '.openclaw');
  await mkdir(cacheDir, { recursive: true });
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  return {
    home,
    cacheDir,
    cacheFile: join(cacheDir, 'venice-onboard', 'models.json'),
    stateDir,
    configPath: join(stateDir, 'openclaw.json'),
    env: { HOME: home, XDG_CACHE_HOME: cacheDir, XDG_CONFIG_HOME: join(home, '.config') },
  };
}

async function removeAll(dirs: Set<string>): Promise<void> {
  const list = [...dirs];
  dirs.clear();
  await Promise.all(list.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
}

export const cleanupTestDirs = (): Promise<void> => removeAll(perTest);
export const cleanupFileDirs = (): Promise<void> => removeAll(perFile);

/**
 * Makes `dir` unwritable until the test ends: chmod 0500 for a normal user; root ignores modes,
 * so as root the directory is made immutable (`chattr +i`, ext4 and CAP_LINUX_IMMUTABLE).
 * False when neither works here.
 */
export async function makeReadOnly(dir: string, t: TestHooks): Promise<boolean> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o500);
    t.onTestFinished(() => chmod(dir, 0o700));
    return true;
  }
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
  } catch {
    return false;
  }
  t.onTestFinished(() => void execFileSync('chattr', ['-i', dir], { stdio: 'ignore' }));
  return true;
}
