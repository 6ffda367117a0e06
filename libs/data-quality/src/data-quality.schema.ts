import { z } from 'zod';
import { checkRangeOrder, localDateSchema, queriedCodeSchema, structureSchema } from '@dvc/indicators';

export const DEFAULT_UNKNOWN_CODES_LIMIT = 100;
export const MAX_UNKNOWN_CODES_LIMIT = 1000;

/** `GET /v1/data-quality` query string. Each end of the period is optional; both ends are inclusive. */
export const dataQualityQuerySchema = z
  .object({
    from: localDateSchema
      .optional()
      .describe(
        'First local (Asia/Ho_Chi_Minh) day (YYYY-MM-DD, inclusive): events that occurred, and items rejected, ' +
          'from that day on; no lower bound if absent',
      ),
    to: localDateSchema
      .optional()
      .describe('Last local day (YYYY-MM-DD, inclusive); no upper bound if absent'),
    agency: queriedCodeSchema
      .optional()
      .describe(
        'Only the events and rejected items naming this agency or a unit under it (a department: its own by ' +
          'default, and only inside it); the whole province if absent',
      ),
    structure: structureSchema.default('reported'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_UNKNOWN_CODES_LIMIT)
      .default(DEFAULT_UNKNOWN_CODES_LIMIT)
      .describe(
        'At most this many unknown agency codes, and as many unknown procedure codes (the most used)',
      ),
  })
  .strict()
  .superRefine((query, context) => checkRangeOrder(query, context));
export type DataQualityQuery = z.infer<typeof dataQualityQuerySchema>;

const instant = z.string().describe('ISO-8601 instant in UTC, e.g. 2026-03-02T02:00:00.000Z');

export const unknownCodeSchema = z.object({
  code: z.string(),
  events: z
    .number()
    .int()
    .describe('Distinct events (source + eventId) naming the code in the period; repeats count once'),
  dossiers: z.number().int().describe('Distinct dossiers (source + dossierCode) among those events'),
  firstSeen: instant.describe('Earliest occurredAt of those events (UTC)'),
  lastSeen: instant.describe('Latest occurredAt of those events (UTC)'),
});
export type UnknownCode = z.infer<typeof unknownCodeSchema>;

export const rejectionCountSchema = z.object({
  reason: z
    .string()
    .describe(
      'empty_message, invalid_json, too_large, too_deep, schema_violation, forbidden_source or agency_out_of_scope',
    ),
  step: z.string().describe('The pipeline step that rejected the items: parse, validate or scope'),
  count: z
    .number()
    .int()
    .describe(
      'Rejected items: a Kafka message counts once however often it was delivered; every HTTP item sent counts',
    ),
  lastAt: instant.describe('When the latest of them was rejected (UTC)'),
});
export type RejectionCount = z.infer<typeof rejectionCountSchema>;

export const sourceActivitySchema = z.object({
  source: z.string().describe('The one-stop-shop system (the events’ source id)'),
  events: z.number().int().describe('Distinct events (eventId) stored from it in the period'),
  lastOccurredAt: instant.describe('Latest occurredAt among them (UTC)'),
  lastIngestedAt: instant.describe('When its latest event was stored (UTC): a silent source shows here'),
  lastVia: z.string().describe('How that latest event came: kafka, http or import'),
});
export type SourceActivity = z.infer<typeof sourceActivitySchema>;

export const dataQualityReportSchema = z
  .object({
    scope: z.object({
      agency: z.string().nullable().describe('The agency whose subtree was read; null: the whole province'),
      structure: structureSchema,
    }),
    catalogue: z.object({
      publication: z
        .number()
        .int()
        .nullable()
        .describe('The catalogue publication codes were checked against; null when none is published yet'),
    }),
    unknownAgencies: z
      .array(unknownCodeSchema)
      .describe(
        'Agency codes named by stored events (agencyCode or toAgencyCode) that the current catalogue ' +
          'publication lacks, by events descending then code; every code is unknown while nothing is published',
      ),
    unknownProcedures: z
      .array(unknownCodeSchema)
      .describe(
        "Procedure codes (procedureCode) of stored events that equal no code of the current publication's " +
          'procedures. Matching is exact: a local code (national code + agency suffix, e.g. ' +
          '1.004227.000.00.12.H12) is known only if the catalogue lists that very code',
      ),
    sources: z
      .array(sourceActivitySchema)
      .describe('Every source with events in the period and when it last sent one, by source id'),
    rejected: z
      .object({
        total: z
          .number()
          .int()
          .describe(
            'Rejected items in the period, Kafka and HTTP; for an agency, those whose payload named an agency ' +
              'of its subtree (an item that did not parse names none and counts province-wide only)',
          ),
        byReason: z
          .array(rejectionCountSchema)
          .describe('By reason and step, by count descending; every reason seen in the period'),
      })
      .describe(
        'Items the ingestion pipeline rejected (and Kafka dead-lettered), by when they were rejected; ' +
          'records are kept for 180 days',
      ),
  })
  .describe(
    'Codes the catalogue does not know yet, and items that could not be stored. Events with unknown codes are ' +
      'stored and counted by indicators all the same. Periods limit events by occurredAt and rejections by ' +
      'the time they were rejected.',
  );
export type DataQualityReport = z.infer<typeof dataQualityReportSchema>;
