import { readFile } from 'node:fs/promises';
import { resolveConfigPath } from '../config/config-path.js';
import { dotenvPath } from '../config/key-stores.js';
import { describeEncodingProblem, findEncodingProblem } from '../config/read-text.js';
import { readIfExists } from '../config/safe-write.js';
import { CliError } from '../errors.js';
import type { Context } from '../context.js';
import { parseDotenv } from '../core/dotenv.js';
import { checkKeyFormat, mustMask, normalizeKey } from '../core/key-format.js';
import { isObject, readVeniceProvider } from '../core/openclaw-config.js';
import type { VerifyOptions } from '../options.js';
import { palette, SYMBOLS } from '../ui/style.js';
import { normalizeBaseUrl } from '../core/base-url.js';
import { stripVenicePrefix } from '../catalog/resolve-model.js';
import { checkAgentOverrides, checkConfigFound, checkConfigParse, checkDefaultModel, checkEnvRefs, checkProvider, selectedModelId } from '../verify/config-checks.js';
import { discoverKey } from '../verify/discover-key.js';
import { checkKeyPresent } from '../verify/key-present.js';
import { checkOpenclawRelease, checkOpenclawValidate } from '../verify/openclaw-checks.js';
import { validateWithOpenclaw } from '../openclaw/commands.js';
import { askVenicePlugin, probeOpenclaw } from '../openclaw/target.js';
import { checkAttestation, checkChat, checkKeyValid, checkModelAvailable, checkModelLimits, checkReachable } from '../verify/network-checks.js';
import { fail, pass, skip, warn, type CheckOutcome, type CheckResult } from '../verify/types.js';


/**
 * Without --base-url or VENICE_BASE_URL, verify talks to the URL OpenClaw will use: the Venice
 * block's baseUrl (when it is a URL we may send a key to), else the Venice default.
 */
function networkOptions(o: VerifyOptions, config: unknown): VerifyOptions {
  if (o.baseUrlGiven) return o;
  const configured = readVeniceProvider(config)?.baseUrl;
  try {
    return typeof configured === 'string' ? { ...o, baseUrl: normalizeBaseUrl(configured) } : o;
  } catch {
    return o;
  }
}

