import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { loadConfig, prepareConfigChange, type FileChange } from '../../src/changes/config-change.js';
import { renderDiff, writeChanges } from '../../src/changes/write-changes.js';
import { setDotenvKey } from '../../src/changes/key-store-change.js';
import type { EditOp } from '../../src/json5-edit/index.js';
import { makeTempDir, type TestHooks } from '../support/temp-home.js';

/** Diff and write of file changes, with the lost-update retry of SPEC §5.4 (real temp dirs). */

const KEY = 'vapi_0123456789abcdefghijklmnopqrst';
const tempDir = (t: TestHooks) => makeTempDir({ prefix: 'venice-onboard-changes-', context: t });
const SET_PRIMARY: EditOp[] = [{ op: 'set', path: ['agents', 'defaults', 'model', 'primary'], value: 'venice/llama-3.3-70b' }];

describe.concurrent('the editor\'s final check', () => {
  const failing = (file: string, label = 'config'): FileChange => ({
    label,
    path: file,
    before: null,
    after: '{ broken',
    check: () => {
      throw new CliError('config-unsafe-edit', `${file}: would not read back`);
    },
  });

  it('a change comes with its check pending; renderDiff runs it before showing anything', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    const change = await prepareConfigChange(await loadConfig(file), () => SET_PRIMARY);
    expect(typeof change?.check).toBe('function');
    expect(() => renderDiff([failing(file)], [])).toThrow('would not read back');
    expect(renderDiff([change!], [])).toContain('+        "primary": "venice/llama-3.3-70b",');
    expect(change?.check).toBeUndefined(); // run once
  });

  it('a failing check of any change: nothing is written, not even the files before it', async (t) => {
    const dir = await tempDir(t);
    const first: FileChange = { label: 'dotenv', path: join(dir, '.env'), before: null, after: `VENICE_API_KEY=${KEY}\n` };
    const error = await writeChanges([first, failing(join(dir, 'openclaw.json'))]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'config-unsafe-edit' });
    expect(await readdir(dir)).toEqual([]);
    const alone = await writeChanges([failing(join(dir, 'openclaw.json'))]).catch((e: unknown) => e);
    expect(alone).toMatchObject({ code: 'config-unsafe-edit' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe.concurrent('prepareConfigChange', () => {
  it('null when the file already says it all (idempotence)', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    await writeFile(file, '{ agents: { defaults: { model: { primary: "venice/llama-3.3-70b" } } } }\n');
    expect(await prepareConfigChange(await loadConfig(file), () => SET_PRIMARY)).toBeNull();
  });

  it('a new file is a change even with no op: the template is written', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    const change = await prepareConfigChange(await loadConfig(file), () => []);
    expect(change).toMatchObject({ label: 'config', path: file, before: null });
    expect(change?.after?.startsWith('// OpenClaw configuration')).toBe(true);
  });

  it('$include: a CliError with the snippet to paste, values masked nowhere here (cli.ts masks on output)', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    await writeFile(file, '{ $include: "./a.json5" }');
    const error = await prepareConfigChange(await loadConfig(file), () => SET_PRIMARY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'config-include' });
    expect((error as CliError).hint).toBe('Paste each block above into its file yourself. Nothing was changed.');
    // The root's content is a.json5's: the edit goes there, at the same path (nothing in the main file).
    expect((error as CliError).detail).toBe(
      [
        '  Edit by hand instead: merge each block into the top-level object of its file (list items go at the end of the list).',
        `  ${join(dirname(file), 'a.json5')} (included at the root):`,
        '    {',
        '      "agents": {',
        '        "defaults": {',
        '          "model": {',
        '            "primary": "venice/llama-3.3-70b"',
        '          }',
        '        }',
        '      }',
        '    }',
      ].join('\n'),
    );
  });
});

