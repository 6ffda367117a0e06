import { z } from 'zod';

/** One change as the audit log keeps it. */
export const auditEntrySchema = z.object({
  id: z.string().describe('Increasing: later entries have larger ids'),
  at: z.string(),
  principal: z
    .object({ name: z.string(), role: z.string(), via: z.string(), id: z.string().nullable() })
    .nullable()
    .describe(
      'Who made the change; null for a write without a caller (a migration, a script on the database)',
    ),
  requestId: z.string().nullable().describe('The X-Request-Id of the request that made it'),
  route: z.string().nullable(),
  action: z
    .string()
    .describe(
      'insert, update, delete (a row of `entity`), or an event: login, login_failed, logout, import, acknowledge, evaluate',
    ),
  entity: z.string().describe('The table (e.g. catalogue.agencies) or the subject of an event (e.g. auth)'),
  entityId: z.string().nullable().describe("The row's key, '/'-joined where it has several columns"),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const instant = z.iso.datetime({ offset: true });

/** GET /v1/audit's query: every filter optional, newest first, `cursor` for the next page. */
export const auditFilterSchema = z
  .object({
    principal: z.string().trim().min(1).max(200).optional().describe("The principal's name"),
    action: z.string().trim().min(1).max(64).optional(),
    entity: z.string().trim().min(1).max(128).optional(),
    entityId: z.string().trim().min(1).max(400).optional(),
    requestId: z.string().trim().min(1).max(128).optional(),
    from: instant.optional().describe('Entries at or after this instant'),
    to: instant.optional().describe('Entries before this instant'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, 'a cursor from a previous page')
      .optional()
      .describe("The previous page's nextCursor: entries older than it"),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next (older) page; null: no more'),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
