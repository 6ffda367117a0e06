import { DossierEvent } from '@dvc/dossier-events';
import { DossierEventRow, IngestTransport } from '../dossier-event.row';

/** ClickHouse's DateTime64 text form, in UTC: `2026-03-02 02:00:00.000`. */
export function toClickHouseTime(isoWithOffset: string | Date): string {
  const date = typeof isoWithOffset === 'string' ? new Date(isoWithOffset) : isoWithOffset;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Enrich: a validated event becomes a storage row stamped with when and how it arrived. */
export function toEventRow(
  event: DossierEvent,
  arrival: { at: Date; via: IngestTransport },
): DossierEventRow {
  const field = <K extends string>(key: K) =>
    (event as Partial<Record<K, unknown>>)[key] as string | number | boolean | undefined;
  const text = (key: string) => (field(key) as string | undefined) ?? '';
  const time = (key: string) => (field(key) === undefined ? null : toClickHouseTime(field(key) as string));
  const payment = 'payment' in event ? event.payment : undefined;
  return {
    source: event.source,
    event_id: event.eventId,
    type: event.type,
    status_code: event.statusCode ?? null,
    occurred_at: toClickHouseTime(event.occurredAt),
    dossier_code: event.dossierCode,
    procedure_code: event.procedureCode ?? '',
    agency_code: event.agencyCode ?? '',
    channel: text('channel'),
    due_at: time('dueAt'),
    fee: (field('fee') as number | undefined) ?? null,
    payment_method: payment?.method ?? '',
    payment_amount: payment?.amount ?? null,
    outcome: text('outcome'),
    electronic_result: (field('electronicResult') as boolean | undefined) ?? null,
    return_channel: text('returnChannel'),
    to_agency_code: text('toAgencyCode'),
    ingested_at: toClickHouseTime(arrival.at),
    ingested_via: arrival.via,
  };
}
