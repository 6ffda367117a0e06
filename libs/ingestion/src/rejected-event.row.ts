import { randomUUID } from 'node:crypto';
import { normaliseCode } from '@dvc/dossier-events';
import { IngestTransport } from './dossier-event.row';
import type { RawItem } from './ingestion-pipeline';
import { redactRejectedPayload } from './rejected-payload.redaction';
import { toClickHouseTime } from './steps/enrich-event.step';

/** Where a Kafka message came from; absent for HTTP items. */
export interface KafkaOrigin {
  topic: string;
  partition: number;
  offset: string;
}

/** One row of `rejected_events` (migration 003). */
export interface RejectedEventRow {
  rejected_at: string;
  rejection_id: string;
  via: IngestTransport;
  step: string;
  reason: string;
  errors: string[];
  event_id: string | null;
  source: string | null;
  /** The agencyCode it names, normalised ('' if none could be read; migration 013). */
  agency_code: string;
  kafka_topic: string | null;
  kafka_partition: number | null;
  kafka_offset: string | null;
  /** The contract fields it carried with a value the contract allows, as JSON (migration 014). */
  contract_fields: string;
  /** Hex SHA-256 of the item's bytes (migration 014). */
  payload_sha256: string;
  payload_bytes: number;
}

/** A string contract field of a rejected item, where it carried an allowed one. */
function stringField(
  fields: Record<string, unknown>,
  field: 'eventId' | 'source' | 'agencyCode',
): string | null {
  const found = fields[field];
  return typeof found === 'string' ? found : null;
}

/**
 * The durable record of one rejected item. A Kafka message's id is its position in the log, so recording it
 * again after a redelivery changes no count; an HTTP item has no such identity and gets a fresh id. Of the
 * payload only what `redactRejectedPayload` keeps is recorded.
 */
export function toRejectedEventRow(
  item: RawItem,
  rejection: { step: string; reason: string; errors: string[] },
  arrival: { at: Date; via: IngestTransport },
  newId: () => string = randomUUID,
): RejectedEventRow {
  const origin = item.origin;
  const payload = redactRejectedPayload(item);
  return {
    rejected_at: toClickHouseTime(arrival.at),
    rejection_id: origin
      ? `kafka:${origin.topic}:${origin.partition}:${origin.offset}`
      : `${arrival.via}:${newId()}`,
    via: arrival.via,
    step: rejection.step,
    reason: rejection.reason,
    errors: rejection.errors,
    event_id: stringField(payload.fields, 'eventId'),
    source: stringField(payload.fields, 'source'),
    agency_code: normaliseCode(stringField(payload.fields, 'agencyCode') ?? ''),
    kafka_topic: origin?.topic ?? null,
    kafka_partition: origin?.partition ?? null,
    kafka_offset: origin?.offset ?? null,
    contract_fields: JSON.stringify(payload.fields),
    payload_sha256: payload.sha256,
    payload_bytes: payload.bytes,
  };
}
