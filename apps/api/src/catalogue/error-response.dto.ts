import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';

/** What HttpErrorFilter answers for every refusal. */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  message: z.string().describe('What went wrong, e.g. "no agency 000.00.12.H12" or "invalid request"'),
  errors: z
    .array(z.string())
    .optional()
    .describe('One line per offending field, "path: reason" (400 for a bad body, path or query)'),
});

export class ErrorResponseDto extends createZodDto(errorResponseSchema) {}

const WHEN: Record<400 | 404 | 409, string> = {
  400: 'Invalid path, query or body (per-field reasons in `errors`), or a reference to a code not in the catalogue',
  404: 'No such item',
  409: 'Conflicts with the catalogue (already exists, still in use, or would rewrite history)',
};

/** Documents the error answers a route can give. */
export function ApiErrorResponses(...statuses: (keyof typeof WHEN)[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: WHEN[status], type: ErrorResponseDto })),
  );
}
