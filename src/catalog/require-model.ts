import { resolveModel, siblingOf, stripVenicePrefix } from './resolve-model.js';
import { findProviderModel } from '../core/plan-venice.js';
import type { Catalog, CatalogModel } from '../core/types.js';
import { CliError } from '../errors.js';

/**
 * Resolves `--model` (or a picked id) against the catalog in use (SPEC §4.3). An id the user
 * keeps in their own Venice block is accepted too, even when Venice does not list it.
 */
export function requireModel(input: string, catalog: Catalog, config?: unknown): { model: CatalogModel; note?: string } {
  const id = stripVenicePrefix(input);
  const own = config === undefined || catalog.models.some((m) => m.id === id) ? undefined : findProviderModel(config, id);
  if (own) return { model: refuseE2ee(own, catalog) };
  const r = resolveModel(input, catalog.models, catalog.renames);
  if (r.ok) {
    refuseE2ee(r.model, catalog);
    const notes: string[] = [];
    if (r.renamedFrom) notes.push(`${r.renamedFrom} is now called ${r.model.id}.`);
    if (r.model.deprecated) notes.push(`${r.model.id} is deprecated (${r.model.deprecated.slice(0, 10)}); consider another model.`);
    if (r.model.offline) notes.push(`${r.model.id} is offline at Venice right now.`);
    return notes.length > 0 ? { model: r.model, note: notes.join(' ') } : { model: r.model };
  }
  if (r.reason === 'other-provider') {
    throw new CliError('model-other-provider', `"${input}" is not a Venice model: use venice/<id> or <id>.`, {
      hint: 'Run venice-onboard models list to see the Venice models.',
    });
  }
  const near = r.suggestions.length > 0 ? ` Did you mean ${r.suggestions.map((s) => `venice/${s}`).join(', ')}?` : '';
  throw new CliError('model-unknown', `Unknown model "${input}" in the ${catalog.source} catalog.${near}`, {
    hint: 'Run venice-onboard models list to see every model.',
  });
}

/** An E2EE model cannot be OpenClaw's (SPEC §4.3a): refused, with the sibling to use instead. */
function refuseE2ee(model: CatalogModel, catalog: Catalog): CatalogModel {
  if (model.tier !== 'e2ee') return model;
  const sibling = siblingOf(model.id, catalog.models);
  const instead = sibling
    ? `Use venice/${sibling.id} (${sibling.name}, ${sibling.tier === 'tee' ? 'in an attested enclave' : sibling.tier}) instead, or pick another with venice-onboard models list.`
    : 'Pick a TEE or private model instead: venice-onboard models list --privacy tee, or --privacy private.';
  throw new CliError(
    'model-e2ee',
    `venice/${model.id} is end-to-end encrypted: OpenClaw's OpenAI-style client cannot encrypt prompts for its enclave, so your agent would fail on its first message.`,
    { hint: instead },
  );
}
