// Preloaded with --require by test/e2e/launcher.e2e.test.ts: at exit, writes to $RECORD_MODULES_TO
// the Node built-ins and the files this run loaded beyond those of a bare start.
const { writeFileSync } = require('node:fs');
const before = new Set(process.moduleLoadList);
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  const files = Object.keys(require.cache).filter((f) => f !== __filename);
  writeFileSync(process.env.RECORD_MODULES_TO, JSON.stringify({ builtins, files }));
});
