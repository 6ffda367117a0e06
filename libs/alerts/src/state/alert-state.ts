import { z } from 'zod';

/** Grafana's alert states, with Prometheus' `for` (pending) and `keep_firing_for` (recovering). */
export const ALERT_STATES = [
  'normal',
  'pending',
  'firing',
  'recovering',
  'resolved',
  'no_data',
  'error',
] as const;
export const alertStateNameSchema = z.enum(ALERT_STATES);
export type AlertStateName = z.infer<typeof alertStateNameSchema>;

export const acknowledgementSchema = z.object({
  by: z.string(),
  comment: z.string(),
  at: z.number().int().describe('epoch ms'),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** One stretch from firing to resolved: what was said about it and when. */
export const alertEpisodeSchema = z.object({
  firingSince: z.number().int(),
  /** Whether its firing was announced (a silence can hold the announcement back until it ends). */
  announced: z.boolean(),
  lastNotifiedAt: z.number().int().nullable(),
  acknowledgement: acknowledgementSchema.nullable(),
});
export type AlertEpisode = z.infer<typeof alertEpisodeSchema>;

/**
 * Everything the state machine needs to carry on after a restart: persisted as is, so a restart neither
 * re-notifies nor forgets a pending timer. Times are epoch ms.
 */
export const alertInstanceStateSchema = z.object({
  state: alertStateNameSchema,
  /** When the current state began. */
  since: z.number().int(),
  /** When the condition began to hold, while waiting for `for` (kept through an error). */
  pendingSince: z.number().int().nullable(),
  /** When the condition cleared, while waiting for `keepFiringFor`. */
  recoveringSince: z.number().int().nullable(),
  /** The current episode, from firing until resolved; kept through no data and errors. */
  episode: alertEpisodeSchema.nullable(),
  errorMessage: z.string().nullable(),
});
export type AlertInstanceState = z.infer<typeof alertInstanceStateSchema>;

export const alertTimingSchema = z.object({
  forMs: z.number().int().min(0),
  keepFiringForMs: z.number().int().min(0),
  /** null: announce once, never repeat. */
  repeatIntervalMs: z.number().int().positive().nullable(),
});
export type AlertTiming = z.infer<typeof alertTimingSchema>;

export const NOTIFICATION_KINDS = ['firing', 'repeat', 'resolved'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function initialAlertState(now: number): AlertInstanceState {
  return {
    state: 'normal',
    since: now,
    pendingSince: null,
    recoveringSince: null,
    episode: null,
    errorMessage: null,
  };
}
