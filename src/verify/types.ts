export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** The public shape of a check (SPEC §1.2): ids are an interface, keep them stable. */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  message: string;
  hint: string | null;
  durationMs: number;
}

export type CheckOutcome = Omit<CheckResult, 'id' | 'durationMs' | 'hint'> & { hint?: string };

export const pass = (message: string): CheckOutcome => ({ status: 'pass', message });
export const warn = (message: string, hint: string): CheckOutcome => ({ status: 'warn', message, hint });
export const fail = (message: string, hint: string): CheckOutcome => ({ status: 'fail', message, hint });
export const skip = (message: string, hint?: string): CheckOutcome => (hint === undefined ? { status: 'skip', message } : { status: 'skip', message, hint });
