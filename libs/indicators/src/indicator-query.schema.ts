import { z } from 'zod';
import { localDateSchema, withOrderedRange } from './local-calendar';

/** `GET /v1/indicators/{id}` query string. */
export const indicatorQuerySchema = withOrderedRange(
  z
    .object({
      from: localDateSchema.describe('First local day of the period (YYYY-MM-DD, inclusive)'),
      to: localDateSchema.describe('Last local day of the period (YYYY-MM-DD, inclusive)'),
      agency: z
        .string()
        .trim()
        .min(1)
        .max(64)
        .optional()
        .describe("Receiving agency's code; all agencies if absent"),
    })
    .strict(),
);
export type IndicatorQuery = z.infer<typeof indicatorQuerySchema>;

export const indicatorResultSchema = z.object({
  indicator: z.string(),
  scope: z.object({ agency: z.string().nullable() }),
  period: z.object({ from: z.string(), to: z.string() }),
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable().describe('numerator / denominator in [0, 1]; null when the denominator is 0'),
});
export type IndicatorResult = z.infer<typeof indicatorResultSchema>;
