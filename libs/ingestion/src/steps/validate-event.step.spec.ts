import { aReceived } from '@dvc/testing';
import { eventIdOf, validateEvent } from './validate-event.step';

describe('validateEvent step', () => {
  it('passes a valid event through, stripped of unknown fields', () => {
    const result = validateEvent({ ...aReceived('HS-1', 'online'), phone: '0900000000' });
    expect(result.kind).toBe('ok');
    expect(result.kind === 'ok' && 'phone' in result.value).toBe(false);
  });

  it('dead-letters with one readable line per problem', () => {
    const result = validateEvent({ ...aReceived('HS-1', 'online'), channel: 'fax', dueAt: 'tomorrow' });
    expect(result).toMatchObject({ kind: 'dead_letter', step: 'validate', reason: 'schema_violation' });
    const errors = result.kind === 'dead_letter' ? result.errors : [];
    expect(errors).toHaveLength(2);
    expect(errors.some((line) => line.startsWith('channel:'))).toBe(true);
    expect(errors.some((line) => line.startsWith('dueAt:'))).toBe(true);
  });

  it('names a non-object event as a whole', () => {
    expect(validateEvent(42)).toMatchObject({
      kind: 'dead_letter',
      errors: [expect.stringMatching(/^\(event\):/)],
    });
  });

  it('finds the eventId of an invalid event when it has one', () => {
    expect(eventIdOf({ eventId: 'e-1', type: 'nonsense' })).toBe('e-1');
    expect(eventIdOf({ eventId: 7 })).toBeNull();
    expect(eventIdOf('text')).toBeNull();
  });
});
