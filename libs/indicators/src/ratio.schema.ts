import { z } from 'zod';

/** A share as an answer serves it (`ratio`). */
export const ratioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable().describe('numerator / denominator in [0, 1]; null when the denominator is 0'),
});
