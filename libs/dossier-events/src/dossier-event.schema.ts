import { z } from 'zod';

/**
 * Dossier event contract v1: what a one-stop-shop system (Hệ thống một cửa điện tử) sends us, one event per
 * Kafka message or array item. Unknown fields are stripped by every schema here, so nothing we did not ask
 * for (citizens' personal data above all) can reach storage.
 */

export const DOSSIER_EVENT_TYPES = [
  'submitted',
  'received',
  'refused',
  'processing',
  'supplement_requested',
  'supplement_received',
  'payment_requested',
  'paid',
  'withdrawn',
  'stopped',
  'resolved',
  'returned',
  'rescheduled',
  'transferred',
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];

/** Vendor / national-portal status codes (docs/domain.md#dossier-lifecycle). Types without an own code may carry any valid one. */
export const STATUS_CODE_BY_TYPE: Partial<Record<DossierEventType, number>> = {
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  supplement_requested: 5,
  payment_requested: 6,
  withdrawn: 7,
  stopped: 8,
  resolved: 9,
  returned: 10,
};

export const CHANNELS = ['direct', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Vietnam's clocks: fixed +07:00 since 1975, no DST (Asia/Ho_Chi_Minh). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The year an instant falls in on Vietnam's calendar: `2000-01-01T03:00:00+07:00` is 2000, not 1999 (UTC). */
export function localYearOf(instant: string): number {
  return new Date(Date.parse(instant) + VIETNAM_OFFSET_MS).getUTCFullYear();
}

const timestamp = z.iso
  .datetime({
    offset: true,
    message: 'expected ISO-8601 date-time with offset, e.g. 2026-03-01T08:30:00+07:00',
  })
  .refine((value) => {
    const year = localYearOf(value);
    // An unreadable value is already reported by the format check.
    return Number.isNaN(year) || (year >= 2000 && year < 2100);
  }, 'must fall between the years 2000 and 2099 (in Vietnam)');
const code = (max: number) => z.string().trim().min(1).max(max);

/** A one-stop-shop system's id, as events carry it in `source` (and tokens and DVC_KAFKA_SOURCES name it). */
export const sourceIdSchema = z
  .string()
  .regex(/^[a-z0-9._-]{1,64}$/, 'expected 1-64 characters of a-z, 0-9, ".", "_" or "-"');
const vnd = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const base = z.object({
  eventId: z.string().min(1).max(128),
  source: sourceIdSchema,
  occurredAt: timestamp,
  dossierCode: code(64),
  statusCode: z.number().int().min(1).max(10).optional(),
  /** Accepted on any event; required where the dossier is first described. */
  procedureCode: code(64).optional(),
  agencyCode: code(64).optional(),
});

const describesDossier = { procedureCode: code(64), agencyCode: code(64) };

export const dossierEventSchema = z
  .discriminatedUnion('type', [
    base.extend({ type: z.literal('submitted'), ...describesDossier }),
    base.extend({
      type: z.literal('received'),
      ...describesDossier,
      channel: z.enum(CHANNELS),
      dueAt: timestamp,
      fee: vnd.optional(),
    }),
    base.extend({ type: z.literal('refused'), ...describesDossier }),
    base.extend({ type: z.literal('processing') }),
    base.extend({ type: z.literal('supplement_requested') }),
    base.extend({ type: z.literal('supplement_received'), dueAt: timestamp.optional() }),
    base.extend({ type: z.literal('payment_requested'), fee: vnd.optional() }),
    base.extend({
      type: z.literal('paid'),
      payment: z.object({ method: z.enum(['online', 'offline']), amount: vnd }),
    }),
    base.extend({ type: z.literal('withdrawn') }),
    base.extend({ type: z.literal('stopped') }),
    base.extend({
      type: z.literal('resolved'),
      outcome: z.enum(['approved', 'denied']).optional(),
      electronicResult: z.boolean().optional(),
    }),
    base.extend({ type: z.literal('returned'), returnChannel: z.enum(CHANNELS) }),
    base.extend({ type: z.literal('rescheduled'), dueAt: timestamp }),
    base.extend({ type: z.literal('transferred'), toAgencyCode: code(64) }),
  ])
  .superRefine((event, ctx) => {
    const expected = STATUS_CODE_BY_TYPE[event.type];
    if (event.statusCode !== undefined && expected !== undefined && event.statusCode !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['statusCode'],
        message: `statusCode ${event.statusCode} contradicts type "${event.type}" (expected ${expected})`,
      });
    }
  });

export type DossierEvent = z.infer<typeof dossierEventSchema>;

/** Kafka topics of contract v1. Messages are keyed by dossierCode so a dossier's events stay in order. */
export const DOSSIER_EVENTS_TOPIC = 'dvc.dossier-events.v1';
export const DOSSIER_EVENTS_DLQ_TOPIC = 'dvc.dossier-events.v1.dlq';
