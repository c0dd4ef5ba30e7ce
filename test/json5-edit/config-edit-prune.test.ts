import { describe, expect, it } from 'vitest';
import { applyEdits, applyEditsToValue, parseConfigText, type EditOp } from '../../src/json5-edit/index.js';

/**
 * `delete` with `prune` (json5-edit/types.ts): the objects a removal of ours empties go with it;
 * an object the user wrote empty, one that holds their comments, and the root stay.
 */

const KEY_VARS: EditOp = { op: 'delete', path: ['env', 'vars', 'VENICE_API_KEY'], prune: true };
const KEY_LEGACY: EditOp = { op: 'delete', path: ['env', 'VENICE_API_KEY'], prune: true };
const PROFILE: EditOp = { op: 'delete', path: ['auth', 'profiles', 'venice:default'], prune: true };

// [what, input, ops, exact output]
const CASES: [string, string, EditOp[], string][] = [
  [
    "the product page's env (dotenv mode): env goes, the comments above it and on its line stay",
    '{\n  // The key, as the product page says\n  env: { VENICE_API_KEY: "vapi_..." }, // keep private\n  agents: {},\n}\n',
    [KEY_LEGACY],
    '{\n  // The key, as the product page says\n  // keep private\n  agents: {},\n}\n',
  ],
  ['env.vars and then env, both emptied by us', '{\n  env: {\n    vars: {\n      VENICE_API_KEY: "k",\n    },\n  },\n  a: 1,\n}\n', [KEY_VARS], '{\n  a: 1,\n}\n'],
  ['env keeps the other variables the user wrote; only vars goes', '{\n  env: {\n    OTHER: "x",\n    vars: { VENICE_API_KEY: "k" },\n  },\n}\n', [KEY_VARS], '{\n  env: {\n    OTHER: "x",\n  },\n}\n'],
  [
    'an emptied object that holds a comment of the user stays, with the comment',
    '{\n  env: {\n    vars: {\n      // mine\n      VENICE_API_KEY: "k",\n    },\n  },\n}\n',
    [KEY_VARS],
    '{\n  env: {\n    vars: {\n      // mine\n    },\n  },\n}\n',
  ],
  ['a comment beside the emptied object, inside its parent, keeps the parent', '{\n  env: { vars: { VENICE_API_KEY: "b" } /* mine */ },\n}', [KEY_VARS], '{\n  env: {  /* mine */ },\n}'],
  [
    'auth.profiles emptied (leaving the SQLite store): profiles goes, auth keeps what else it holds',
    '{\n  auth: {\n    profiles: {\n      "venice:default": { provider: "venice", mode: "api_key" },\n    },\n    order: {},\n  },\n}\n',
    [PROFILE],
    '{\n  auth: {\n    order: {},\n  },\n}\n',
  ],
  ['two keys of ours in one object: it goes once both are out', '{\n  env: {\n    VENICE_API_KEY: "a",\n    vars: { VENICE_API_KEY: "b" },\n  },\n  x: 1,\n}\n', [KEY_LEGACY, KEY_VARS], '{\n  x: 1,\n}\n'],
  ['another edit puts something back: the object stays', '{ env: { vars: { VENICE_API_KEY: "b" } } }', [KEY_VARS, { op: 'set', path: ['env', 'vars', 'OTHER'], value: 'o' }], '{ env: { vars: { OTHER: "o" } } }'],
  ['an array element is emptied, never removed', '{ list: [ { k: 1 } ] }', [{ op: 'delete', path: ['list', '0', 'k'], prune: true }], '{ list: [ {} ] }'],
  ['the root is never removed', '{ env: { K: 1 } }', [{ op: 'delete', path: ['env', 'K'], prune: true }], '{}'],
];

describe('applyEdits: delete with prune', () => {
  it.each(CASES)('%s', (_what, input, ops, output) => {
    expect(applyEdits(input, ops)).toBe(output);
  });

  it('objects the user wrote empty stay byte-identical, even beside a prune that removes something', () => {
    const text = '{ env: { vars: {} }, auth: { profiles: {} }, x: { y: 1 } }';
    expect(applyEdits(text, [KEY_VARS, PROFILE])).toBe(text);
    expect(applyEdits(text, [KEY_VARS, PROFILE, { op: 'delete', path: ['x', 'y'], prune: true }])).toBe('{ env: { vars: {} }, auth: { profiles: {} } }');
  });

  it('without prune, the emptied objects stay (the plain delete is unchanged)', () => {
    expect(applyEdits('{ env: { vars: { VENICE_API_KEY: "b" } } }', [{ op: 'delete', path: ['env', 'vars', 'VENICE_API_KEY'] }])).toBe('{ env: { vars: {} } }');
  });

  it('on plain data (no comments to see), prune removes the entry only', () => {
    expect(applyEditsToValue(parseConfigText('{ env: { vars: { VENICE_API_KEY: "b" } } }'), [KEY_VARS])).toEqual({ env: { vars: {} } });
  });
});
