import { checkKeyOnline, describeLimits } from '../net/key-check.js';
import type { Context } from '../context.js';
import { resolveModel, siblingOf } from '../catalog/resolve-model.js';
import type { CatalogModel } from '../core/types.js';
import { NetworkError } from '../net/http.js';
import { streamChat } from '../net/chat-stream.js';
import { fetchAttestation, fetchCompatibilityMapping, fetchModels, type LiveModels } from '../net/venice-api.js';
import type { GlobalOptions } from '../options.js';
import { fail, pass, warn, type CheckOutcome } from './types.js';

type Net = Pick<GlobalOptions, 'baseUrl' | 'timeoutMs'>;
type Deps = Pick<Context, 'dispatcher'>;

export async function checkReachable(o: Net, ctx: Deps, apiKey?: string): Promise<{ outcome: CheckOutcome; live?: LiveModels }> {
  try {
    const live = await fetchModels({ ...o, dispatcher: ctx.dispatcher, apiKey });
    return { outcome: pass(`${o.baseUrl} answered in ${live.elapsedMs} ms with ${live.models.length} text models.`), live };
  } catch (error) {
    const reason = error instanceof NetworkError ? error.message : String(error);
    return {
      outcome: fail(`Cannot list models at ${o.baseUrl}: ${reason}.`, 'Check your connection, proxy (HTTPS_PROXY) or --base-url, or raise --timeout.'),
    };
  }
}

export async function checkKeyValid(key: string, o: Net, ctx: Deps): Promise<CheckOutcome> {
  const result = await checkKeyOnline(key, o, ctx);
  switch (result.status) {
    case 'valid':
      return pass(`Venice accepts the key${describeLimits(result.limits)}.`);
    case 'invalid':
      return fail(result.message, 'Create a new key at venice.ai → Settings → API Keys, then run venice-onboard onboard.');
    case 'denied':
      return fail(result.message, 'Check the key and your balance at venice.ai → Settings → API Keys.');
    default:
      return warn(result.message, 'Run venice-onboard verify again in a minute.');
  }
}

/** The live row's own limits (the mapped model falls back to defaults when the API omits them). */
function liveLimits(live: LiveModels, id: string): { maxCompletionTokens?: number; contextTokens?: number } {
  const row = live.rows.find((r) => (r as { id?: unknown })?.id === id) as { model_spec?: Record<string, unknown> } | undefined;
  const spec = row?.model_spec ?? {};
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  return { maxCompletionTokens: int(spec.maxCompletionTokens), contextTokens: int(spec.availableContextTokens) };
}

export async function checkModelAvailable(id: string, live: LiveModels, o: Net, ctx: Deps): Promise<{ outcome: CheckOutcome; model?: CatalogModel }> {
  const exact = live.models.find((m) => m.id === id);
  if (exact?.tier === 'e2ee') {
    const sibling = siblingOf(id, live.models);
    return {
      outcome: fail(
        `venice/${id} is end-to-end encrypted: OpenClaw's OpenAI-style client cannot encrypt prompts for its enclave, so your agent fails on its first message.`,
        `Run venice-onboard models set ${sibling ? `venice/${sibling.id}` : '<a TEE or private model>'}.`,
      ),
    };
  }
  if (exact?.offline) return { outcome: fail(`venice/${id} is offline at Venice right now.`, 'Pick another model: venice-onboard models set <model>.') };
  if (exact?.deprecated) {
    return {
      outcome: warn(`venice/${id} is deprecated (${exact.deprecated.slice(0, 10)}).`, 'Pick a newer model: venice-onboard models list, then venice-onboard models set <model>.'),
      model: exact,
    };
  }
  if (exact) return { outcome: pass(`venice/${id} is in the live catalog.`), model: exact };
  const renames = await fetchCompatibilityMapping({ ...o, dispatcher: ctx.dispatcher }).catch(() => ({}));
  const r = resolveModel(id, live.models, renames);
  if (r.ok) {
    return { outcome: fail(`venice/${id} was renamed to venice/${r.model.id}.`, `Run venice-onboard models set venice/${r.model.id}.`) };
  }
  const near = r.suggestions.length > 0 ? ` Closest: ${r.suggestions.map((s) => `venice/${s}`).join(', ')}.` : '';
  return { outcome: fail(`venice/${id} is not in the live catalog.${near}`, 'Pick another model: venice-onboard models set <model>.') };
}

