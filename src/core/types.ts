export type Privacy = 'private' | 'anonymized' | 'unknown';
/**
 * How private a model is, most private first (SPEC §4.3a): `e2ee` (prompts encrypted on the client
 * for the enclave; a plain OpenAI-style client such as OpenClaw cannot call it), `tee` (runs in a
 * hardware enclave, proven by `/tee/attestation`), then Venice's own `private` and `anonymized`.
 */
export type Tier = 'e2ee' | 'tee' | 'private' | 'anonymized' | 'unknown';
export const TIERS: readonly Tier[] = ['e2ee', 'tee', 'private', 'anonymized', 'unknown'];
export type Capability = 'vision' | 'tools' | 'reasoning' | 'code';
export const CAPABILITIES: readonly Capability[] = ['vision', 'tools', 'reasoning', 'code'];

export interface ModelCost {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** One Venice text model, as this tool understands it (SPEC §4.2). */
export interface CatalogModel {
  id: string;
  name: string;
  /** As Venice says it (`model_spec.privacy`). */
  privacy: Privacy;
  tier: Tier;
  contextWindow: number;
  maxTokens: number;
  capabilities: Record<Capability, boolean>;
  cost: ModelCost;
  /** ISO date of the announced deprecation, or null. */
  deprecated: string | null;
  offline: boolean;
  /**
   * The limits Venice's own row states (`maxCompletionTokens`, bounded by the context, and the
   * context), as opposed to the fallbacks above; absent for the built-in list and for what Venice left out.
   */
  reported?: { maxTokens?: number; contextWindow?: number };
}

export type CatalogSource = 'live' | 'cache' | 'static';

export interface Catalog {
  source: CatalogSource;
  /** When the list was fetched from Venice (live or cached), null for the built-in list. */
  fetchedAt: string | null;
  models: CatalogModel[];
  /** Set when we fell back from live: what went wrong, for the visible warning. */
  warning?: string;
  /** Renamed ids from `GET /models/compatibility_mapping` (old → new); empty when unknown. */
  renames: Record<string, string>;
  /** Roles from `GET /models/traits` (e.g. `default` → id); empty when unknown. */
  traits: Record<string, string>;
  /** A live list fetched without its renames and roles (loadCatalog's `extras: false`). */
  partial?: true;
}

/** A model entry in OpenClaw's `models.providers.venice.models` (SPEC §5.2). */
export interface ProviderModelEntry {
  id: string;
  name: string;
  reasoning: boolean;
  input: string[];
  /** Absent on releases whose Venice plugin prices the models (see toProviderEntry). */
  cost?: ModelCost;
  contextWindow: number;
  maxTokens: number;
}
