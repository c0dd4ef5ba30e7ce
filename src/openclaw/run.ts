import { accessSync, constants, mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';

/**
 * Running the user's own `openclaw` (SPEC §8): found on PATH, given the config and state dir we
 * work on, bounded by a timeout. OpenClaw rewrites any config it saves as plain JSON, without the
 * user's comments; a command that saves the config is therefore given a copy of it (`configText`),
 * next to the real one so that relative `$include` paths still resolve, and the copy is removed
 * afterwards. What we mean to change in the real file, we change ourselves.
 */

interface OpenclawRun {
  /** Exit code; null when killed (timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  env: Record<string, string | undefined>;
  /** The config OpenClaw reads; `stateDir` its state (auth profiles, plugins). */
  configPath: string;
  stateDir: string;
  /** OpenClaw works on a copy holding this text instead of `configPath` itself. */
  configText?: string;
  /** Written to stdin, which is then closed (stdin is closed at once without it). */
  input?: string;
  timeoutMs: number;
}

/** The `openclaw` executable on PATH (as the shell would find it), or undefined. */
export function findOpenclaw(env: Record<string, string | undefined>): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, process.platform === 'win32' ? 'openclaw.cmd' : 'openclaw');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Removes the copy and the backups OpenClaw made of it (`<copy>.bak`, `<copy>.bak.1`, …). */
function removeCopy(copy: string): void {
  const prefix = basename(copy);
  let names: string[] = [];
  try {
    names = readdirSync(dirname(copy));
  } catch {
    return;
  }
  for (const name of names) {
    if (name === prefix || name.startsWith(`${prefix}.bak`)) {
      try {
        unlinkSync(join(dirname(copy), name));
      } catch {
        // already gone
      }
    }
  }
}

export async function runOpenclaw(bin: string, args: readonly string[], o: RunOptions): Promise<OpenclawRun> {
  const { spawn } = await import('node:child_process');
  const copy =
    o.configText === undefined ? undefined : join(dirname(o.configPath), `.${basename(o.configPath)}.venice-onboard-${process.pid}-${Date.now().toString(36)}.json`);
  if (copy !== undefined) {
    mkdirSync(dirname(copy), { recursive: true, mode: 0o700 }); // a first setup: the state dir may not exist yet
    writeFileSync(copy, o.configText!, { mode: 0o600, flag: 'wx' });
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(o.env)) if (value !== undefined) env[name] = value;
  Object.assign(env, { OPENCLAW_CONFIG_PATH: copy ?? o.configPath, OPENCLAW_STATE_DIR: o.stateDir, NO_COLOR: '1' });
  delete env.FORCE_COLOR;
  try {
    return await new Promise<OpenclawRun>((resolve) => {
      // detached: a timeout ends OpenClaw and whatever it started, as one process group.
      const child = spawn(bin, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, o.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.stdin.on('error', () => {
        /* OpenClaw may exit before reading stdin */
      });
      child.stdin.end(o.input ?? '');
      const finish = (code: number | null, error?: Error) => {
        clearTimeout(timer);
        resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: error ? error.message : Buffer.concat(err).toString('utf8'), timedOut });
      };
      child.once('error', (error) => finish(null, error));
      child.once('close', (code) => finish(code));
    });
  } finally {
    if (copy !== undefined) removeCopy(copy);
  }
}

/** The first JSON object in OpenClaw's output (some releases print a line or two before it), or undefined. */
export function parseJsonOutput(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The last meaningful line OpenClaw printed on failure, for an error message. */
export function lastLine(run: OpenclawRun): string {
  const lines = `${run.stderr}\n${run.stdout}`
    .split('\n')
    .map((l) => l.replace(/^\[openclaw\]\s*/, '').trim())
    .filter((l) => l !== '' && !/^(Try|Help|Debug):/.test(l));
  const reason = lines.find((l) => l.startsWith('Reason:'));
  return (reason ?? lines.at(-1) ?? (run.timedOut ? 'it did not answer in time' : `exit code ${run.code}`)).replace(/^Reason:\s*/, '');
}