export async function runVerify(o: VerifyOptions, ctx: Context): Promise<number> {
  const c = palette(ctx.color);
  const results: CheckResult[] = [];
  const status = (id: string) => results.find((r) => r.id === id)?.status;
  const ok = (id: string) => status(id) === 'pass' || status(id) === 'warn';
  async function run(id: string, fn: () => CheckOutcome | Promise<CheckOutcome>): Promise<void> {
    const started = Date.now();
    const outcome = await fn();
    const result: CheckResult = { id, status: outcome.status, message: outcome.message, hint: outcome.hint ?? null, durationMs: Date.now() - started };
    results.push(result);
    if (!o.json) {
      const symbol = { pass: c.green(SYMBOLS.pass), warn: c.yellow(SYMBOLS.warn), fail: c.red(SYMBOLS.fail), skip: c.dim(SYMBOLS.skip) }[result.status];
      // OpenClaw's verdict is several lines: each under the first.
      ctx.stdout.write(`${symbol} ${id.padEnd(21)}${result.message.replace(/\n/g, `\n  ${' '.repeat(21)}`)}\n`);
      if (result.hint) ctx.stdout.write(`  ${' '.repeat(21)}${c.dim('→')} ${result.hint}\n`);
    }
  }
  const needs = (id: string, why = `skipped: ${id} did not pass`) => (ok(id) ? undefined : skip(why));
  const offline = o.offline ? skip('skipped: --offline') : undefined;

  const loc = resolveConfigPath(o.config, ctx);
  // OpenClaw's own checks are local (even --offline runs them) and take seconds: started now.
  const probing = probeOpenclaw(o.openclawVersion, ctx.env, loc);
  const verdict = probing.then(({ openclaw }) => (openclaw && loc.exists ? validateWithOpenclaw(openclaw.bin, openclaw.place) : undefined));
  verdict.catch(() => undefined); // awaited below
  await run('config.found', () => checkConfigFound(loc));
  let config: unknown;
  await run('config.parse', async () => {
    if (!loc.exists) return skip('skipped: no config file');
    // A config that cannot be read (a directory, no permission) or is not UTF-8 is this check's failure.
    let text: string;
    try {
      const bytes = await readIfExists(loc.path);
      if (bytes === null) return fail(`${loc.path} disappeared while being checked.`, 'Run again.');
      const problem = findEncodingProblem(bytes);
      if (problem !== undefined) {
        const { message, hint } = describeEncodingProblem(loc.path, problem);
        return fail(message, hint.replace(/ Nothing was changed\.$/, ''));
      }
      text = bytes.toString('utf8');
    } catch (error) {
      if (error instanceof CliError) return fail(error.message, error.hint ?? 'Check the path given to --config.');
      throw error;
    }
    const parsed = checkConfigParse(text);
    config = parsed.config;
    return parsed.outcome;
  });
  const { openclaw, targetFor } = await probing;
  const target = targetFor(config);
  const net = networkOptions(o, config);
  const dotenv = await readFile(dotenvPath(loc.stateDir), 'utf8').then(parseDotenv, () => ({}));
  await run('config.provider', () => needs('config.parse') ?? checkProvider(config, target.shape));
  await run('config.default-model', () => needs('config.provider') ?? checkDefaultModel(config, o.model, target.shape));
  await run('config.env-refs', () => needs('config.parse') ?? checkEnvRefs(config, ctx.env, dotenv, target.shape));

  const { all } = await discoverKey(config, loc.stateDir, ctx.env, dotenv);
  // A placeholder shorter than any key is no secret: key.present shows it as written.
  for (const f of all) if (mustMask(f.key)) ctx.secrets.add(f.key);
  const plugin = askVenicePlugin(target, openclaw, config);
  const presence = checkKeyPresent(all, config, loc.stateDir, target);
  // As OpenClaw would send it: stray quotes or an `export` prefix removed.
  const found = presence?.key === undefined ? undefined : { key: normalizeKey(presence.key) };
  if (found) ctx.secrets.add(found.key);
  const unreadable = presence?.unreadable === undefined ? undefined : skip(`skipped: ${presence.unreadable}`);
  await run('key.present', () => {
    if (presence) return presence.outcome;
    // The key may well be inside the config we could not read.
    if (loc.exists && !ok('config.parse')) return skip('skipped: config.parse did not pass');
    return fail('No Venice API key found (auth profile, VENICE_API_KEY, .env, config env block, apiKey).', 'Run venice-onboard onboard, or export VENICE_API_KEY.');
  });
  await run('key.format', () => {
    if (unreadable) return unreadable;
    if (!found) return skip('skipped: no key');
    const r = checkKeyFormat(found.key);
    if (r.status === 'error') return fail(r.message, r.hint);
    if (r.status === 'warn') {
      return warn(r.message, r.kind === 'admin' ? 'Create an inference key at venice.ai → Settings → API Keys.' : 'key.valid checks it online.');
    }
    return pass(`Recognised ${r.kind === 'vapi' ? 'vapi_' : 'inference'} key format.`);
  });

  const reachable = offline ? { outcome: offline } : await checkReachable(net, ctx, found?.key);
  await run('api.reachable', () => reachable.outcome);
  await run('key.valid', async () => offline ?? unreadable ?? needs('key.format') ?? needs('api.reachable') ?? checkKeyValid(found!.key, net, ctx));

  const id = config === undefined ? (o.model === undefined ? undefined : stripVenicePrefix(o.model)) : selectedModelId(config, o.model);
  let available: Awaited<ReturnType<typeof checkModelAvailable>> | undefined;
  await run('model.available', async () => {
    if (offline) return offline;
    if (id === undefined) return skip('skipped: no Venice default model');
    if (!reachable.live) return skip('skipped: api.reachable did not pass');
    available = await checkModelAvailable(id, reachable.live, net, ctx);
    return available.outcome;
  });
  await run('model.limits', () => {
    if (offline) return offline;
    if (id === undefined || !reachable.live || !ok('model.available')) return skip('skipped: model.available did not pass');
    const models = readVeniceProvider(config)?.models;
    const entry = Array.isArray(models) ? models.find((m) => isObject(m) && m.id === id) : undefined;
    // A missing entry is config.provider's or config.default-model's finding, not a limit problem.
    if (!isObject(entry)) return skip(`skipped: no entry for ${id} in the provider's models`);
    return checkModelLimits(entry, id, reachable.live);
  });
  await run('model.attestation', async () => {
    if (offline) return offline;
    if (id === undefined || !ok('model.available') || available?.model === undefined) return skip('skipped: model.available did not pass');
    if (available.model.tier !== 'tee') return skip(`skipped: venice/${id} is not a TEE model`);
    return checkAttestation(id, net, ctx, found?.key);
  });
  await run('agents.overrides', () => needs('config.parse') ?? checkAgentOverrides(config));
  await run('openclaw.release', async () => checkOpenclawRelease(target, openclaw, await plugin));
  await run('openclaw.validate', async () => checkOpenclawValidate(openclaw, await verdict));
  if (o.chat) {
    await run('chat.probe', async () => offline ?? unreadable ?? needs('key.valid') ?? needs('model.available') ?? checkChat(found!.key, id!, net, ctx));
  }

  const passed = !results.some((r) => r.status === 'fail');
  if (o.json) {
    ctx.stdout.write(`${JSON.stringify({ ok: passed, configPath: loc.path, checks: results }, null, 2)}\n`);
  } else {
    const failed = results.filter((r) => r.status === 'fail').length;
    ctx.stderr.write(passed ? `${c.green('All checks passed.')}\n` : `${c.red(`${failed} check(s) failed.`)}\n`);
  }
  return passed ? 0 : 1;
}
