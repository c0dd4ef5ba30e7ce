import { resolveModel, stripVenicePrefix } from './resolve-model.js';
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
  if (own) return { model: own };
  const r = resolveModel(input, catalog.models, catalog.renames);
  if (r.ok) {
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
