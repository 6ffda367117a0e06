import { randomUUID } from 'node:crypto';
import { normaliseCode } from '@dvc/dossier-events';
import { IngestTransport } from './dossier-event.row';
import type { RawItem } from './ingestion-pipeline';
import { toClickHouseTime } from './steps/enrich-event.step';

/** How much of a rejected payload is kept: enough to see what went wrong, not a copy of everything sent. */
export const REJECTED_PAYLOAD_MAX_BYTES = 4096;

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
  payload: string;
  payload_bytes: number;
}

/** The first `maxBytes` bytes of a text as UTF-8, never cutting a character in two. */
export function truncateUtf8(text: string, maxBytes: number): { text: string; bytes: number } {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= maxBytes) return { text, bytes: encoded.length };
  let end = maxBytes;
  // Back off over continuation bytes (10xxxxxx) so the cut falls before the character they belong to.
  while (end > 0 && (encoded[end] & 0xc0) === 0x80) end--;
  return { text: encoded.subarray(0, end).toString('utf8'), bytes: encoded.length };
}

/** The payload as text: raw bytes as UTF-8 (invalid sequences become U+FFFD), a parsed value as JSON. */
export function payloadText(item: RawItem): string {
  if ('json' in item) return JSON.stringify(item.json) ?? '';
  if (item.bytes === null) return '';
  return typeof item.bytes === 'string' ? item.bytes : item.bytes.toString('utf8');
}

/** A string field of a value that may not be a valid event. */
function stringField(value: unknown, field: 'eventId' | 'source' | 'agencyCode'): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : null;
}

/**
 * The durable record of one rejected item. A Kafka message's id is its position in the log, so recording it
 * again after a redelivery changes no count; an HTTP item has no such identity and gets a fresh id.
 */
export function toRejectedEventRow(
  item: RawItem,
  parsed: unknown,
  rejection: { step: string; reason: string; errors: string[] },
  arrival: { at: Date; via: IngestTransport },
  newId: () => string = randomUUID,
): RejectedEventRow {
  const origin = item.origin;
  const payload = truncateUtf8(payloadText(item), REJECTED_PAYLOAD_MAX_BYTES);
  return {
    rejected_at: toClickHouseTime(arrival.at),
    rejection_id: origin
      ? `kafka:${origin.topic}:${origin.partition}:${origin.offset}`
      : `${arrival.via}:${newId()}`,
    via: arrival.via,
    step: rejection.step,
    reason: rejection.reason,
    errors: rejection.errors,
    event_id: stringField(parsed, 'eventId'),
    source: stringField(parsed, 'source'),
    agency_code: normaliseCode(stringField(parsed, 'agencyCode') ?? ''),
    kafka_topic: origin?.topic ?? null,
    kafka_partition: origin?.partition ?? null,
    kafka_offset: origin?.offset ?? null,
    payload: payload.text,
    payload_bytes: payload.bytes,
  };
}
