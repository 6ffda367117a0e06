import { DossierEvent, dossierEventSchema } from '@dvc/dossier-events';
import { deadLetter, ok, StepResult } from './step-result';
import { fastValidEvent } from './valid-event.fast-path';

/** Validate: a JSON value against contract v1; unknown fields are stripped here. */
export function validateEvent(value: unknown): StepResult<DossierEvent> {
  const recognised = fastValidEvent(value);
  if (recognised !== undefined) return ok(recognised);
  const result = dossierEventSchema.safeParse(value);
  if (result.success) return ok(result.data);
  return deadLetter(
    'validate',
    'schema_violation',
    result.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`),
  );
}

/** The eventId of a value that may not be a valid event, for error reports. */
export function eventIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { eventId?: unknown }).eventId;
  return typeof id === 'string' ? id : null;
}
