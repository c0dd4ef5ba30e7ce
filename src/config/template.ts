import { readFileSync } from 'node:fs';
import { isParseOf, type ParsedDocument } from '../json5-edit/index.js';

/**
 * The commented document a new config starts from (SPEC §5.2). It ships in `templates/`; the
 * bundle puts this code one or two levels below the package root, so both are tried.
 */
export async function readConfigTemplate(): Promise<string> {
  for (const rel of ['../templates/openclaw.json5', '../../templates/openclaw.json5']) {
    try {
      // Synchronous: read before the requests started alongside it need the event loop.
      return readFileSync(new URL(rel, import.meta.url), 'utf8');
    } catch {
      // try the next location
    }
  }
  return '{\n}\n';
}

/**
 * The template as the editor parses it (data and source tree), made by the build
 * (`dist/template.json`, next to the bundle) so that a first setup does not parse a constant
 * again (start-up time, SPEC §7). Undefined without a build, or when `text` is not that
 * template: the caller then parses `text` itself.
 */
export function builtTemplateDocument(text: string): ParsedDocument | undefined {
  try {
    const doc = JSON.parse(readFileSync(new URL('template.json', import.meta.url), 'utf8')) as ParsedDocument;
    return isParseOf(doc, text) ? doc : undefined;
  } catch {
    return undefined;
  }
}
