import { z } from 'zod';
import { queriedCodeSchema, structureSchema } from '@dvc/indicators';

export const DOSSIER_STATUSES = ['overdue', 'due_soon', 'open'] as const;
export const DOSSIER_SORTS = ['due', '-due', 'received', '-received'] as const;
export const MAX_PAGE_SIZE = 500;
/** A CSV export carries at most this many rows (a province's backlog is a few thousand). */
export const MAX_EXPORT_ROWS = 100_000;

/** `GET /v1/dossiers`: open dossiers of a scope to act on. */
export const dossierListQuerySchema = z
  .object({
    status: z
      .enum(DOSSIER_STATUSES)
      .default('overdue')
      .describe(
        'overdue: open past their due day; due_soon: open, due within the next 24 hours; open: all open',
      ),
    agency: queriedCodeSchema.optional().describe('An agency and its subtree; the whole province if absent'),
    structure: structureSchema.default('reported'),
    sort: z
      .enum(DOSSIER_SORTS)
      .default('due')
      .describe('due / received, earliest first; with "-", latest first (most overdue first is "due")'),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    format: z
      .enum(['json', 'csv'])
      .default('json')
      .describe('csv: every matching dossier (no paging), for Excel'),
  })
  .strict();
export type DossierListQuery = z.output<typeof dossierListQuerySchema>;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** A dossier to act on: codes, names and dates only, never the applicant (the contract carries none). */
export const dossierToActOnSchema = z.object({
  source: z.string().describe('The one-stop-shop system that sent it'),
  dossierCode: z.string(),
  procedureCode: z.string(),
  procedureName: z.string().nullable().describe('null: a code the catalogue does not know'),
  agencyCode: z.string(),
  agencyName: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string(),
  daysOverdue: z.number().int().describe('Whole local days since the due day (0 when not yet past it)'),
});
export type DossierToActOn = z.infer<typeof dossierToActOnSchema>;

export const dossierListSchema = z.object({
  status: z.enum(DOSSIER_STATUSES),
  scope: z.object({ agency: z.string().nullable(), structure: structureSchema }),
  asOf: z.string().describe('The moment the list was read'),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(dossierToActOnSchema),
});
export type DossierList = z.infer<typeof dossierListSchema>;
