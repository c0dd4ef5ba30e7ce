import { readFileSync } from 'node:fs';

/** The recorded Venice answers of test/fixtures (see /work/shared/fixtures/README.md). */
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

type Row = Record<string, unknown>;

/** All 328 rows of Venice's docs snapshot (a bare array; 113 are `type: "text"`). */
export const SNAPSHOT_ROWS = load('venice-models-veniceai-api-docs-static.json') as Row[];
/** The 113 text rows, in snapshot order: what `GET /models?type=text` lists. */
export const SNAPSHOT_TEXT_ROWS = SNAPSHOT_ROWS.filter((r) => r.type === 'text');
/** The `data` object of `GET /models/traits`: role → model id. */
export const SNAPSHOT_TRAITS = load('venice-models-traits-veniceai-api-docs-static.json') as Record<string, string>;
/** A full live text row: grok-4-3, maxCompletionTokens 32000, availableContextTokens 1000000. */
export const GOBHA_TEXT_ROW = load('venice-models-gobha-me-venice-cpp-text-entry.json') as Row;
/** A live image row (venice-sd35, `type: "image"`). */
export const GOBHA_IMAGE_ROW = load('venice-models-gobha-me-venice-cpp-image-entry.json') as Row;

/**
 * A TEE row written for these tests (Venice's August 2026 snapshot lists none outside its E2EE
 * rows): the row of e2ee-qwen3-6-35b-a3b as a `tee-` model, `supportsTeeAttestation` without E2EE.
 */
export const TEE_ROW = load('venice-models-tee-row.json') as Row;

/** A snapshot row by id (a deep copy, safe to modify); throws if absent. */
export function snapshotRow(id: string): Row {
  const row = SNAPSHOT_ROWS.find((r) => r.id === id);
  if (row === undefined) throw new Error(`no row ${id} in the snapshot fixture`);
  return structuredClone(row);
}

/** The live envelope of `GET /models?type=<type>`. */
export const envelope = (rows: unknown[], type = 'text') => ({ object: 'list', type, data: rows });
