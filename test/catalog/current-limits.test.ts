import { describe, expect, it } from 'vitest';
import { hasCurrentLimits } from '../../src/catalog/load-catalog.js';
import type { Catalog } from '../../src/core/types.js';

/** Which catalogs may lower the limits a user wrote (catalog/load-catalog.ts, core/plan-venice.ts). */

const NOW = new Date('2026-09-10T12:00:00.000Z');
const catalog = (source: Catalog['source'], fetchedAt: string | null): Catalog => ({ source, fetchedAt, models: [], renames: {}, traits: {} });

describe('hasCurrentLimits', () => {
  it.each<[string, Catalog, boolean]>([
    ['a live list', catalog('live', NOW.toISOString()), true],
    ['a cache 59 minutes old (what onboarding uses instead of asking)', catalog('cache', '2026-09-10T11:01:00.000Z'), true],
    ['a cache an hour old', catalog('cache', '2026-09-10T11:00:00.000Z'), false],
    ['a cache three days old (Venice unreachable, or --offline)', catalog('cache', '2026-09-07T12:00:00.000Z'), false],
    ['a cache dated in the future (a clock gone wrong)', catalog('cache', '2026-09-10T13:00:00.000Z'), false],
    ['the built-in list', catalog('static', null), false],
  ])('%s: %s', (_what, c, expected) => {
    expect(hasCurrentLimits(c, NOW)).toBe(expected);
  });
});
