import { cancelledError } from '../../src/errors.js';
import type { Choice, ChoiceGroup, Prompts } from '../../src/ui/prompt-types.js';
import type { TestHooks } from './temp-home.js';

/**
 * A scripted `Prompts` (src/ui/prompt-types.ts): a queue of the questions a test expects, in
 * order, each with its answer. A question that was not scripted, or of another kind, or whose
 * message does not match, fails the test; so do scripted questions left unasked (`assertDone`).
 *
 *   createFakePrompts([
 *     { confirm: /Use VENICE_API_KEY/, answer: true },
 *     { password: /API key/, answer: ['sk-wrong…', TEST_API_KEY] }, // each one through `validate`
 *     { search: /Default model/, answer: DEFAULT },               // Enter on the pre-selected row
 *     { select: /stored/, answer: 'dotenv' },
 *     { confirm: /Write these changes/, cancel: true },           // Ctrl+C here
 *   ])
 */

/** "Press Enter on what the prompt pre-selected" (confirm/select/search). */
export const DEFAULT: unique symbol = Symbol('DEFAULT');
export type Default = typeof DEFAULT;

export type PromptKind = 'confirm' | 'password' | 'select' | 'search';
type Pattern = RegExp | string;
/** Either an answer, or Ctrl+C (the same cancel CliError that src/ui/prompts.ts throws). */
type Outcome<A> = ({ answer: A; cancel?: never } | { cancel: true; answer?: never }) & {
  /** The user's think time: awaited while the prompt is open, before answering (or Ctrl+C). */
  before?: () => Promise<unknown>;
};

export type Step =
  | ({ confirm: Pattern } & Outcome<boolean | Default>)
  /** One string, or what the user types in turn: each is run through the prompt's validator. */
  | ({ password: Pattern } & Outcome<string | readonly string[]>)
  | ({ select: Pattern } & Outcome<unknown>)
  | ({ search: Pattern } & Outcome<unknown>)
  /** Ctrl+C at whatever the next question is. */
  | { cancel: true };

/** What one question looked like, and what the fake answered. */
export interface Asked {
  kind: PromptKind;
  message: string;
  /** confirm/select/search: the default the prompt was given. */
  default?: unknown;
  /** select: the choices given. */
  choices?: Choice<unknown>[];
  /** search: the groups given. */
  groups?: ChoiceGroup<unknown>[];
  /** password: the messages the validator returned for refused attempts, in order. */
  validationErrors?: string[];
  /** The value returned; absent when cancelled. */
  answer?: unknown;
  cancelled: boolean;
}

export interface FakePrompts extends Prompts {
  /** Every question asked so far, in order. */
  readonly asked: Asked[];
  /** `kind: message` of each question, for exact-order assertions. */
  questions(): string[];
  /** The only question of this kind (fails if there is none or several). */
  only(kind: PromptKind): Asked;
  /** Scripted steps not yet used. */
  readonly remaining: readonly Step[];
  /** Throws when a question went unscripted or scripted steps remain. */
  assertDone(): void;
}

const KINDS: readonly PromptKind[] = ['confirm', 'password', 'select', 'search'];

function stepKind(step: Step): PromptKind | undefined {
  return KINDS.find((k) => k in step);
}

function patternOf(step: Step): Pattern | undefined {
  const kind = stepKind(step);
  return kind === undefined ? undefined : (step as Partial<Record<PromptKind, Pattern>>)[kind];
}

function describeStep(step: Step): string {
  const kind = stepKind(step);
  const pattern = patternOf(step);
  return `${kind ?? 'any prompt'}${pattern === undefined ? '' : ` ${String(pattern)}`}${'cancel' in step && step.cancel ? ' (Ctrl+C)' : ''}`;
}

function matches(pattern: Pattern, message: string): boolean {
  return typeof pattern === 'string' ? pattern === message : pattern.test(message);
}

/** What Enter does on a list: the default when it is a selectable value, else the first selectable row (as inquirer does). */
function enterOn(choices: readonly Choice<unknown>[], defaultValue: unknown): unknown {
  const selectable = choices.filter((c) => !c.disabled);
  const picked = selectable.find((c) => c.value === defaultValue) ?? selectable[0];
  if (picked === undefined) throw new Error('Enter on a list without any selectable choice');
  return picked.value;
}

