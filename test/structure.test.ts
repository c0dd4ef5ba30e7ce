import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from './support/run-cli.js';

/**
 * The layout of src/ (CONTRIBUTING.md, "Layers"): one folder per concern, none over 14 files; the
 * pure layers (core/, json5-edit/) do no I/O; a feature folder never imports another feature's.
 */

const SRC = join(ROOT_DIR, 'src');
const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const files = (folder: string) => readdirSync(join(SRC, folder)).filter((f) => f.endsWith('.ts'));
const imports = (folder: string, file: string) => [...readFileSync(join(SRC, folder, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

/** Pure: data in, data out. Services: files, network, OpenClaw, the terminal. Features: one command's flow. */
const PURE = ['core', 'json5-edit'];
const FEATURES = ['onboard', 'verify'];
const LAYER: Record<string, number> = { core: 0, 'json5-edit': 0, config: 1, net: 1, catalog: 1, openclaw: 1, changes: 1, ui: 1, onboard: 2, verify: 2, commands: 3 };

describe('src/ layout', () => {
  it('every folder has a layer, and at most 14 files', () => {
    expect(folders.filter((f) => LAYER[f] === undefined)).toEqual([]);
    for (const f of folders) expect(files(f).length, f).toBeLessThanOrEqual(14);
  });

  it('the pure layers import no Node module and nothing above them', () => {
    for (const folder of PURE) {
      for (const file of files(folder)) {
        for (const spec of imports(folder, file)) {
          expect(spec.startsWith('node:'), `${folder}/${file} imports ${spec}`).toBe(false);
          const target = /^\.\.\/([^/]+)\//.exec(spec)?.[1];
          if (target !== undefined) expect(PURE, `${folder}/${file} imports ${spec}`).toContain(target);
        }
      }
    }
  });

  it('imports go down the layers; a feature never imports another feature, a command only its own', () => {
    for (const folder of folders) {
      for (const file of files(folder)) {
        for (const spec of imports(folder, file)) {
          const target = /^\.\.\/([^/]+)\//.exec(spec)?.[1];
          if (target === undefined || target === folder) continue;
          const where = `${folder}/${file} imports ${spec}`;
          expect(LAYER[target]! <= LAYER[folder]!, where).toBe(true);
          if (FEATURES.includes(folder)) expect(FEATURES.includes(target), where).toBe(false);
          if (folder === 'commands' && FEATURES.includes(target)) expect(file, where).toBe(`${target}.ts`);
        }
      }
    }
  });
});
