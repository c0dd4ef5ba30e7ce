// Start-up benchmark (SPEC §7): each command against a bare `node -e 0`, run alternately in the
// same session, median wall time and peak memory (maxRSS) as ratios. A benchmark, not a test:
// it reports and never fails on noise.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 25);
// BENCH_NODE=/path/to/node measures another Node (e.g. 24, where OpenClaw's users are): the tool
// and the bare `node -e 0` it is compared with both run on it.
const node = process.env.BENCH_NODE ?? process.execPath;
const bin = join(root, 'bin', 'venice-onboard.cjs');
const peak = join(root, 'scripts', 'peak-rss.cjs');
const work = mkdtempSync(join(tmpdir(), 'venice-bench-'));

if (!existsSync(join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/ is missing: run npm run build first.');
  process.exit(1);
}

// The local Venice-like server of the tests, bundled so this plain script can start it.
const serverDir = join(work, 'support');
mkdirSync(serverDir);
symlinkSync(join(root, 'test', 'fixtures'), join(work, 'fixtures'));
await build({
  entryPoints: [join(root, 'test', 'support', 'venice-server.ts')],
  outfile: join(serverDir, 'server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
});
const { startVeniceServer, TEST_API_KEY } = await import(join(serverDir, 'server.mjs'));
const server = await startVeniceServer();

function run(args, { stdin = '', env = {}, rssFile } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(node, rssFile ? ['--require', peak, ...args] : args, {
      // TMPDIR: Node's compile cache (Node 22.1+, enabled by bin/) lives in the bench's own dir,
      // warmed by the two discarded runs of each bar.
      env: { PATH: process.env.PATH, HOME: work, TMPDIR: work, XDG_CACHE_HOME: join(work, 'cache'), NO_COLOR: '1', ...env, ...(rssFile ? { BENCH_RSS_FILE: rssFile } : {}) },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.stdin.end(stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}`));
      else resolve(ms);
    });
  });
}

let n = 0;
const onboardArgs = () => {
  const dir = join(work, `onboard-${n++}`);
  return {
    args: [bin, '--non-interactive', '--venice-api-key-stdin', '--base-url', server.baseUrl, '--config', join(dir, 'openclaw.json')],
    opts: { stdin: `${TEST_API_KEY}\n`, env: { XDG_CACHE_HOME: join(dir, 'cache') } },
  };
};
const bars = [
  { name: '--help', goal: 1.5, make: () => ({ args: [bin, '--help'], opts: {} }) },
  { name: 'models list --offline --json', goal: 2, make: () => ({ args: [bin, 'models', 'list', '--offline', '--json'], opts: {} }) },
  { name: 'onboard --non-interactive (local server)', goal: 3, make: onboardArgs },
];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const baseline = { args: ['-e', '0'], opts: {} };
const nodeVersion = (await new Promise((resolve) => {
  const child = spawn(node, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.on('close', () => resolve(out.trim()));
}));
console.log(`venice-onboard start-up benchmark: ${runs} alternating runs each, Node ${nodeVersion}\n`);
const rows = [];
let worstMemory = 0;
for (const bar of bars) {
  const base = [];
  const cmd = [];
  for (let i = 0; i < runs + 2; i++) {
    const b = await run(baseline.args, baseline.opts);
    const { args, opts } = bar.make();
    const c = await run(args, opts);
    if (i >= 2) {
      base.push(b);
      cmd.push(c);
    }
  }
  const rssBase = join(work, `rss-base-${rows.length}`);
  const rssCmd = join(work, `rss-cmd-${rows.length}`);
  for (let i = 0; i < 5; i++) {
    await run(baseline.args, { rssFile: rssBase });
    const { args, opts } = bar.make();
    await run(args, { ...opts, rssFile: rssCmd });
  }
  const read = (f) => readFileSync(f, 'utf8').trim().split('\n').map(Number);
  const memRatio = Math.max(...read(rssCmd)) / Math.max(...read(rssBase));
  worstMemory = Math.max(worstMemory, memRatio);
  const ratio = median(cmd) / median(base);
  rows.push({ bar: bar.name, ms: median(cmd), base: median(base), ratio, goal: bar.goal, mem: memRatio });
}
for (const r of rows) {
  const ok = r.ratio <= r.goal ? 'ok' : 'OVER';
  console.log(`${r.bar.padEnd(42)} ${r.ms.toFixed(1).padStart(7)} ms vs node -e 0 ${r.base.toFixed(1).padStart(6)} ms  ratio ${r.ratio.toFixed(2)}x  goal <= ${r.goal}x  ${ok}  (peak memory ${r.mem.toFixed(2)}x)`);
}
console.log(`${'peak memory, worst command'.padEnd(42)} ratio ${worstMemory.toFixed(2)}x  goal <= 2x  ${worstMemory <= 2 ? 'ok' : 'OVER'}`);

await server.close();
rmSync(work, { recursive: true, force: true });
