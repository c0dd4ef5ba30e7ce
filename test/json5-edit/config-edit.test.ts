import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import json5 from 'json5';
import { ConfigEditError, applyEdits, applyEditsToValue, parseConfigText, parseData } from '../../src/json5-edit/index.js';
import type { EditOp } from '../../src/json5-edit/index.js';
import { MAX_DEPTH, parseDocument } from '../../src/json5-edit/parse.js';
import { applySplices, planInsert } from '../../src/json5-edit/splice.js';
import { detectStyle } from '../../src/json5-edit/style.js';

const FIXTURES = new URL('../fixtures/configs/', import.meta.url);
// Set to regenerate the expected files; then read every diff before committing them.
const UPDATE = process.env.UPDATE_CONFIG_GOLDEN === '1';

const VENICE_MODEL = {
  id: 'llama-3.3-70b',
  name: 'Llama 3.3 70B',
  reasoning: false,
  input: ['text'],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 131072,
  maxTokens: 4096,
};
const SET_KEY: EditOp = { op: 'set', path: ['env', 'VENICE_API_KEY'], value: 'vapi_test_0123456789abcdef' };
const SET_PRIMARY: EditOp = { op: 'set', path: ['agents', 'defaults', 'model', 'primary'], value: 'venice/llama-3.3-70b' };
const SET_PROVIDER: EditOp[] = [
  { op: 'set', path: ['models', 'mode'], value: 'merge' },
  { op: 'set', path: ['models', 'providers', 'venice', 'baseUrl'], value: 'https://api.venice.ai/api/v1' },
  { op: 'set', path: ['models', 'providers', 'venice', 'apiKey'], value: '${VENICE_API_KEY}' },
  { op: 'set', path: ['models', 'providers', 'venice', 'api'], value: 'openai-completions' },
];
const APPEND_MODEL: EditOp = { op: 'append', path: ['models', 'providers', 'venice', 'models'], values: [VENICE_MODEL] };
const ALLOWLIST: EditOp = {
  op: 'set',
  path: ['agents', 'defaults', 'models', 'venice/llama-3.3-70b'],
  value: { alias: 'Llama 3.3 70B' },
};
const REALISTIC: EditOp[] = [SET_KEY, SET_PRIMARY, ...SET_PROVIDER, APPEND_MODEL];

const GOLDEN: Record<string, EditOp[]> = {
  commented: [...REALISTIC, ALLOWLIST],
  'crlf-bom': [...REALISTIC, ALLOWLIST],
  tabs: REALISTIC,
  'existing-venice': REALISTIC,
  'string-model': [
    SET_KEY,
    { op: 'set', path: ['agents', 'defaults', 'model'], value: { primary: 'venice/llama-3.3-70b' } },
    ALLOWLIST,
    ...SET_PROVIDER,
    APPEND_MODEL,
  ],
  empty: [...REALISTIC, ALLOWLIST],
  template: REALISTIC,
  // A copy of templates/openclaw.json5, what a new user starts from.
  'openclaw-template': REALISTIC,
  'one-line': REALISTIC,
  // Two top-level `tools` keys, far from every edited path: edited, both copies left as they are.
  'duplicate-tools': REALISTIC,
};

function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

