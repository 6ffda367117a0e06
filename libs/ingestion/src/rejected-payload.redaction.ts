import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DOSSIER_EVENT_FIELDS } from '@dvc/dossier-events';
import type { RawItem } from './ingestion-pipeline';
import { parseJson } from './steps/parse-json.step';

/**
 * What is kept of a rejected item, for diagnosis, wherever it is kept (`rejected_events`, the dead-letter topic):
 * the contract fields it carried with a value the contract allows them, a SHA-256 of its bytes and their count.
 * Nothing else: a vendor may send an applicant's name, phone, CCCD number or address in a field of its own, or in
 * a contract field of the wrong shape, and the validation errors already say what was wrong.
 */
export interface RedactedPayload {
  /** The contract fields whose value passes that field's own schema, as the schema reads it (codes trimmed). */
  fields: Record<string, unknown>;
  /** Hex SHA-256 of the item as received: a Kafka message's value, an NDJSON line, a JSON array item's JSON text. */
  sha256: string;
  bytes: number;
}

/** The item's bytes: as received, or for an item of a JSON array (parsed with the body) its JSON text. */
export function rawBytesOf(item: RawItem): Buffer {
  if ('json' in item) return Buffer.from(JSON.stringify(item.json) ?? '', 'utf8');
  if (item.bytes === null) return Buffer.alloc(0);
  return typeof item.bytes === 'string' ? Buffer.from(item.bytes, 'utf8') : item.bytes;
}

export function redactRejectedPayload(item: RawItem): RedactedPayload {
  const bytes = rawBytesOf(item);
  let value: unknown;
  if ('json' in item) value = item.json;
  else {
    const parsed = parseJson(bytes);
    value = parsed.kind === 'ok' ? parsed.value : undefined;
  }
  return {
    fields: contractFieldsOf(value),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
}

/** The contract fields of a value that may not be a valid event, each kept only if its value is one the contract allows. */
export function contractFieldsOf(value: unknown): Record<string, unknown> {
  return fieldsOf(value, DOSSIER_EVENT_FIELDS);
}

function fieldsOf(
  value: unknown,
  fields: ReadonlyMap<string, readonly z.ZodType[]>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return kept;
  for (const [name, schemas] of fields) {
    if (!Object.hasOwn(value, name)) continue;
    const found = keptValue((value as Record<string, unknown>)[name], schemas);
    if (found !== undefined) kept[name] = found;
  }
  return kept;
}

/** The value as the first of the field's schemas that accepts it reads it; an object field keeps its valid parts. */
function keptValue(value: unknown, schemas: readonly z.ZodType[]): unknown {
  for (const schema of schemas) {
    const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
    if (inner instanceof z.ZodObject) {
      const nested = fieldsOf(
        value,
        new Map(Object.entries(inner.shape).map(([key, field]) => [key, [field as z.ZodType]])),
      );
      if (Object.keys(nested).length > 0) return nested;
      continue;
    }
    const result = inner.safeParse(value);
    if (result.success && result.data !== undefined) return result.data;
  }
  return undefined;
}
