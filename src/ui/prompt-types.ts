/**
 * The questions the interactive flow can ask. Implemented with @inquirer/prompts in
 * `prompts.ts` (the only importer of it), and by scripted fakes in tests. Every method
 * rejects with the cancel `CliError` (exit 130) on Ctrl+C.
 */
export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  disabled?: boolean | string;
}

export interface ChoiceGroup<T> {
  title: string;
  choices: Choice<T>[];
}

export interface Prompts {
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /** A masked input; `validate` returns true or the message to show. */
  password(message: string, validate: (value: string) => true | string): Promise<string>;
  select<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>;
  /** A searchable pick among groups (the model picker). */
  search<T>(message: string, groups: ChoiceGroup<T>[], defaultValue?: T): Promise<T>;
}
