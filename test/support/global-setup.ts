// Vitest global setup: end-to-end tests run the built binary, so dist/ must exist.
// `npm test` builds first; a bare `npx vitest` builds only when dist/ is missing, and warns
// when it is older than src/ (rebuilding here would delete dist/ under a concurrent run).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const bundle = join(root, 'dist', 'cli.cjs');
  if (!existsSync(bundle)) {
    process.stderr.write('dist/ is missing: building it (node scripts/build.mjs)\n');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    return;
  }
  if (newestMtime(join(root, 'src')) > statSync(bundle).mtimeMs) {
    process.stderr.write('warning: dist/ is older than src/; end-to-end tests run the old build. Run `node scripts/build.mjs` (npm test does).\n');
  }
}
