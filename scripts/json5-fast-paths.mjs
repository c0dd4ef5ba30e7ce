// Fast paths for json5 2.x, applied when the bundle is built (esbuild plugin below).
//
// Every onboarding re-reads the whole edited config with json5 before writing it (SPEC §5.4); on a
// first setup that is ~46 KB of model entries, and json5 reads it one character at a time through
// `String.fromCodePoint`, a regular expression per token and a string concatenation per character:
// about a third of the run's own time (SPEC §7). These patches keep json5's grammar, results,
// warnings and error messages (line and column included) and change only how fast it walks:
// - `peek` reads ASCII characters from a table instead of calling String.fromCodePoint;
// - runs of spaces and tabs between tokens, and runs of ordinary characters inside strings, are
//   consumed in one step (line and column advance exactly as one read per character would); a
//   string's run starts with the character json5 was about to read, whatever it is, so a line
//   separator json5 warns about is still read;
// - `isSpaceSeparator`, `isDigit` and `isHexDigit` answer single ASCII characters without a
//   regular expression (json5 calls them with one character at a time).
// Each patch must match json5's source exactly once, or the build fails: a json5 upgrade cannot
// silently drop or misplace one. test/core/json5-fast-paths.test.ts compares the patched parser
// with json5 itself, results and errors, on the project's files and on generated documents.
import { readFile } from 'node:fs/promises';

export const JSON5_PATCHES = {
  'parse.js': [
    {
      why: 'ASCII characters from a table rather than String.fromCodePoint',
      find: `function peek () {
    if (source[pos]) {
        return String.fromCodePoint(source.codePointAt(pos))
    }
}`,
      replace: `const ASCII_CHARS = Array.from({length: 128}, (_, code) => String.fromCharCode(code))
const BLANK_RUN = /[ \\t]+/y
const PLAIN_RUN = /[^][^\\\\"'\\n\\r\\u2028\\u2029]*/y

function peek () {
    if (pos < source.length) {
        const code = source.charCodeAt(pos)
        return code < 0x80 ? ASCII_CHARS[code] : String.fromCodePoint(source.codePointAt(pos))
    }
}`,
    },
    {
      why: 'a run of spaces and tabs between tokens in one step',
      find: `    default () {
        switch (c) {`,
      replace: `    default () {
        if (c === ' ' || c === '\\t') {
            BLANK_RUN.lastIndex = pos
            BLANK_RUN.test(source)
            column += BLANK_RUN.lastIndex - pos
            pos = BLANK_RUN.lastIndex
            return
        }

        switch (c) {`,
    },
    {
      why: 'a run of ordinary characters inside a string in one step',
      find: `        case undefined:
            throw invalidChar(read())
        }

        buffer += read()
    },

    start () {`,
      replace: `        case undefined:
            throw invalidChar(read())
        }

        PLAIN_RUN.lastIndex = pos
        PLAIN_RUN.test(source)
        const run = source.slice(pos, PLAIN_RUN.lastIndex)
        buffer += run
        pos += run.length
        column += run.length
    },

    start () {`,
    },
  ],
  'util.js': [
    {
      why: 'no space separator is ASCII',
      find: `return typeof c === 'string' && unicode.Space_Separator.test(c)`,
      replace: `return typeof c === 'string' && !(c.length === 1 && c < '\\u0080') && unicode.Space_Separator.test(c)`,
    },
    {
      why: 'one character compared rather than matched',
      find: `return typeof c === 'string' && /[0-9]/.test(c)`,
      replace: `return typeof c === 'string' && (c.length === 1 ? c >= '0' && c <= '9' : /[0-9]/.test(c))`,
    },
    {
      why: 'one character compared rather than matched',
      find: `return typeof c === 'string' && /[0-9A-Fa-f]/.test(c)`,
      replace: `return typeof c === 'string' && (c.length === 1 ? (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f') : /[0-9A-Fa-f]/.test(c))`,
    },
  ],
};

/** json5's `lib/<name>` source with its patches applied; throws when one does not match exactly once. */
export function patchJson5Source(name, source) {
  let out = source;
  for (const patch of JSON5_PATCHES[name] ?? []) {
    const at = out.indexOf(patch.find);
    if (at < 0 || out.indexOf(patch.find, at + 1) >= 0) {
      throw new Error(`json5 fast path "${patch.why}" does not match json5/lib/${name} exactly once: check the json5 version`);
    }
    out = out.slice(0, at) + patch.replace + out.slice(at + patch.find.length);
  }
  return out;
}

const PATCHED_FILE = /[\\/]node_modules[\\/]json5[\\/]lib[\\/](parse|util)\.js$/;

/**
 * The esbuild plugin: json5's parse.js and util.js, patched. A build that bundles json5 from other
 * files (say, a json5 release that moves them) fails rather than ship it unpatched.
 */
export const json5FastPaths = {
  name: 'json5-fast-paths',
  setup(b) {
    const patched = new Set();
    b.onStart(() => patched.clear());
    b.onLoad({ filter: PATCHED_FILE }, async (args) => {
      const name = `${PATCHED_FILE.exec(args.path)[1]}.js`;
      patched.add(name);
      return { contents: patchJson5Source(name, await readFile(args.path, 'utf8')), loader: 'js' };
    });
    b.onEnd((result) => {
      if (result.errors.length > 0 || patched.size === Object.keys(JSON5_PATCHES).length) return;
      return { errors: [{ text: `json5 was bundled without its fast paths (patched: ${[...patched].join(', ') || 'nothing'})` }] };
    });
  },
};