export function checkModelLimits(entry: Record<string, unknown> | undefined, id: string, live: LiveModels): CheckOutcome {
  const limits = liveLimits(live, id);
  const fix = 'Run venice-onboard onboard: it lowers the entry to the live limits and keeps your other fields.';
  if (entry === undefined) return fail(`No entry for ${id} in the provider's models.`, fix);
  const problems: string[] = [];
  const { maxTokens, contextWindow } = entry;
  if (typeof maxTokens === 'number' && limits.maxCompletionTokens !== undefined && maxTokens > limits.maxCompletionTokens) {
    problems.push(`maxTokens ${maxTokens} > ${limits.maxCompletionTokens}`);
  }
  if (typeof contextWindow === 'number' && limits.contextTokens !== undefined && contextWindow > limits.contextTokens) {
    problems.push(`contextWindow ${contextWindow} > ${limits.contextTokens}`);
  }
  if (problems.length > 0) return fail(`${id}: ${problems.join(', ')} (Venice answers HTTP 400 above its limits).`, fix);
  const known = [limits.maxCompletionTokens && `max output ${limits.maxCompletionTokens}`, limits.contextTokens && `context ${limits.contextTokens}`].filter(Boolean);
  return pass(`${id} is within the live limits${known.length > 0 ? ` (${known.join(', ')})` : ''}.`);
}

export async function checkChat(key: string, id: string, o: Net, ctx: Deps): Promise<CheckOutcome> {
  try {
    const r = await streamChat({ ...o, apiKey: key, model: id, dispatcher: ctx.dispatcher });
    const reply = r.reply.replace(/\s+/g, ' ').trim();
    const shown = reply.length > 80 ? `${reply.slice(0, 79)}…` : reply;
    const ttft = r.firstTokenMs === undefined ? 'no text' : `first token ${r.firstTokenMs} ms`;
    if (reply === '') return warn(`venice/${id} answered with no text (${ttft}, total ${r.totalMs} ms).`, 'Try another model with --model.');
    return pass(`venice/${id} replied "${shown}" (${ttft}, total ${r.totalMs} ms).`);
  } catch (error) {
    const e = error as NetworkError;
    if (e.status === 402) return fail(`HTTP 402: no balance left for venice/${id}. ${e.message}`, 'Add credits or DIEM at venice.ai → Settings → Billing.');
    if (e.status === 400) return fail(`HTTP 400: Venice refused the request for venice/${id} (${e.message}), usually a maxTokens or context limit.`, 'Run venice-onboard onboard: it lowers the entry to the live limits and keeps your other fields.');
    if (e.status === 401) return fail('HTTP 401: the key was refused for chat.', 'Create a new key at venice.ai → Settings → API Keys.');
    return fail(`The chat request failed: ${e.message}.`, 'Run venice-onboard verify --chat again; if it persists, try another model with --model.');
  }
}

/**
 * `model.attestation` (SPEC §1.2): a TEE model's enclave, asked for evidence bound to a fresh
 * random nonce. Passes only when Venice says `verified: true` for our nonce and this model. What it
 * proves: Venice's server-side verification of the enclave's Intel TDX quote (and NVIDIA evidence)
 * passed just now, for this request. What it does not: the quote itself is not checked here.
 */
export async function checkAttestation(id: string, o: Net, ctx: Deps, apiKey?: string): Promise<CheckOutcome> {
  const { randomBytes } = await import('node:crypto'); // off the start-up path of the other commands
  const nonce = randomBytes(32).toString('hex');
  const again = 'Run venice-onboard verify again; if it keeps failing, pick a private model with venice-onboard models set.';
  let a: Awaited<ReturnType<typeof fetchAttestation>>;
  try {
    a = await fetchAttestation({ ...o, dispatcher: ctx.dispatcher, apiKey, model: id, nonce });
  } catch (error) {
    const reason = error instanceof NetworkError ? error.message : String(error);
    return warn(`Could not get the attestation of venice/${id}: ${reason}.`, 'Run venice-onboard verify again later; the model works without it, only the proof is missing.');
  }
  if (a.verified !== true) {
    return fail(`Venice did not verify the enclave of venice/${id} (verified: ${a.verified ?? 'missing'}): nothing proves your prompts run inside a TEE.`, again);
  }
  if (a.nonce !== nonce) {
    return fail(`The attestation of venice/${id} came back with another nonce than the one sent: a replayed or cached answer proves nothing about the enclave now.`, again);
  }
  if (a.model !== undefined && a.model !== id) {
    return fail(`The attestation is for ${a.model}, not venice/${id}.`, again);
  }
  const where = [a.teeProvider && `TEE provider ${a.teeProvider}`, a.signingAddress && `signing address ${a.signingAddress}`].filter(Boolean).join(', ');
  return pass(`venice/${id} runs in an enclave Venice verified for a fresh nonce${where === '' ? '' : ` (${where})`}.`);
}
