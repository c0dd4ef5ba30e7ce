#!/usr/bin/env node
'use strict';
// Thin launcher: refuse old Node.js with a readable message, then hand over to the bundle.
// CommonJS on purpose: an ES module entry costs Node several milliseconds more to start.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 18)) {
  process.stderr.write(
    `venice-onboard needs Node.js 20.18 or newer (this is ${process.versions.node}).\n` +
      'Hint: install a current LTS from https://nodejs.org and run it again.\n',
  );
  process.exit(1);
}

const dist = join(__dirname, '..', 'dist');
// `--help` and `--version` alone are static: print the text the build generated from the
// command registry, without loading it (start-up time is the product's first impression).
const args = process.argv.slice(2);
if (args.length === 1 && ['-h', '--help', '-V', '--version'].includes(args[0])) {
  try {
    const name = args[0] === '-V' || args[0] === '--version' ? 'version.txt' : 'help.txt';
    process.stdout.write(readFileSync(join(dist, name), 'utf8'));
    process.exit(0);
  } catch {
    // not generated (a partial build): fall through to the full CLI
  }
}
// Node's own compile cache (Node 22.1 and later; absent on 20): kept per user and Node version in
// the temp dir, so nothing built for one V8 ships. Node 20 compiles the bundle as usual.
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function') {
  try {
    enableCompileCache();
  } catch {
    // an unwritable temp dir: run without the cache
  }
}
require(join(dist, 'cli.cjs')).main(process.argv);
