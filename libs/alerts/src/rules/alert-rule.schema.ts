import { z } from 'zod';
import { agencyCodeSchema } from '@dvc/catalogue';
import { INDICATOR_IDS, targetComparatorSchema } from '@dvc/indicators';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;

const seconds = (what: string) =>
  z
    .number()
    .int()
    .min(0)
    .max(366 * 86_400)
    .describe(what);

/** Which units a rule watches. */
export const alertScopeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('agency'),
      agencyCode: agencyCodeSchema.nullable().describe('null: the whole province'),
      subtree: z.boolean().default(true).describe('false: the agency alone, without the units under it'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('children'),
      agencyCode: agencyCodeSchema.describe(
        'Each unit directly under this agency is watched on its own subtree',
      ),
    })
    .strict(),
]);
export type AlertScope = z.infer<typeof alertScopeSchema>;

/** The period the indicator is counted over, as of each evaluation. */
export const alertWindowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rolling'), days: z.number().int().min(1).max(366) }).strict(),
  z.object({ kind: z.enum(['month_to_date', 'quarter_to_date', 'year_to_date']) }).strict(),
  z
    .object({ kind: z.literal('target_period') })
    .strict()
    .describe("The target's own period (below_target only)"),
]);
export type AlertWindow = z.infer<typeof alertWindowSchema>;

export const alertConditionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('threshold'),
      comparator: targetComparatorSchema.describe('Fires while `value <comparator> threshold`, e.g. "<" 0.3'),
      threshold: z.number().finite(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('below_target'),
      targetKey: z.string().min(1).describe("Fires while the target's requirement does not hold"),
    })
    .strict(),
]);
export type AlertCondition = z.infer<typeof alertConditionSchema>;

export const webhookEndpointSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    secret: z.string().min(16).nullable().default(null).describe('HMAC-SHA256 key; null sends unsigned'),
    format: z
      .enum(['dvc', 'alertmanager'])
      .default('dvc')
      .describe('alertmanager: the webhook_config payload (v4)'),
  })
  .strict();
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** A rule as written through the API or imported from a target. */
export const alertRuleInputSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9.:_-]*$/i, 'expected letters, digits and . : _ -')
      .max(200)
      .describe('Stable key: writing a rule with an existing key updates it'),
    name: z.string().trim().min(1).max(300),
    indicatorId: z.enum(INDICATOR_IDS),
    options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    scope: alertScopeSchema,
    window: alertWindowSchema,
    condition: alertConditionSchema,
    minSample: z.number().int().min(0).default(30).describe('Fewest dossiers (denominator) for a verdict'),
    forSeconds: seconds('How long the condition must hold before firing').default(0),
    recoveryMarginPoints: z
      .number()
      .min(0)
      .default(0)
      .describe("How far past the threshold a unit must come back to clear, in the indicator's unit"),
    keepFiringForSeconds: seconds('How long a cleared alert keeps firing before it resolves').default(0),
    repeatIntervalSeconds: z
      .number()
      .int()
      .min(60)
      .nullable()
      .default(null)
      .describe('Re-send while firing this often; null: once'),
    severity: z.enum(ALERT_SEVERITIES).default('warning'),
    labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string()).default({}),
    recipients: z
      .object({
        unitContacts: z
          .boolean()
          .default(true)
          .describe("The alerted unit's own contacts (its heads and members), never anyone else's"),
        emails: z
          .array(z.email())
          .default([])
          .describe('Province-level recipients (PASC, DIC), who see every unit'),
      })
      .strict()
      .default({ unitContacts: true, emails: [] }),
    webhooks: z.array(webhookEndpointSchema).max(10).default([]),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((rule, context) => {
    if (rule.window.kind === 'target_period' && rule.condition.kind !== 'below_target') {
      context.addIssue({
        code: 'custom',
        path: ['window'],
        message: 'target_period needs a below_target condition',
      });
    }
  });
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;
export type AlertRuleSpec = z.output<typeof alertRuleInputSchema>;

/** A stored rule, as the API answers it. */
export const alertRuleSchema = alertRuleInputSchema.safeExtend({
  id: z.guid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AlertRule = AlertRuleSpec & { id: string; createdAt: string; updatedAt: string };
