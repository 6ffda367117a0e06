import { DossierEvent, normaliseCode } from '@dvc/dossier-events';
import { DossierEventRow, IngestTransport } from '../dossier-event.row';

import { toClickHouseTime } from '@dvc/clickhouse';

export { toClickHouseTime };

/** Every optional field any event type may carry, for reading a union member without narrowing it. */
type AnyEventFields = Partial<{
  channel: string;
  dueAt: string;
  fee: number;
  payment: { method: string; amount: number };
  outcome: string;
  electronicResult: boolean;
  returnChannel: string;
  toAgencyCode: string;
}>;

// A batch stamps every row with one arrival instant: its text is made once, not once per row.
let lastArrival: { at: Date; ms: number; text: string } | null = null;
function arrivalTime(at: Date): string {
  if (lastArrival?.at !== at || lastArrival.ms !== at.getTime())
    lastArrival = { at, ms: at.getTime(), text: toClickHouseTime(at) };
  return lastArrival.text;
}

/** Enrich: a validated event becomes a storage row stamped with when and how it arrived. */
export function toEventRow(
  event: DossierEvent,
  arrival: { at: Date; via: IngestTransport },
): DossierEventRow {
  const fields = event as DossierEvent & AnyEventFields;
  return {
    source: event.source,
    event_id: event.eventId,
    type: event.type,
    status_code: event.statusCode ?? null,
    occurred_at: toClickHouseTime(event.occurredAt),
    dossier_code: event.dossierCode,
    // Codes are stored in the catalogue's spelling, so `000.00.12.h12` from a vendor still joins.
    procedure_code: normaliseCode(event.procedureCode ?? ''),
    agency_code: normaliseCode(event.agencyCode ?? ''),
    channel: fields.channel ?? '',
    due_at: fields.dueAt === undefined ? null : toClickHouseTime(fields.dueAt),
    fee: fields.fee ?? null,
    payment_method: fields.payment?.method ?? '',
    payment_amount: fields.payment?.amount ?? null,
    outcome: fields.outcome ?? '',
    electronic_result: fields.electronicResult ?? null,
    return_channel: fields.returnChannel ?? '',
    to_agency_code: normaliseCode(fields.toAgencyCode ?? ''),
    ingested_at: arrivalTime(arrival.at),
    ingested_via: arrival.via,
  };
}
