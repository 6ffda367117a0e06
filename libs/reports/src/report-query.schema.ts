import { z } from 'zod';
import { ROW_GROUPINGS, SHEET_LAYOUTS } from './kinds/report-kind';
import { periodCutSchema } from './periods/report-period';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** GET /v1/reports/{kind}: which report, for which scope and period, in which format. */
export const reportQuerySchema = z
  .object({
    period: z
      .string()
      .trim()
      .min(1)
      .describe('2026-03 (month), 2026-Q1, 2026-6M (or 2026-H1), 2026-9M, 2026'),
    cut: periodCutSchema
      .optional()
      .describe('statutory: Decree 09/2019 (15th to 14th); calendar. Default: REPORT_PERIOD_CUT'),
    agency: z.string().trim().min(1).optional().describe('The agency and its subtree; absent: the province'),
    rows: z
      .enum(ROW_GROUPINGS)
      .optional()
      .describe(
        'ii06a: one row per field (the form, default) or per child unit; ranking: agency; targets: target',
      ),
    sheets: z
      .enum(SHEET_LAYOUTS)
      .optional()
      .describe(
        'ii06a: unit = one sheet per child unit of the scope (rows by field) beside the total sheet; XLSX and JSON only. Default: single',
      ),
    structure: z.enum(['reported', 'current']).default('reported'),
    format: z.enum(REPORT_FORMATS).default('json'),
    asOf: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Count only events ingested by then (ISO instant)'),
  })
  .strict();
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;
