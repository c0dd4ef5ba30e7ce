// Editing benchmark (issue: real users' configs): onboarding's edit of a config whose channel
// allowlist has 200,000 entries (~5 MB), phase by phase, and the whole built binary on it. A
// benchmark, not a test: it reports, and never fails on noise. docs/performance.md keeps the numbers.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const entries = Number(process.env.BENCH_ENTRIES ?? 200_000);
const node = process.env.BENCH_NODE ?? process.execPath;
const work = mkdtempSync(join(tmpdir(), 'venice-bench-large-'));

/** Hand-written shape (comments, bare keys, trailing commas) around a generated allowlist. */
export function largeConfig(n) {
  const ids = Array.from({ length: n }, (_, i) => `        "tg:${1_000_000_000 + i}",`).join('\n');
  return `// OpenClaw config of a busy bot\n{\n  agents: {\n    defaults: { workspace: "~/work" }, // where the agent works\n  },\n  channels: {\n    telegram: {\n      enabled: true,\n      /* everyone who may talk to the bot */\n      allowFrom: [\n${ids}\n      ],\n    },\n  },\n}\n`;
}

// The editing path of onboarding, bundled from the sources so that each phase can be timed.
const entry = join(work, 'entry.ts');
writeFileSync(
  entry,
  `export { loadConfig, prepareConfigChange } from ${JSON.stringify(join(root, 'src/changes/config-change.ts'))};
export { planVeniceEdits } from ${JSON.stringify(join(root, 'src/core/plan-venice.ts'))};
export { STATIC_MODELS } from ${JSON.stringify(join(root, 'src/catalog/static-catalog.ts'))};
export { RELEASE_SHAPES } from ${JSON.stringify(join(root, 'src/core/openclaw-releases.ts'))};
`,
);
await build({ entryPoints: [entry], outfile: join(work, 'edit.mjs'), bundle: true, platform: 'node', format: 'esm', logLevel: 'warning', loader: { '.json5': 'text' } });
const { loadConfig, prepareConfigChange, planVeniceEdits, STATIC_MODELS, RELEASE_SHAPES } = await import(join(work, 'edit.mjs'));

const text = largeConfig(entries);
const file = join(work, 'openclaw.json');
writeFileSync(file, text);
const shape = RELEASE_SHAPES[RELEASE_SHAPES.length - 1];
const plan = {
  baseUrl: 'https://api.venice.ai/api/v1',
  model: STATIC_MODELS[0],
  catalog: STATIC_MODELS,
  which: 'all',
  refreshModels: false,
  keyStorage: 'config',
  key: 'vapi_0123456789abcdefghijklmnopqrstuv',
  shape,
  enablePlugin: false,
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Wall time and CPU time (user + system, this process: the garbage collector's threads included).
// On a shared machine the wall time also holds other processes' turns; the least CPU time of the
// runs is the steadiest figure of the work itself.
const clock = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const since = (start) => {
  const cpu = process.cpuUsage(start.cpu);
  return { wall: performance.now() - start.wall, cpu: (cpu.user + cpu.system) / 1000 };
};
const phases = { 'read + decode + parse': [], 'plan + splice': [], 'final check (read back)': [] };
for (let i = 0; i < runs + 1; i++) {
  let t = clock();
  const loaded = await loadConfig(file);
  const read = since(t);
  t = clock();
  const change = await prepareConfigChange(loaded, (config) => planVeniceEdits(config, plan));
  const splice = since(t);
  t = clock();
  change.check();
  const check = since(t);
  if (i === 0) continue; // warm-up
  phases['read + decode + parse'].push(read);
  phases['plan + splice'].push(splice);
  phases['final check (read back)'].push(check);
}
const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`Editing a ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB config with a ${entries.toLocaleString('en')}-entry allowlist: median of ${runs} runs (bundle in this Node, ${process.version})\n`);
const totals = { wall: 0, cpu: 0, least: 0 };
const row = (name, wall, cpu, least) => console.log(`${name.padEnd(26)} ${wall.toFixed(0).padStart(6)} ms wall (median) ${cpu.toFixed(0).padStart(6)} ms CPU (median) ${least.toFixed(0).padStart(6)} ms CPU (least)`);
for (const [name, xs] of Object.entries(phases)) {
  const wall = median(xs.map((x) => x.wall));
  const cpu = median(xs.map((x) => x.cpu));
  const least = Math.min(...xs.map((x) => x.cpu));
  totals.wall += wall;
  totals.cpu += cpu;
  totals.least += least;
  row(name, wall, cpu, least);
}
row('editing, all phases', totals.wall, totals.cpu, totals.least);

// The built binary, end to end (offline, no key check): the whole run, start-up and write included.
const bin = join(root, 'bin', 'venice-onboard.cjs');
const wall = [];
for (let i = 0; i < Math.min(runs, 5); i++) {
  const home = join(work, `home-${i}`);
  mkdirSync(join(home, '.openclaw'), { recursive: true });
  writeFileSync(join(home, '.openclaw', 'openclaw.json'), text);
  const t = performance.now();
  const r = spawnSync(node, [bin, '--non-interactive', '--offline', '--skip-key-check', '--venice-api-key-stdin'], {
    input: `${plan.key}\n`,
    env: { PATH: process.env.PATH, HOME: home, TMPDIR: work, XDG_CACHE_HOME: join(home, '.cache'), NO_COLOR: '1' },
    encoding: 'utf8',
  });
  wall.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`onboarding failed (${r.status}): ${r.stderr}`);
}
console.log(`\nbuilt binary on ${version}, whole onboarding run: ${median(wall).toFixed(0)} ms (median of ${wall.length})`);
rmSync(work, { recursive: true, force: true });
