#!/usr/bin/env node
// Thin launcher: refuse old Node.js with a readable message, then hand over to the bundle.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 18)) {
  process.stderr.write(
    `venice-onboard needs Node.js 20.18 or newer (this is ${process.versions.node}).\n` +
      'Hint: install a current LTS from https://nodejs.org and run it again.\n',
  );
  process.exit(1);
}
const { main } = await import('../dist/cli.js');
await main(process.argv);
