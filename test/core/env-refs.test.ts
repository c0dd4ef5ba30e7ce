import { describe, expect, it } from 'vitest';
import { envBlockRefs, envBlockVars, findEnvRefs, substituteEnvRefs } from '../../src/core/env-refs.js';

/** `${VAR}` as OpenClaw reads it: upper-case names only, `$${VAR}` escaped, unset or empty refused (SPEC §1.2 config.env-refs). */

const sorted = (set: Set<string>) => [...set].sort();

describe('findEnvRefs', () => {
  it('finds references in nested objects and arrays, once each', () => {
    const venice = {
      baseUrl: 'https://${VENICE_HOST}/api/v1',
      apiKey: '${VENICE_API_KEY}',
      headers: { 'X-Org': 'org-${ORG_ID}', 'X-Both': '${ORG_ID}:${TEAM_2}' },
      models: [{ id: 'a', name: '${MODEL_NAME}' }, ['${DEEP_IN_ARRAY}'], 42, null, true],
    };
    expect(sorted(findEnvRefs(venice))).toEqual(['DEEP_IN_ARRAY', 'MODEL_NAME', 'ORG_ID', 'TEAM_2', 'VENICE_API_KEY', 'VENICE_HOST']);
  });

  it('accepts a leading underscore and digits after the first character', () => {
    expect(sorted(findEnvRefs(['${_X}', '${A1_B2}', '${1A}']))).toEqual(['A1_B2', '_X']);
  });

  it('ignores $${VAR}, the escaped literal', () => {
    expect(sorted(findEnvRefs({ a: '$${ESCAPED}', b: 'x $${ALSO} y ${REAL}' }))).toEqual(['REAL']);
  });

  it('ignores lower-case and mixed-case names, as OpenClaw does', () => {
    expect(sorted(findEnvRefs(['${lower}', '${Mixed}', '${UPPEr}', '${OK}']))).toEqual(['OK']);
  });

  it('ignores what is not a complete reference', () => {
    expect(sorted(findEnvRefs(['$VAR', '${VAR', '{VAR}', '${}', '${ SPACED }', '${A-B}']))).toEqual([]);
  });

  it('does not look at object keys, only values', () => {
    expect(sorted(findEnvRefs({ '${KEY_NAME}': 'plain' }))).toEqual([]);
  });

  it('adds to the set it is given', () => {
    const out = new Set(['FIRST']);
    expect(findEnvRefs('${SECOND}', out)).toBe(out);
    expect(sorted(out)).toEqual(['FIRST', 'SECOND']);
  });

  it.each([[null], [undefined], [3], [false], ['no refs here']])('finds nothing in %j', (value) => {
    expect(findEnvRefs(value).size).toBe(0);
  });
});

describe('substituteEnvRefs', () => {
  it('replaces every reference', () => {
    expect(substituteEnvRefs('https://${HOST}/v1?k=${KEY}&again=${HOST}', { HOST: 'h.example', KEY: 'k1' })).toBe('https://h.example/v1?k=k1&again=h.example');
  });

  it('turns $${VAR} into the literal ${VAR} without needing the variable', () => {
    expect(substituteEnvRefs('$${VENICE_API_KEY}', {})).toBe('${VENICE_API_KEY}');
    expect(substituteEnvRefs('a $${X} b ${Y}', { X: 'no', Y: 'yes' })).toBe('a ${X} b yes');
  });

  it('leaves lower-case names and incomplete references as they are', () => {
    expect(substituteEnvRefs('${lower} ${VAR', { lower: 'x', VAR: 'y' })).toBe('${lower} ${VAR');
  });

  it.each([
    ['missing', {}],
    ['undefined', { KEY: undefined }],
    ['empty', { KEY: '' }],
  ])('a %s variable makes the whole value undefined', (_name, vars) => {
    expect(substituteEnvRefs('${KEY}', vars)).toBeUndefined();
    expect(substituteEnvRefs('prefix-${OK}-${KEY}', { ...vars, OK: 'fine' })).toBeUndefined();
  });

  it('a text without references comes back unchanged', () => {
    expect(substituteEnvRefs('vapi_0123456789abcdefghijklmnopqrst', {})).toBe('vapi_0123456789abcdefghijklmnopqrst');
  });
});

describe('envBlockVars', () => {
  it('takes the top-level strings and the strings of env.vars', () => {
    const env = { VENICE_API_KEY: 'k', OTHER: 'o', vars: { GROQ_API_KEY: 'g', NUM: 3 }, shellEnv: { enabled: true }, FLAG: true, N: 1 };
    expect(envBlockVars(env)).toEqual({ VENICE_API_KEY: 'k', OTHER: 'o', GROQ_API_KEY: 'g' });
  });

  // OpenClaw's collectConfigEnvVars skips values that are empty or only whitespace: they provide nothing.
  it('ignores empty and whitespace-only values, at the top level and in env.vars', () => {
    expect(envBlockVars({ A: '', B: '   ', C: 'c', vars: { D: '', E: ' \t', F: 'f' } })).toEqual({ C: 'c', F: 'f' });
  });

  it.each([[undefined], [null], ['text'], [['A=1']], [42]])('an env block that is not an object provides nothing (%j)', (env) => {
    expect(envBlockVars(env)).toEqual({});
  });

  it('ignores env.vars when it is not an object', () => {
    expect(envBlockVars({ A: 'a', vars: null })).toEqual({ A: 'a' });
  });
});

// OpenClaw's applyConfigEnvVars (2026.3.7 … 2026.9.6) skips a value that holds a reference; 2026.1.29
// set the text "${X}" itself. Either way the variable gets no value of its own.
describe('env block values that hold a ${VAR}', () => {
  it('provide nothing; an escaped $${VAR} is a plain value', () => {
    expect(envBlockVars({ A: '${A}', vars: { B: 'pre-${C}', D: '$${D}', E: 'e' } })).toEqual({ D: '$${D}', E: 'e' });
  });

  it('envBlockRefs names them, and which lead back to themselves, directly or through a cycle', () => {
    expect(envBlockRefs({ SELF: '${SELF}', vars: { A: '${B}', B: 'x-${A}', C: '${OTHER}', D: '$${D}', E: 'plain' } })).toEqual([
      { name: 'SELF', path: 'env.SELF', self: true },
      { name: 'A', path: 'env.vars.A', self: true },
      { name: 'B', path: 'env.vars.B', self: true },
      { name: 'C', path: 'env.vars.C', self: false },
    ]);
  });

  it.each([[undefined], [null], [['${A}']], [{ vars: '${A}' }]])('envBlockRefs finds nothing in %j', (env) => {
    expect(envBlockRefs(env)).toEqual([]);
  });
});
