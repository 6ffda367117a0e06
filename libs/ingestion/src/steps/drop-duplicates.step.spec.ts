import { DossierEventRow } from '../dossier-event.row';
import { createDropDuplicatesStep } from './drop-duplicates.step';

const row = (source: string, eventId: string): DossierEventRow =>
  ({ source, event_id: eventId, dossier_code: `HS-${eventId}` }) as DossierEventRow;

describe('drop-duplicates step', () => {
  it('drops repeats inside the batch, keeping the first', async () => {
    const step = createDropDuplicatesStep(async () => new Set());
    const results = await step([row('a', '1'), row('a', '1'), row('b', '1')]);
    expect(results.map((result) => result.kind)).toEqual(['ok', 'drop', 'ok']);
  });

  it('drops events already stored, and asks storage only about first occurrences', async () => {
    const asked: string[] = [];
    const step = createDropDuplicatesStep(async (keys) => {
      asked.push(...keys.map((key) => `${key.source}/${key.dossierCode}/${key.eventId}`));
      return new Set(['a\u00002']);
    });
    const results = await step([row('a', '1'), row('a', '2'), row('a', '1')]);
    expect(results.map((result) => result.kind)).toEqual(['ok', 'drop', 'drop']);
    expect(asked).toEqual(['a/HS-1/1', 'a/HS-2/2']);
    expect(results[1]).toEqual({ kind: 'drop', step: 'drop-duplicates', reason: 'duplicate' });
  });

  it('does not ask storage about an empty batch', async () => {
    const step = createDropDuplicatesStep(async () => {
      throw new Error('should not be called');
    });
    await expect(step([])).resolves.toEqual([]);
  });
});
