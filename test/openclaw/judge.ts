import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { nodeBin, openclawBin, openclawEnv, releaseDir } from '../../scripts/install-openclaw.mjs';

/**
 * OpenClaw as the judge of what venice-onboard wrote (issue 13): a release from the cache that
 * scripts/install-openclaw.mjs fills, run under an environment of its own (no variable of this
 * machine's, the test's HOME), asked the two questions of SPEC §8.
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runOpenclaw(version: string, home: string, args: string[], extraEnv: Record<string, string> = {}, timeoutMs = 120_000): Promise<Run> {
  return runIn(openclawBin(version), args, openclawEnv(home, extraEnv), timeoutMs);
}

function runIn(cmd: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The JSON document a command printed (some releases print a banner line before it). */
function jsonOf(run: Run): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const start = run.stdout.indexOf('{');
  if (start < 0) throw new Error(`no JSON in the output (exit ${run.code}):\n${run.stdout}\n${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout.slice(start));
}

interface Verdict {
  valid: boolean;
  issues: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
}

/**
 * `openclaw config validate --json`; 2026.1.29 has no such command (it was added by 2026.3.2),
 * so there OpenClaw's own reader of the config file, which the command later wraps, is asked.
 */
export async function validate(version: string, home: string, extraEnv: Record<string, string> = {}): Promise<Verdict> {
  const run =
    version === '2026.1.29'
      ? await runIn(
          join(nodeBin, 'node'),
          [
            '--input-type=module',
            '-e',
            // As its CLI does (dist/cli/run-main.js): <stateDir>/.env first, then the config.
            `const dist = ${JSON.stringify(`${releaseDir(version)}/node_modules/openclaw/dist`)};
             (await import(dist + '/infra/dotenv.js')).loadDotEnv({ quiet: true });
             const { readConfigFileSnapshot } = await import(dist + '/config/config.js');
             const s = await readConfigFileSnapshot();
             console.log(JSON.stringify({ valid: s.valid, issues: s.issues, warnings: s.warnings }));`,
          ],
          openclawEnv(home, extraEnv),
          60_000,
        )
      : await runOpenclaw(version, home, ['config', 'validate', '--json'], extraEnv);
  const doc = jsonOf(run);
  return { valid: doc.valid, issues: doc.issues ?? [], warnings: doc.warnings ?? [] };
}

/** `openclaw models status --json --probe --probe-provider venice`: the key, the default, one real chat request. */
export async function probeStatus(version: string, home: string, extraEnv: Record<string, string> = {}): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return jsonOf(await runOpenclaw(version, home, ['models', 'status', '--json', '--probe', '--probe-provider', 'venice', '--probe-timeout', '30000'], extraEnv));
}
