// The bundle's json5 carries build-time fast paths (scripts/json5-fast-paths.mjs). They must not
// change a single answer: the same value, the same error (message, line and column), the same
// warning as json5 itself, on the project's files and on generated and damaged documents.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { json5FastPaths, patchJson5Source } from '../../scripts/json5-fast-paths.mjs';
import { DAMAGE, damaged, expectSameAnswerAsJson5, HAND_PICKED, json5Text, projectDocuments, type Parse } from '../support/json5-differential.js';
import { ROOT_DIR } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-home.js';

let patched: Parse;

beforeAll(async () => {
  const dir = await makeTempDir({ prefix: 'json5-fast-' });
  const outfile = join(dir, 'json5.cjs');
  await build({
    stdin: { contents: "module.exports = require('json5');", resolveDir: ROOT_DIR },
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
    plugins: [json5FastPaths],
  });
  patched = (createRequire(import.meta.url)(outfile) as { parse: Parse }).parse;
});

describe('json5 with the bundle\'s fast paths answers exactly as json5', () => {
  it.each(HAND_PICKED)('%j', (text) => {
    expectSameAnswerAsJson5(patched, text);
  });

  it('on every config, fixture and template of the project', () => {
    const documents = projectDocuments();
    expect(documents.length).toBeGreaterThan(20);
    for (const text of documents) expectSameAnswerAsJson5(patched, text);
  });

  it('on generated documents, and on each one damaged at one place', () => {
    fc.assert(
      fc.property(json5Text, fc.nat(), fc.constantFrom(...DAMAGE), (text, at, insert) => {
        expectSameAnswerAsJson5(patched, text);
        for (const broken of damaged(text, at, insert)) expectSameAnswerAsJson5(patched, broken);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the patches themselves', () => {
  it('a patch that no longer matches json5 fails the build instead of being skipped', () => {
    expect(() => patchJson5Source('parse.js', 'function peek () {}')).toThrow(/does not match json5\/lib\/parse.js exactly once/);
  });

  it('a bundle that takes json5 from other files fails rather than ship it without its fast paths', async () => {
    const failed = await build({
      stdin: { contents: "module.exports = require('json5/dist/index.js');", resolveDir: ROOT_DIR },
      write: false,
      bundle: true,
      platform: 'node',
      logLevel: 'silent',
      plugins: [json5FastPaths],
    }).catch((error: Error) => error);
    expect(String(failed)).toContain('json5 was bundled without its fast paths (patched: nothing)');
  });
});
