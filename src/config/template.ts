import { readFileSync } from 'node:fs';

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
