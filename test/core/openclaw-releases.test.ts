import { describe, expect, it } from 'vitest';
import {
  chooseTarget,
  compareReleases,
  describeTarget,
  firstReleaseWhere,
  NEWEST_KNOWN_RELEASE,
  parseReleaseVersion,
  RELEASE_SHAPES,
  shapeOf,
  type ReleaseShape,
} from '../../src/core/openclaw-releases.js';

/** The capability table of OpenClaw releases (SPEC §8): versions, rows, and the target's order. */

const v = (text: string) => parseReleaseVersion(text)!;
const shape = (text: string) => shapeOf(v(text));

describe('parseReleaseVersion', () => {
  it.each([
    ['OpenClaw 2026.9.6 (eb377ac)', '2026.9.6', [2026, 9, 6], 0],
    ['2026.1.29\n', '2026.1.29', [2026, 1, 29], 0],
    ['2026.8.1-beta.2', '2026.8.1-beta.2', [2026, 8, 1], -1],
    ['2026.3.23-2', '2026.3.23-2', [2026, 3, 23], 2],
  ])('%j', (text, printed, parts, revision) => {
    expect(parseReleaseVersion(text)).toEqual({ text: printed, parts, revision });
  });

  it.each([[''], ['openclaw'], ['v1.2'], ['9.6']])('no version in %j', (text) => {
    expect(parseReleaseVersion(text)).toBeUndefined();
  });

  it('orders a prerelease before its release, a republication after it, and by number (not text)', () => {
    const sorted = ['2026.10.1', '2026.3.23-1', '2026.3.23', '2026.3.23-beta.1', '2026.9.6', '2026.3.7'].map(v).sort(compareReleases).map((r) => r.text);
    expect(sorted).toEqual(['2026.3.7', '2026.3.23-beta.1', '2026.3.23', '2026.3.23-1', '2026.9.6', '2026.10.1']);
  });
});

describe('RELEASE_SHAPES: the boundaries found by installing releases (README "OpenClaw releases")', () => {
  it('rows are in release order, each starting a change', () => {
    const since = RELEASE_SHAPES.map((r) => v(r.since));
    for (let i = 1; i < since.length; i++) expect(compareReleases(since[i - 1]!, since[i]!)).toBeLessThan(0);
    for (let i = 1; i < RELEASE_SHAPES.length; i++) {
      const { since: _a, ...before } = RELEASE_SHAPES[i - 1]!;
      const { since: _b, ...after } = RELEASE_SHAPES[i]!;
      expect(after, RELEASE_SHAPES[i]!.since).not.toEqual(before);
    }
  });

  // Each pair is two adjacent stable releases on npm, the second the first with the new behaviour.
  it.each<[keyof ReleaseShape, string, string]>([
    ['refusesUnsetVar', '2026.3.2', '2026.3.7'],
    ['venice', '2026.3.13', '2026.3.22'],
    ['authStore', '2026.6.1', '2026.6.5'],
    ['envKeyNeedsRef', '2026.6.10', '2026.6.11'],
    ['strictEnv', '2026.7.35', '2026.8.1'],
    ['modelPolicy', '2026.7.35', '2026.8.1'],
    ['authLogout', '2026.7.35', '2026.8.1'],
    ['pinCost', '2026.9.2', '2026.9.3'],
  ])('%s changes between %s and %s', (field, before, after) => {
    expect(shape(before)[field]).not.toEqual(shape(after)[field]);
    expect(firstReleaseWhere((s) => s[field] === shape(after)[field])).toBe(after);
  });

  it('the shapes of the releases the suite runs', () => {
    expect(shape('2026.1.29')).toMatchObject({ venice: 'core', authStore: 'json-file', strictEnv: false, pinCost: true, refusesUnsetVar: true });
    expect(shape('2026.6.5')).toMatchObject({ venice: 'bundled-plugin', authStore: 'sqlite', authLogout: false });
    expect(shape('2026.6.11')).toMatchObject({ venice: 'external-unavailable', envKeyNeedsRef: true, strictEnv: false });
    expect(shape('2026.8.1')).toMatchObject({ venice: 'external-unavailable', strictEnv: true, modelPolicy: true, authLogout: true, pinCost: true });
    expect(shape('2026.9.6')).toMatchObject({ venice: 'external-plugin', strictEnv: true, pinCost: false });
  });

  it('older than the oldest row: the oldest shape; a prerelease of a boundary: the row before it', () => {
    expect(shape('2025.12.1')).toBe(RELEASE_SHAPES[0]);
    expect(shape('2026.8.1-beta.1').strictEnv).toBe(false);
    expect(shape('2026.8.1-1').strictEnv).toBe(true);
  });
});

describe('chooseTarget: --openclaw-version, then openclaw --version, then meta.lastTouchedVersion, then the newest known', () => {
  it.each([
    [{ flag: '2026.6.1', openclaw: '2026.9.6', config: '2026.1.29' }, '2026.6.1', 'flag'],
    [{ openclaw: 'OpenClaw 2026.8.1 (abc)', config: '2026.1.29' }, '2026.8.1', 'openclaw'],
    [{ config: '2026.3.2' }, '2026.3.2', 'config'],
    [{}, NEWEST_KNOWN_RELEASE, 'default'],
    // Text that names no version is passed over.
    [{ flag: 'latest', openclaw: 'garbage', config: '2026.3.2' }, '2026.3.2', 'config'],
  ])('%j → %s from %s', (candidates, version, source) => {
    const target = chooseTarget(candidates);
    expect(target).toEqual({ version, source, shape: shape(version) });
  });

  it('outside the checked range: the nearest shape, with a note', () => {
    expect(chooseTarget({ openclaw: '2027.1.4' })).toEqual({
      version: '2027.1.4',
      source: 'openclaw',
      shape: shape(NEWEST_KNOWN_RELEASE),
      note: 'OpenClaw 2027.1.4 is newer than the releases venice-onboard was checked against; writing what 2026.9.6 accepts.',
    });
    expect(chooseTarget({ config: '2025.11.2' }).note).toBe(
      'OpenClaw 2025.11.2 is older than 2026.1.29, the oldest release venice-onboard knows; writing what 2026.1.29 accepts.',
    );
  });

  it('openclaw on PATH that does not say its version: the next choice, with a note naming it', () => {
    const note = '/usr/local/bin/openclaw did not say its version; writing for OpenClaw 2026.9.6. Name your release with --openclaw-version <version>.';
    const target = chooseTarget({ silentOpenclaw: '/usr/local/bin/openclaw' });
    expect(target).toEqual({ version: '2026.9.6', source: 'default', shape: shape('2026.9.6'), note });
    expect(describeTarget(target)).toBe('2026.9.6 (the newest release venice-onboard knows)');
    expect(chooseTarget({ silentOpenclaw: '/oc', config: '2026.3.2' }).note).toBe('/oc did not say its version; writing for OpenClaw 2026.3.2. Name your release with --openclaw-version <version>.');
  });

  it('describeTarget says where the version came from', () => {
    expect(describeTarget(chooseTarget({}))).toBe('2026.9.6 (the newest release venice-onboard knows; no openclaw on PATH)');
    expect(describeTarget(chooseTarget({ flag: '2026.6.1' }))).toBe('2026.6.1 (from --openclaw-version)');
    expect(describeTarget(chooseTarget({ openclaw: '2026.8.1' }))).toBe('2026.8.1 (the openclaw on your PATH)');
    expect(describeTarget(chooseTarget({ config: '2026.3.2' }))).toBe('2026.3.2 (meta.lastTouchedVersion in the config)');
  });
});