export function createFakePrompts(script: readonly Step[], hooks?: TestHooks): FakePrompts {
  const queue = [...script];
  const asked: Asked[] = [];
  const failures: string[] = [];

  /** Records a test failure (kept even if the code under test swallows the thrown error). */
  const fail = (text: string): never => {
    failures.push(text);
    throw new Error(`fake prompts: ${text}`);
  };

  /** Takes the next step, checking it is scripted for this question; Ctrl+C if it says so. */
  const next = async (record: Asked): Promise<Step> => {
    asked.push(record);
    const step = queue.shift();
    if (step === undefined) return fail(`unscripted ${record.kind} prompt: "${record.message}"`);
    const kind = stepKind(step);
    if (kind !== undefined && kind !== record.kind) {
      return fail(`expected ${describeStep(step)}, but got a ${record.kind} prompt: "${record.message}"`);
    }
    const pattern = patternOf(step);
    if (pattern !== undefined && !matches(pattern, record.message)) {
      return fail(`expected ${describeStep(step)}, but the ${record.kind} prompt says "${record.message}"`);
    }
    if ('before' in step && step.before) await step.before();
    if ('cancel' in step && step.cancel) {
      record.cancelled = true;
      throw cancelledError();
    }
    return step;
  };
  const answerOf = (step: Step): unknown => (step as { answer: unknown }).answer;

  const fake: FakePrompts = {
    asked,
    get remaining() {
      return [...queue];
    },
    questions: () => asked.map((a) => `${a.kind}: ${a.message}`),
    only: (kind) => {
      const found = asked.filter((a) => a.kind === kind);
      if (found.length !== 1) throw new Error(`expected exactly one ${kind} prompt, got ${found.length}: ${JSON.stringify(fake.questions())}`);
      return found[0] as Asked;
    },
    assertDone: () => {
      const problems = [...failures];
      if (queue.length > 0) problems.push(`scripted but never asked: ${queue.map(describeStep).join('; ')}`);
      if (problems.length > 0) throw new Error(`fake prompts: ${problems.join('\n')}\nasked: ${JSON.stringify(fake.questions(), null, 2)}`);
    },

    confirm: async (message, defaultValue) => {
      const record: Asked = { kind: 'confirm', message, default: defaultValue, cancelled: false };
      const answer = answerOf(await next(record));
      record.answer = answer === DEFAULT ? defaultValue : answer;
      if (typeof record.answer !== 'boolean') fail(`confirm "${message}": the scripted answer is not a boolean`);
      return record.answer as boolean;
    },

    password: async (message, validate) => {
      const record: Asked = { kind: 'password', message, validationErrors: [], cancelled: false };
      const answer = answerOf(await next(record));
      const attempts = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? (answer as string[]) : [];
      if (attempts.length === 0) fail(`password "${message}": script at least one typed value`);
      for (const typed of attempts) {
        const verdict = validate(typed);
        if (verdict === true) {
          record.answer = typed;
          return typed;
        }
        record.validationErrors?.push(verdict);
      }
      // Like a user stuck on the error line: the prompt would never resolve.
      return fail(`password "${message}": the validator refused every scripted value: ${JSON.stringify(record.validationErrors)}`);
    },

    select: async <T>(message: string, choices: Choice<T>[], defaultValue?: T) => {
      const record: Asked = { kind: 'select', message, default: defaultValue, choices: choices as Choice<unknown>[], cancelled: false };
      const answer = answerOf(await next(record));
      const value = answer === DEFAULT ? enterOn(choices, defaultValue) : answer;
      if (!choices.some((c) => c.value === value && !c.disabled)) fail(`select "${message}": ${String(value)} is not a selectable choice`);
      record.answer = value;
      return value as T;
    },

    search: async <T>(message: string, groups: ChoiceGroup<T>[], defaultValue?: T) => {
      const record: Asked = { kind: 'search', message, default: defaultValue, groups: groups as ChoiceGroup<unknown>[], cancelled: false };
      const answer = answerOf(await next(record));
      const all = groups.flatMap((g) => g.choices);
      const value = answer === DEFAULT ? enterOn(all, defaultValue) : answer;
      if (!all.some((c) => c.value === value && !c.disabled)) fail(`search "${message}": ${String(value)} is not a selectable choice`);
      record.answer = value;
      return value as T;
    },
  };
  hooks?.onTestFinished(() => fake.assertDone());
  return fake;
}
