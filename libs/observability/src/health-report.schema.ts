import { z } from 'zod';

const componentStatusSchema = z.union([
  z.object({ status: z.literal('up'), roundTripMs: z.number().describe("An engine's ping round trip") }),
  z.object({ status: z.literal('down'), error: z.string().describe('Why the engine did not answer') }),
  z.object({
    status: z.literal('up'),
    ageSeconds: z.number().nullable().describe("The dossier snapshot's watermark age (null: none built yet)"),
  }),
  z.object({ status: z.literal('up'), lag: z.number().describe('Messages the Kafka consumer is behind') }),
]);
export type ComponentStatus = z.infer<typeof componentStatusSchema>;

/** `GET /health/details`: the verdict, and what each engine and the snapshot and consumer showed. */
export const healthReportSchema = z.object({
  status: z.enum(['up', 'degraded', 'down']),
  reasons: z.array(z.string()).describe('Why it is not up, one sentence each, for an operator'),
  components: z.record(z.string(), componentStatusSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** `GET /health` and `/health/ready` without credentials: the verdict alone. */
export const healthStatusSchema = healthReportSchema.pick({ status: true });
export type HealthStatusAnswer = z.infer<typeof healthStatusSchema>;

/** `GET /health/live`: the process answers. */
export const livenessSchema = z.object({ status: z.literal('up') });
