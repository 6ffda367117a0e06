/**
 * What a step makes of one item. Steps never throw to signal an outcome: bad data is a dead letter with its
 * reason, a harmless repeat is a drop. Exceptions are kept for outages (storage down), which callers retry.
 */
export type StepResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'dead_letter'; step: string; reason: string; errors: string[] }
  | { kind: 'drop'; step: string; reason: string };

export const ok = <T>(value: T): StepResult<T> => ({ kind: 'ok', value });
export const deadLetter = <T>(step: string, reason: string, errors: string[]): StepResult<T> => ({
  kind: 'dead_letter',
  step,
  reason,
  errors,
});
export const drop = <T>(step: string, reason: string): StepResult<T> => ({ kind: 'drop', step, reason });