describe('applyEdits golden files', () => {
  for (const [name, ops] of Object.entries(GOLDEN)) {
    it(`${name}: matches ${name}.expected.json5 byte for byte`, () => {
      const input = readFixture(`${name}.input.json5`);
      const output = applyEdits(input, ops);
      if (UPDATE) writeFileSync(new URL(`${name}.expected.json5`, FIXTURES), output);
      expect(output).toBe(readFixture(`${name}.expected.json5`));
      expect(json5.parse(output)).toEqual(applyEditsToValue(parseConfigText(input), ops));
    });

    it(`${name}: running the set ops again on the result changes nothing`, () => {
      const expected = readFixture(`${name}.expected.json5`);
      const setOps = ops.filter((op) => op.op === 'set');
      expect(applyEdits(expected, setOps)).toBe(expected);
      // An empty append to an existing array is a no-op too.
      expect(applyEdits(expected, [{ ...APPEND_MODEL, values: [] }])).toBe(expected);
    });
  }

  it('keeps the BOM and CRLF line endings', () => {
    const output = readFixture('crlf-bom.expected.json5');
    expect(output.startsWith('\uFEFF{\r\n')).toBe(true);
    expect(output.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

/** Calls fn, expecting a ConfigEditError, and returns it. */
function catchEditError(fn: () => unknown): ConfigEditError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigEditError);
    return error as ConfigEditError;
  }
  throw new Error('expected a ConfigEditError');
}

describe('parseConfigText and applyEdits errors', () => {
  it('reports the line and column of invalid JSON5', () => {
    const error = catchEditError(() => parseConfigText('{\n  a: 1,\n  b: }\n'));
    expect(error.code).toBe('parse');
    expect([error.line, error.column]).toEqual([3, 6]);
    expect(error.message).toBe('Invalid JSON5 at line 3, column 6: unexpected "}"');
  });

  it('reports unexpected end of input and line breaks inside strings', () => {
    expect(catchEditError(() => parseConfigText('{\n  a: 1,\n')).message).toBe(
      'Invalid JSON5 at line 3, column 1: unexpected end of input',
    );
    expect(catchEditError(() => parseConfigText('{\n  a: "x\ny"\n}')).message).toBe(
      'Invalid JSON5 at line 2, column 8: unexpected line break',
    );
  });

  it('counts lines after a BOM like an editor does', () => {
    const error = catchEditError(() => applyEdits('\uFEFF{ a: 1 b: 2 }', [SET_KEY]));
    expect(error.message).toBe('Invalid JSON5 at line 1, column 8: unexpected "b"');
  });

  it('refuses a root that is not an object', () => {
    expect(catchEditError(() => parseConfigText('[1, 2]')).message).toBe(
      'The config must be a JSON5 object at the top level, found an array',
    );
    const error = catchEditError(() => applyEdits('// nothing\n"text"\n', [SET_KEY]));
    expect([error.code, error.message]).toEqual(['not-object', 'The config must be a JSON5 object at the top level, found a string']);
  });

  it('reads duplicate keys as json5 does (the last one counts) and lists each with its lines', () => {
    const parsed = parseData('{\n  a: 1,\n  "a": 2,\n  b: { c: [{ id: 1, id: 2 }] },\n  a: 3\n}');
    expect(parsed.data).toEqual({ a: 3, b: { c: [{ id: 2 }] } });
    expect(parsed.duplicates).toEqual([
      { path: ['a'], lines: [2, 3, 5] },
      { path: ['b', 'c', '0', 'id'], lines: [4, 4] },
    ]);
  });

  it('refuses paths through non-objects and appends to non-arrays', () => {
    const text = '{ models: { providers: [] } }';
    const error = catchEditError(() => applyEdits(text, SET_PROVIDER));
    expect([error.code, error.path, error.message]).toEqual([
      'wrong-type',
      'models.providers',
      'models.providers is an array, expected an object',
    ]);
    expect(catchEditError(() => applyEdits('{ models: "none" }', [APPEND_MODEL])).message).toBe(
      'models is a string, expected an object',
    );
    const append = catchEditError(() => applyEdits('{ models: { providers: { venice: { models: {} } } } }', [APPEND_MODEL]));
    expect(append.message).toBe('models.providers.venice.models is an object, expected an array');
    expect(catchEditError(() => applyEditsToValue({ env: null }, [SET_KEY])).message).toBe('env is null, expected an object');
    // Arrays are entered by the index of an existing element only.
    const outOfRange = catchEditError(() => applyEdits('{ list: [{ id: 1 }] }', [{ op: 'set', path: ['list', '1', 'id'], value: 2 }]));
    expect([outOfRange.code, outOfRange.message]).toEqual(['wrong-type', 'list is an array, expected an object']);
  });

  it('refuses to edit through an object that uses $include', () => {
    const root = catchEditError(() => applyEdits('{ $include: "./base.json5" }', [SET_KEY]));
    expect([root.code, root.path, root.message]).toEqual([
      'include',
      '',
      'Cannot edit the config root: it uses $include (OpenClaw reads its value from other files), so edit it by hand',
    ]);
    const models = catchEditError(() => applyEdits('{ models: { $include: "./models.json5" } }', [SET_KEY, ...SET_PROVIDER]));
    expect([models.code, models.path, models.message]).toEqual([
      'include',
      'models',
      'Cannot edit models: it uses $include (OpenClaw reads its value from other files), so edit it by hand',
    ]);
    // Objects off the edited paths may use $include.
    const text = '{ channels: { $include: "./channels.json5" } }';
    expect(applyEdits(text, [SET_KEY])).toBe('{ channels: { $include: "./channels.json5" }, env: { VENICE_API_KEY: "vapi_test_0123456789abcdef" } }');
  });
});

const SHORT_MODEL = { id: 'x', name: 'X' };
// [what, input, ops, exact output]
const DETAILS: [string, string, EditOp[], string][] = [
  ['quotes keys that are not identifiers; keeps ${VAR} strings verbatim', '{\n  a: 1,\n}\n',
    [{ op: 'set', path: ['auth', 'profiles', 'venice:default'], value: { provider: 'venice', apiKey: '${VENICE_API_KEY}' } }],
    '{\n  a: 1,\n  auth: {\n    profiles: {\n      "venice:default": {\n        provider: "venice",\n        apiKey: "${VENICE_API_KEY}",\n      },\n    },\n  },\n}\n'],
  ['reads keys and strings croct rejects (reserved words, \\x escapes, raw tabs)', "{\n  default: true,\n  null: 'x\\x41',\n  tab: 'a\tb',\n}\n",
    [{ op: 'set', path: ['null'], value: 'y' }, SET_KEY],
    "{\n  default: true,\n  null: 'y',\n  tab: 'a\tb',\n  env: {\n    VENICE_API_KEY: 'vapi_test_0123456789abcdef',\n  },\n}\n"],
  ['maps positions past astral characters', '{\n  "😀": "🎉",\n  env: {},\n}', [SET_KEY],
    '{\n  "😀": "🎉",\n  env: {\n    VENICE_API_KEY: "vapi_test_0123456789abcdef",\n  },\n}'],
  ['adds a comma before a comment on the last line', '{\n  a: 1 // note\n}', [{ op: 'set', path: ['b'], value: 2 }],
    '{\n  a: 1, // note\n  b: 2\n}'],
  ['breaks the line when the closing brace shares it', '{\n  a: 1 }', [{ op: 'set', path: ['b'], value: { c: 1 } }],
    '{\n  a: 1,\n  b: {\n    c: 1\n  }\n}'],
  ['appends a short element as one more one-line row', '{\n  models: [\n    { id: "a", name: "A" },\n  ],\n}',
    [{ op: 'append', path: ['models'], values: [SHORT_MODEL] }],
    '{\n  models: [\n    { id: "a", name: "A" },\n    { id: "x", name: "X" },\n  ],\n}'],
  ['keeps one-line arrays on one line, tight or spaced', '{\n  list: [1, 2],\n  tight: [1,2],\n  none: [ /* empty */ ],\n}',
    [{ op: 'append', path: ['list'], values: [3] }, { op: 'append', path: ['tight'], values: [3] }, { op: 'append', path: ['none'], values: ['text'] }],
    '{\n  list: [1, 2, 3],\n  tight: [1,2,3],\n  none: [ /* empty */ "text" ],\n}'],
  ['creates lists of scalars on one line and lists of objects over several', '{\n  a: [],\n  b: [],\n}',
    [{ op: 'append', path: ['a'], values: ['text', 'image'] }, { op: 'append', path: ['b'], values: [SHORT_MODEL] }],
    '{\n  a: ["text", "image"],\n  b: [\n    {\n      id: "x",\n      name: "X",\n    },\n  ],\n}'],
  ['edits inside an object set to a superset, keeping its comments', '{\n  v: {\n    // my key\n    apiKey: "old", // old\n    on: true,\n  },\n}',
    [{ op: 'set', path: ['v'], value: { apiKey: 'new', on: true, baseUrl: 'u' } }],
    '{\n  v: {\n    // my key\n    apiKey: "new", // old\n    on: true,\n    baseUrl: "u",\n  },\n}'],
  ['drops the keys a set no longer has, in place', '{\n  model: { primary: "a", fallbacks: ["b"] }, // was\n}',
    [{ op: 'set', path: ['model'], value: { primary: 'venice/llama-3.3-70b' } }],
    '{\n  model: { primary: "venice/llama-3.3-70b" }, // was\n}'],
  ['sets an array element by index, keeping the other elements and comments',
    "{\n  models: [\n    { id: 'a', name: 'A' }, // mine\n    { id: 'b', name: 'old' },\n  ],\n}",
    [{ op: 'set', path: ['models', '1'], value: { id: 'b', name: 'New', input: ['text'] } }],
    "{\n  models: [\n    { id: 'a', name: 'A' }, // mine\n    { id: 'b', name: 'New', input: ['text'] },\n  ],\n}"],
  ['deletes a line, keeping the comments around it and the one on its line', "{\n  env: {\n    // keys\n    A: 'x',\n    VENICE_API_KEY: 'k', // old\n  },\n}",
    [{ op: 'delete', path: ['env', 'VENICE_API_KEY'] }], "{\n  env: {\n    // keys\n    A: 'x',\n    // old\n  },\n}"],
  ['deletes a last entry without a comma, keeping its line comment and dropping the comma before it', '{\n  "a": 1,\n  "b": 2 /* two */ // set by hand\n}',
    [{ op: 'delete', path: ['b'] }], '{\n  "a": 1\n  /* two */ // set by hand\n}'],
  ['moves a key into a new object, its line comment staying where it was', '{\n  env: {\n    // the key\n    VENICE_API_KEY: "k", // since January\n  },\n}',
    [{ op: 'delete', path: ['env', 'VENICE_API_KEY'] }, { op: 'set', path: ['env', 'vars', 'VENICE_API_KEY'], value: 'k' }],
    '{\n  env: {\n    // the key\n    // since January\n    vars: {\n      VENICE_API_KEY: "k",\n    },\n  },\n}'],
  ['deletes the last entry with the comma before it, and an only entry down to {}', '{\n  "a": 1,\n  "b": 2,\n  "c": { "d": 1 }\n}',
    [{ op: 'delete', path: ['b'] }, { op: 'delete', path: ['c', 'd'] }, { op: 'delete', path: ['missing', 'x'] }], '{\n  "a": 1,\n  "c": {}\n}'],
  ['deletes inside one-line objects', '{ a: { x: 1, /* c */ y: 2 }, b: { x: 1, /* c */ y: 2 } }',
    [{ op: 'delete', path: ['a', 'x'] }, { op: 'delete', path: ['b', 'y'] }], '{ a: { /* c */ y: 2 }, b: { x: 1 /* c */ } }'],
  ['writes a readable block into an empty root', '  {   }  ', [{ op: 'set', path: ['a', 'b'], value: 1 }],
    '  {\n    "a": {\n      "b": 1\n    }\n  }  '],
];

describe('applyEdits details', () => {
  for (const [what, input, ops, output] of DETAILS) {
    it(what, () => {
      expect(applyEdits(input, ops)).toBe(output);
    });
  }

  it('returns the identical string when the ops change nothing in total', () => {
    const text = "{ env: { VENICE_API_KEY: 'vapi_test_0123456789abcdef' }, n: 1.0, m: { a: 1 } } // done";
    expect(applyEdits(text, [SET_KEY])).toBe(text);
    expect(applyEdits(text, [{ op: 'set', path: ['n'], value: 1 }])).toBe(text);
    expect(applyEdits(text, [{ op: 'set', path: ['m'], value: {} }, { op: 'set', path: ['m', 'a'], value: 1 }])).toBe(text);
  });

  it('applyEditsToValue appends, creates and never mutates its input', () => {
    const input = { models: { providers: { venice: { models: [{ id: 'mine' }] } } } };
    const snapshot = structuredClone(input);
    const output = applyEditsToValue(input, [APPEND_MODEL, { op: 'append', path: ['list'], values: [] }, SET_KEY]);
    expect(output).toEqual({
      models: { providers: { venice: { models: [{ id: 'mine' }, VENICE_MODEL] } } },
      list: [],
      env: { VENICE_API_KEY: 'vapi_test_0123456789abcdef' },
    });
    expect(input).toEqual(snapshot);
  });
});

describe('duplicate keys: refused on, above or below an edited path, left alone elsewhere', () => {
  const DUPLICATED_MODELS = '{\n  models: { mode: "merge" },\n  agents: {},\n  models: { providers: {} },\n}\n';

  it.each<[string, string, EditOp[], string]>([
    ['on it', '{\n  models: {\n    mode: "merge",\n    mode: "replace",\n  },\n}\n', [SET_PROVIDER[0]!], 'the key models.mode appears twice (lines 3 and 4)'],
    ['above it', DUPLICATED_MODELS, [SET_PROVIDER[1]!], 'the key models appears twice (lines 2 and 4)'],
    ['below it', '{ models: { providers: { venice: { models: [{ id: "a", id: "b" }] } } } }', [APPEND_MODEL], 'the key models.providers.venice.models.0.id appears twice (line 1)'],
    ['three times, on it', '{ env: {},\n env: {},\n env: { vars: {} } }', [SET_KEY], 'the key env appears 3 times (lines 1, 2 and 3)'],
    ['even when the edit changes nothing there', DUPLICATED_MODELS, [{ op: 'set', path: ['models', 'providers'], value: {} }], 'the key models appears twice (lines 2 and 4)'],
  ])('%s: refused, naming the key and its lines', (_case, input, ops, start) => {
    const error = catchEditError(() => applyEdits(input, ops));
    expect(error.code).toBe('duplicate-key');
    expect(error.message).toBe(`${start}, on a path this edit changes: OpenClaw reads only the last one, so it is unclear which one to change`);
  });

  it('elsewhere: edited around them, every copy byte for byte as it was', () => {
    const input = '{\n  // first\n  tools: { profile: "coding" },\n  agents: { defaults: { model: { primary: "x/y" } } },\n  tools: { web: {} }, // second\n}\n';
    expect(applyEdits(input, [SET_PRIMARY])).toBe(
      '{\n  // first\n  tools: { profile: "coding" },\n  agents: { defaults: { model: { primary: "venice/llama-3.3-70b" } } },\n  tools: { web: {} }, // second\n}\n',
    );
  });

  it('in an object an edit goes through: a removal there leaves the earlier copy whole (json5 reads only the later one)', () => {
    const input = '{\n  env: {\n    VENICE_API_KEY: "old",\n    shell: { a: 1, b: 2 },\n    shell: { a: 1 },\n  },\n}\n';
    expect(applyEdits(input, [{ op: 'delete', path: ['env', 'VENICE_API_KEY'] }])).toBe('{\n  env: {\n    shell: { a: 1, b: 2 },\n    shell: { a: 1 },\n  },\n}\n');
  });

  it('the duplicate-tools golden file keeps both tools blocks, comments included', () => {
    const input = readFixture('duplicate-tools.input.json5');
    const output = readFixture('duplicate-tools.expected.json5');
    for (const block of ['  // Tools: what the agent may run\n  tools: {\n    profile: "coding",\n    deny: ["browser"],\n  },\n', '  /* Tools again (the web search part of the example) */\n  tools: {\n    web: { search: { enabled: true, maxResults: 5 } },\n  },\n']) {
      expect(input).toContain(block);
      expect(output).toContain(block);
    }
  });
});

describe('size: width unlimited, depth up to MAX_DEPTH', () => {
  // A hand-written shape (comment, bare keys, trailing commas) around a generated allowlist.
  const allowlist = (n: number) => Array.from({ length: n }, (_, i) => `        "tg:${1_000_000_000 + i}",\n`).join('');
  const wide = (n: number) => `// a busy bot\n{\n  agents: { defaults: { model: { primary: "x/y" } } },\n  channels: {\n    telegram: {\n      /* who may talk to it */\n      allowFrom: [\n${allowlist(n)}      ],\n    },\n  },\n}\n`;

  it('a 200,000-entry array: an entry appended to it, and a sibling edited, every other byte kept', () => {
    const input = wide(200_000);
    const appended = applyEdits(input, [{ op: 'append', path: ['channels', 'telegram', 'allowFrom'], values: ['tg:42'] }]);
    expect(appended).toBe(input.replace('"tg:1000199999",\n', '"tg:1000199999",\n        "tg:42",\n'));
    const edited = applyEdits(input, [SET_PRIMARY]);
    expect(edited).toBe(input.replace('"x/y"', '"venice/llama-3.3-70b"'));
  });

  const nested = (depth: number) => `{\n  deep: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)},\n  agents: { defaults: { model: { primary: "x/y" } } },\n}\n`;

  it(`${MAX_DEPTH} levels of nesting are edited like any file`, () => {
    const input = nested(MAX_DEPTH);
    expect(applyEdits(input, [SET_PRIMARY])).toBe(input.replace('"x/y"', '"venice/llama-3.3-70b"'));
  });

  it('one level more is refused with its line, rather than a stack overflow, however deep', () => {
    for (const depth of [MAX_DEPTH + 1, 100_000]) {
      const error = catchEditError(() => applyEdits(nested(depth), [SET_PRIMARY]));
      expect([error.code, error.line, error.message]).toEqual(['too-deep', 2, `Nested ${depth} levels deep at line 2: the editor supports up to 1000 levels of objects and arrays`]);
    }
  });
});

describe('planInsert: the guard that keeps edited text free of duplicate keys', () => {
  // The final check re-parses the edited text without scanning it for duplicates; this guard is why.
  const ctx = (body: string) => {
    const doc = parseDocument(body);
    return { ctx: { body, style: detectStyle(body, doc.root), multilineDocument: true }, root: doc.root };
  };

  it('refuses to add a key the object already has, naming it', () => {
    const { ctx: c, root } = ctx('{\n  a: 1,\n  "b c": 2,\n}\n');
    expect(() => planInsert(c, root, [{ key: 'z', value: 0 }, { key: 'b c', value: 3 }])).toThrow(
      new ConfigEditError('mismatch', 'Internal check failed (key "b c" would be written twice); nothing was written'),
    );
    expect(() => planInsert(c, root, [{ value: 3 }])).toThrow(ConfigEditError);
  });

  it('adds new keys', () => {
    const { ctx: c, root } = ctx('{\n  a: 1,\n}\n');
    const splices = planInsert(c, root, [{ key: 'b', value: 2 }]);
    expect(applySplices(c.body, splices)).toBe('{\n  a: 1,\n  b: 2,\n}\n');
  });
});

describe('applyEdits with a parse the caller already has', () => {
  it('gives the same text as parsing again, and refuses a parse of other text', () => {
    const text = '// c\n{\n  a: 1,\n}\n';
    const ops: EditOp[] = [{ op: 'set', path: ['b'], value: 2 }];
    expect(applyEdits(text, ops, parseData(text))).toBe(applyEdits(text, ops));
    expect(applyEdits(`\uFEFF${text}`, ops, parseData(`\uFEFF${text}`))).toBe(`\uFEFF${applyEdits(text, ops)}`);
    expect(() => applyEdits(text, ops, parseData('{ a: 1 }'))).toThrow('applyEdits: the parsed document given is not this text');
    expect(() => applyEdits(`\uFEFF${text}`, ops, parseData(text))).toThrow('applyEdits: the parsed document given is not this text');
  });
});
