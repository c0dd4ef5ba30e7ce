import type { CatalogModel, Privacy, Tier } from './types.js';

/**
 * The tier of a model (SPEC §4.3a). Venice's E2EE rows also say `supportsTeeAttestation` (their
 * enclave is attested too), so E2EE is decided first: what matters to OpenClaw is that it cannot
 * call them. The id prefixes are Venice's naming, and count when the capability flags are missing
 * (an entry in the user's own Venice block has none).
 */
export function tierOf(id: string, privacy: Privacy, caps: Readonly<Record<string, unknown>> = {}): Tier {
  if (caps.supportsE2EE === true || id.startsWith('e2ee-')) return 'e2ee';
  if (caps.supportsTeeAttestation === true || id.startsWith('tee-')) return 'tee';
  return privacy;
}

/**
 * Whether OpenClaw can call the model: its `openai-completions` provider is a plain OpenAI-style
 * client, and an E2EE model needs prompts encrypted for its enclave (and answers decrypted) on the
 * client. Such a model is listed, never written into OpenClaw's config nor made its default.
 */
export const callableByOpenclaw = (m: Pick<CatalogModel, 'tier'>): boolean => m.tier !== 'e2ee';

/** A model worth suggesting on its own: callable, and neither deprecated nor offline. */
export const suggestable = (m: Pick<CatalogModel, 'tier' | 'deprecated' | 'offline'>): boolean =>
  callableByOpenclaw(m) && m.deprecated === null && !m.offline;
