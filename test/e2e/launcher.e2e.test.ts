import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/json5-edit/index.js';
import { ROOT_DIR } from '../support/run-cli.js';

describe('what the build precomputes', () => {
  it('dist/template.json is the editor\'s own parse of templates/openclaw.json5 (data and source tree)', () => {
    const template = readFileSync(join(ROOT_DIR, 'templates', 'openclaw.json5'), 'utf8');
    const built = JSON.parse(readFileSync(join(ROOT_DIR, 'dist', 'template.json'), 'utf8')) as unknown;
    expect(built).toEqual(JSON.parse(JSON.stringify(parseDocument(template))));
  });
});

