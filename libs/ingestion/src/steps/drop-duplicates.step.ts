import { DossierEventRow } from '../dossier-event.row';
import { EventKey } from '../dossier-event.repository';
import { drop, ok, StepResult } from './step-result';

const keyOf = (row: DossierEventRow) => `${row.source}\0${row.event_id}`;

/**
 * Drop duplicates: repeats inside the batch and events stored before (redelivery, a vendor sending twice).
 * It decides what is reported as a duplicate; storage is idempotent anyway, and the pipeline still writes
 * stored events again so that a write a crash interrupted gets completed.
 */
export function createDropDuplicatesStep(findStored: (keys: EventKey[]) => Promise<Set<string>>) {
  return async function dropDuplicates(
    rows: readonly DossierEventRow[],
  ): Promise<StepResult<DossierEventRow>[]> {
    const firstInBatch = new Set<string>();
    const repeated = rows.map((row) => firstInBatch.size === firstInBatch.add(keyOf(row)).size);
    const candidates = rows.filter((_, index) => !repeated[index]);
    const stored =
      candidates.length === 0
        ? new Set<string>()
        : await findStored(
            candidates.map((row) => ({
              source: row.source,
              dossierCode: row.dossier_code,
              eventId: row.event_id,
            })),
          );
    return rows.map((row, index) =>
      repeated[index] || stored.has(keyOf(row)) ? drop('drop-duplicates', 'duplicate') : ok(row),
    );
  };
}
