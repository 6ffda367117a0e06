import { Injectable } from '@nestjs/common';
import { DossierEventRow, IngestTransport } from './dossier-event.row';
import { DossierEventRepository } from './dossier-event.repository';
import { KafkaOrigin, RejectedEventRow, toRejectedEventRow } from './rejected-event.row';
import { toEventRow } from './steps/enrich-event.step';
import { parseJson } from './steps/parse-json.step';
import { createDropDuplicatesStep } from './steps/drop-duplicates.step';
import { ok, StepResult } from './steps/step-result';
import { eventIdOf, validateEvent } from './steps/validate-event.step';

/**
 * An item as it arrives: raw bytes (Kafka, NDJSON line) or an already-parsed JSON value (JSON array), and for a
 * Kafka message where in the log it sits.
 */
export type RawItem = ({ bytes: Buffer | string | null } | { json: unknown }) & { origin?: KafkaOrigin };

export interface RejectedItem {
  index: number;
  eventId: string | null;
  step: string;
  reason: string;
  errors: string[];
}

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  rejected: RejectedItem[];
}

/**
 * parse → validate → enrich → drop duplicates → write, for Kafka and HTTP alike. Valid events go to
 * `dossier_events`, rejected items to `rejected_events`. Returns what became of every item; throws only when
 * storage fails, in which case nothing of the batch may be considered written.
 */
@Injectable()
export class IngestionPipeline {
  private readonly dropDuplicates;

  constructor(private readonly repository: DossierEventRepository) {
    this.dropDuplicates = createDropDuplicatesStep((keys) => repository.findStored(keys));
  }

  async run(items: readonly RawItem[], via: IngestTransport, now = new Date()): Promise<BatchOutcome> {
    const rejected: RejectedItem[] = [];
    const rejectedRows: RejectedEventRow[] = [];
    const valid: DossierEventRow[] = [];
    const reject = (item: RawItem, index: number, parsedValue: unknown, result: StepResult<unknown>) => {
      const rejectedItem = rejection(index, eventIdOf(parsedValue), result);
      rejected.push(rejectedItem);
      rejectedRows.push(toRejectedEventRow(item, parsedValue, rejectedItem, { at: now, via }));
    };
    items.forEach((item, index) => {
      const parsed = 'json' in item ? ok(item.json) : parseJson(item.bytes);
      if (parsed.kind === 'ok') {
        const validated = validateEvent(parsed.value);
        if (validated.kind === 'ok') valid.push(toEventRow(validated.value, { at: now, via }));
        else reject(item, index, parsed.value, validated);
      } else reject(item, index, undefined, parsed);
    });

    const fresh = (await this.dropDuplicates(valid)).flatMap((result) =>
      result.kind === 'ok' ? [result.value] : [],
    );
    // Events stored before are written again all the same (only repeats inside the batch are left out): a
    // crash can fall between the commit of `dossier_events` and that of a materialized view's table, and
    // only a repeated insert completes the derived rows. Storage collapses the copies.
    await Promise.all([
      this.repository.insert(firstOfEachEvent(valid)),
      this.repository.insertRejected(rejectedRows),
    ]);
    return { accepted: fresh.length, duplicates: valid.length - fresh.length, rejected };
  }
}

function firstOfEachEvent(rows: DossierEventRow[]): DossierEventRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.source}\0${row.event_id}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

function rejection(index: number, eventId: string | null, result: StepResult<unknown>): RejectedItem {
  if (result.kind !== 'dead_letter') throw new Error(`not a rejection: ${result.kind}`);
  return { index, eventId, step: result.step, reason: result.reason, errors: result.errors };
}
