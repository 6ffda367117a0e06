import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';

export const ingestEventsResponseSchema = z.object({
  accepted: z.number().int().describe('Events stored by this request'),
  duplicates: z.number().int().describe('Events already stored (or repeated in the body): changed nothing'),
  rejected: z.array(
    z.object({
      index: z.number().int().describe('Position in the array, or among the non-blank NDJSON lines'),
      eventId: z.string().nullable(),
      reason: z
        .string()
        .describe(
          'invalid_json, empty_message, too_large, too_deep, schema_violation, forbidden_source or ' +
            'agency_out_of_scope',
        ),
      errors: z.array(z.string()),
    }),
  ),
});

export class IngestEventsResponseDto extends createZodDto(ingestEventsResponseSchema) {}
