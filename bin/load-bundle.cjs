'use strict';
// Loads a CommonJS bundle of dist/ through V8's code cache: the build runs the CLI once and saves
// the compiled code next to the bundle (`<bundle>.v8cache`), so a start skips most parsing and
// compiling. Node 20 has no built-in compile cache for modules (module.enableCompileCache is
// Node 22.1+), hence vm.Script. V8 accepts the cache only from the same V8 version and flags
// and for the same source; otherwise it rejects it and the bundle compiles as usual.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

// The bundle runs as a CommonJS module would: its own require, module and paths.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';

/**
 * @param {string} file absolute path of the bundle
 * @param {string} [cacheFile] its code cache (default: `<file>.v8cache`)
 * @returns {{ exports: Record<string, unknown>, script: import('node:vm').Script, cacheAccepted: boolean }}
 */
function loadBundle(file, cacheFile = `${file}.v8cache`) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache (a development build or a removed file): compile as usual
  }
  const script = new Script(`${WRAPPER_HEAD}${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, cacheAccepted: cachedData !== undefined && !script.cachedDataRejected };
}

module.exports = { loadBundle };
