import { confirm, password, search, select, Separator } from '@inquirer/prompts';
import { cancelledError } from '../errors.js';
import type { Choice, ChoiceGroup, Prompts } from './prompt-types.js';

/**
 * The only importer of @inquirer/prompts (STYLE §6), and the only place Ctrl+C becomes our
 * cancel error (exit 130). Prompts talk on stderr so that stdout stays data.
 */
const context = { output: process.stderr, clearPromptOnDone: false };

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw cancelledError();
    throw error;
  }
}

function matches<T>(choice: Choice<T>, term: string): boolean {
  const text = `${choice.name} ${choice.description ?? ''}`.toLowerCase();
  return term
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

export function createPrompts(): Prompts {
  return {
    confirm: (message, defaultValue) => guard(() => confirm({ message, default: defaultValue }, context)),
    password: (message, validate) => guard(() => password({ message, mask: '*', toggleMask: false, validate }, context)),
    select: <T>(message: string, choices: Choice<T>[], defaultValue?: T) =>
      guard(() => select<T>({ message, choices, default: defaultValue, pageSize: 12 }, context)),
    search: <T>(message: string, groups: ChoiceGroup<T>[], defaultValue?: T) =>
      guard(() =>
        search<T>(
          {
            message,
            pageSize: 14,
            default: defaultValue,
            source: (term) =>
              groups.flatMap((g) => {
                const hits = term ? g.choices.filter((c) => matches(c, term)) : g.choices;
                return hits.length === 0 ? [] : [new Separator(`── ${g.title} ──`), ...hits];
              }),
          },
          context,
        ),
      ),
  };
}
