import { Inject, Injectable, Optional } from '@nestjs/common';
import { AgencyTree, AgencyTreeReader } from '@dvc/catalogue';
import { DossierEvent } from '@dvc/dossier-events';
import { CoalescedEventWriter } from './coalesced-event.writer';
import { DossierEventRow, IngestTransport } from './dossier-event.row';
import { DossierEventRepository } from './dossier-event.repository';
import { EventsStoredSignal } from './events-stored.signal';
import { grantNeedsAgencyTree, IngestGrant, UNRESTRICTED } from './ingest-grant';
import { KafkaOrigin, RejectedEventRow, toRejectedEventRow } from './rejected-event.row';
import { checkScope } from './steps/check-scope.step';
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
 * parse → validate → scope → enrich → drop duplicates → write, for Kafka and HTTP alike. Valid events the
 * caller's grant covers go to `dossier_events`, rejected items to `rejected_events`. Returns what became of
 * every item; throws only when storage fails, in which case nothing of the batch may be considered written.
 */
@Injectable()
export class IngestionPipeline {
  private readonly dropDuplicates;

  constructor(
    private readonly repository: DossierEventRepository,
    /** Needed only for grants that name agencies (scoped source tokens, DVC_KAFKA_SOURCES). */
    @Optional() @Inject(AgencyTreeReader) private readonly agencyTrees: AgencyTreeReader | null = null,
    /** HTTP batches share inserts through it; without it (or for Kafka) each batch is its own insert. */
    @Optional() @Inject(CoalescedEventWriter) private readonly httpWriter: CoalescedEventWriter | null = null,
    /** Told of every insert into `dossier_events` once it returned (the live dashboard of this process listens). */
    @Optional() @Inject(EventsStoredSignal) private readonly stored: EventsStoredSignal | null = null,
  ) {
    this.dropDuplicates = createDropDuplicatesStep((keys) => repository.findStored(keys));
  }

  async run(
    items: readonly RawItem[],
    via: IngestTransport,
    now = new Date(),
    grant: IngestGrant = UNRESTRICTED,
  ): Promise<BatchOutcome> {
    const rejected: RejectedItem[] = [];
    const rejectedRows: RejectedEventRow[] = [];
    const valid: DossierEventRow[] = [];
    const reject = (item: RawItem, index: number, parsedValue: unknown, result: StepResult<unknown>) => {
      const rejectedItem = rejection(index, eventIdOf(parsedValue), result);
      rejected.push(rejectedItem);
      rejectedRows.push(toRejectedEventRow(item, rejectedItem, { at: now, via }));
    };
    const events: { item: RawItem; index: number; json: unknown; event: DossierEvent }[] = [];
    items.forEach((item, index) => {
      const parsed = 'json' in item ? ok(item.json) : parseJson(item.bytes);
      if (parsed.kind === 'ok') {
        const validated = validateEvent(parsed.value);
        if (validated.kind === 'ok') events.push({ item, index, json: parsed.value, event: validated.value });
        else reject(item, index, parsed.value, validated);
      } else reject(item, index, undefined, parsed);
    });
    const tree = events.length > 0 ? await this.treeFor(grant) : null;
    for (const { item, index, json, event } of events) {
      const scoped = checkScope(event, grant, tree);
      if (scoped.kind === 'ok') valid.push(toEventRow(scoped.value, { at: now, via }));
      else reject(item, index, json, scoped);
    }
    rejected.sort((a, b) => a.index - b.index);

    const fresh = (await this.dropDuplicates(valid)).flatMap((result) =>
      result.kind === 'ok' ? [result.value] : [],
    );
    // Events stored before are written again all the same (only repeats inside the batch are left out): a
    // crash can fall between the commit of `dossier_events` and that of a materialized view's table, and
    // only a repeated insert completes the derived rows. Storage collapses the copies.
    const rows = firstOfEachEvent(valid);
    await Promise.all([
      via === 'http' && this.httpWriter ? this.httpWriter.write(rows) : this.repository.insert(rows),
      this.repository.insertRejected(rejectedRows),
    ]);
    this.stored?.publish({ rows: rows.length, via });
    return { accepted: fresh.length, duplicates: valid.length - fresh.length, rejected };
  }

  private async treeFor(grant: IngestGrant): Promise<AgencyTree | null> {
    if (!grantNeedsAgencyTree(grant)) return null;
    if (!this.agencyTrees) throw new Error('a grant naming agencies needs the catalogue (AgencyTreeReader)');
    return this.agencyTrees.tree();
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