describe.concurrent('files we refuse to edit, and leave as they are', () => {
  const rejection = async (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

  it('a config that is not UTF-8: refused when read, before any edit is planned', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    await writeFile(file, Buffer.concat([Buffer.from('{\n  // r'), Buffer.from([0xe9]), Buffer.from('sum\n}\n')]));
    expect(await rejection(loadConfig(file))).toMatchObject({
      code: 'file-encoding',
      message: `${file} is not UTF-8: the byte 0xE9 at line 2, column 7 (byte offset 8) is not part of any UTF-8 character.`,
    });
  });

  it('a .env that is not UTF-8: refused too (the key line would be written among its bytes)', async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, '.env'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nOTHER=1\n')]));
    expect(await rejection(setDotenvKey(dir, KEY))).toMatchObject({ code: 'file-encoding', message: `${join(dir, '.env')} is not UTF-8: the byte 0xE9 at line 1, column 6 (byte offset 5) is not part of any UTF-8 character.` });
  });

  it('a read-only config: refused once there is something to write; with nothing to write, no error', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    await writeFile(file, '{ agents: { defaults: { model: { primary: "venice/llama-3.3-70b" } } } }\n');
    await chmod(file, 0o444);
    expect(await prepareConfigChange(await loadConfig(file), () => SET_PRIMARY)).toBeNull();
    const other: EditOp[] = [{ op: 'set', path: ['agents', 'defaults', 'model', 'primary'], value: 'venice/qwen3-4b' }];
    expect(await rejection(prepareConfigChange(await loadConfig(file), () => other))).toMatchObject({ code: 'file-read-only', message: `Cannot write ${file}: it is read-only (mode 0444).` });
    expect((await stat(file)).mode & 0o777).toBe(0o444);
  });

  it('a read-only .env: refused the same way', async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, '.env'), 'OTHER=1\n');
    await chmod(join(dir, '.env'), 0o400);
    expect(await rejection(setDotenvKey(dir, KEY))).toMatchObject({ code: 'file-read-only', message: `Cannot write ${join(dir, '.env')}: it is read-only (mode 0400).` });
  });

  it('a duplicate key on an edited path: refused, naming the key and both lines', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    await writeFile(file, '{\n  agents: {},\n  gateway: {},\n  agents: { list: [] },\n}\n');
    const loaded = await loadConfig(file);
    expect(await rejection(prepareConfigChange(loaded, () => SET_PRIMARY))).toMatchObject({
      code: 'config-duplicate-key',
      message: `${file}: the key agents appears twice (lines 2 and 4), on a path this edit changes: OpenClaw reads only the last one, so it is unclear which one to change.`,
      hint: 'Merge them into one by hand, then run again. Nothing was changed.',
    });
  });

  it('a duplicate key elsewhere: a warning line naming both lines, and the edit', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    await writeFile(file, '{\n  tools: { profile: "coding" },\n  tools: { web: {} },\n}\n');
    const loaded = await loadConfig(file);
    expect(loaded.warnings).toEqual([`${file} has the key tools twice (lines 2 and 3): OpenClaw uses the last one; both are left as they are.`]);
    const change = await prepareConfigChange(loaded, () => SET_PRIMARY);
    change?.check?.();
    expect(change?.after).toBe('{\n  tools: { profile: "coding" },\n  tools: { web: {} },\n  agents: {\n    defaults: {\n      model: {\n        primary: "venice/llama-3.3-70b",\n      },\n    },\n  },\n}\n');
  });
});

describe.concurrent('writeChanges: lost-update guard', () => {
  it('the file changed after it was read: re-read, the edit redone on the new bytes, their change kept', async (t) => {
    const file = join(await tempDir(t), 'openclaw.json');
    await writeFile(file, '{\n  gateway: { port: 1 },\n}\n');
    const change = await prepareConfigChange(await loadConfig(file), () => SET_PRIMARY);
    // Someone else edits the file between our read and our write.
    await writeFile(file, '{\n  gateway: { port: 2 },\n}\n');
    const written = await writeChanges([change as FileChange]);
    expect(written).toEqual([{ label: 'config', path: file, backup: `${file}.bak` }]);
    expect(await readFile(file, 'utf8')).toBe(
      '{\n  gateway: { port: 2 },\n  agents: {\n    defaults: {\n      model: {\n        primary: "venice/llama-3.3-70b",\n      },\n    },\n  },\n}\n',
    );
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('{\n  gateway: { port: 2 },\n}\n');
  });

  it('the redo finds nothing left to do (the other writer made the same edit): nothing written', async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'openclaw.json');
    await writeFile(file, '{}\n');
    const change = await prepareConfigChange(await loadConfig(file), () => SET_PRIMARY);
    const theirs = '{ agents: { defaults: { model: { primary: "venice/llama-3.3-70b" } } } }\n';
    await writeFile(file, theirs);
    expect(await writeChanges([change as FileChange])).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(theirs);
    expect(await readdir(dir)).toEqual(['openclaw.json']);
  });

  it('a file that keeps changing: a CliError after 8 tries, their last version untouched, no temp file', async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'openclaw.json');
    await writeFile(file, 'v0');
    let n = 0;
    let redos = 0;
    const racing = (before: Buffer): FileChange => ({
      label: 'config',
      path: file,
      before,
      after: 'ours',
      redo: async (fresh) => {
        redos++;
        await writeFile(file, `v${++n}`); // changed again right after our re-read
        return racing(fresh as Buffer);
      },
    });
    await writeFile(file, 'changed before our first write');
    const error = await writeChanges([racing(Buffer.from('v0'))]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'conflict', message: `${file} kept changing while we tried to write it.` });
    expect(redos).toBe(7);
    expect(await readFile(file, 'utf8')).toBe('v7');
    expect(await readdir(dir)).toEqual(['openclaw.json']);
  });
});

describe('renderDiff', () => {
  it('a unified diff per file, /dev/null for a new one, every secret masked', () => {
    const changes: FileChange[] = [
      { label: 'config', path: '/x/openclaw.json', before: Buffer.from('{\n}\n'), after: `{\n  env: { VENICE_API_KEY: "${KEY}" },\n}\n` },
      { label: '.env', path: '/x/.env', before: null, after: `VENICE_API_KEY=${KEY}\n` },
    ];
    const diff = renderDiff(changes, [KEY]);
    expect(diff).not.toContain(KEY);
    expect(diff).toContain('+  env: { VENICE_API_KEY: "vapi…qrst" },\n');
    expect(diff).toContain('--- /dev/null\n+++ /x/.env\n@@ -0,0 +1,1 @@\n+VENICE_API_KEY=vapi…qrst\n');
    expect(diff).not.toMatch(/^=+$/m);
  });

  it('no change: an empty string', () => {
    expect(renderDiff([], [KEY])).toBe('');
  });
});
