import { createHash } from 'node:crypto';
import { z } from 'zod';
import { INDICATOR_IDS } from '@dvc/indicators';
import { catalogueDateSchema, optionalEndDateSchema } from '../catalogue-date';
import { catalogueTextSchema } from '../catalogue-text';
import { agencyCodeSchema } from '../agencies/agency-code';

export const targetPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('year') }).strict(),
  z.object({ kind: z.literal('quarter') }).strict(),
  z.object({ kind: z.literal('month') }).strict(),
  z.object({ kind: z.literal('rolling'), days: z.number().int().min(1).max(366) }).strict(),
]);
export type TargetPeriod = z.infer<typeof targetPeriodSchema>;

export const COMPARATORS = ['>=', '>', '<=', '<'] as const;

/**
 * A target an indicator is held to. The threshold is in the indicator's own unit: a share in [0, 1] for
 * ratios (0.3 = 30%), percentage points for `procedures.level_growth` (7 = +7 pp).
 */
export const targetInputSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9.:_-]*$/i, 'expected letters, digits and . : _ -')
      .max(200)
      .optional()
      .describe(
        'Stable key: writing a target with an existing key updates it. Derived when absent from indicator, ' +
          'options, scope, period, start, comparator and legal basis (not the threshold: correcting it ' +
          'updates the same target).',
      ),
    indicatorId: z.enum(INDICATOR_IDS),
    options: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe('Indicator options, e.g. {"level": 4} or {"denominator": "online_procedures"}'),
    agencyCode: agencyCodeSchema
      .nullable()
      .default(null)
      .describe('The agency held to it; null: the whole province'),
    subtree: z.boolean().default(true).describe('Whether units under the agency count with it'),
    period: targetPeriodSchema,
    comparator: z.enum(COMPARATORS),
    threshold: z.number().finite(),
    legalBasis: catalogueTextSchema(500).describe('e.g. "Chỉ thị Bình Thuận 2018"'),
    activeFrom: catalogueDateSchema,
    activeTo: optionalEndDateSchema,
  })
  .strict()
  .refine((target) => !target.activeTo || target.activeTo >= target.activeFrom, {
    message: 'activeTo is before activeFrom',
    path: ['activeTo'],
  });
export type TargetInput = z.infer<typeof targetInputSchema>;

export type Target = Omit<TargetInput, 'key' | 'activeTo'> & {
  id: string;
  key: string;
  activeTo: string | null;
};

export const targetSchema = z.object({
  id: z.string(),
  key: z.string(),
  indicatorId: z.enum(INDICATOR_IDS),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  agencyCode: z.string().nullable().describe('null: the whole province'),
  subtree: z.boolean(),
  period: targetPeriodSchema,
  comparator: z.enum(COMPARATORS),
  threshold: z.number(),
  legalBasis: z.string(),
  activeFrom: z.string(),
  activeTo: z.string().nullable(),
});

const COMPARATOR_NAMES: Record<(typeof COMPARATORS)[number], string> = {
  '>=': 'ge',
  '>': 'gt',
  '<=': 'le',
  '<': 'lt',
};

/** Lowercase ASCII letters and digits joined by '-': Vietnamese diacritics dropped, đ read as d. */
export function keySlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/** At most `max` characters; a longer part is cut and ends with a hash of the whole, so two stay apart. */
function bounded(part: string, max: number): string {
  if (part.length <= max) return part;
  return `${part.slice(0, max - 9).replace(/[-.]+$/, '')}-${shortHash(part)}`;
}

/** `legalBasis` as a key part of at most 40 characters: "Quyết định 766/QĐ-TTg" → `quyet-dinh-766-qd-ttg`. */
export function legalBasisSlug(legalBasis: string): string {
  const slug = keySlug(legalBasis);
  // A basis with no Latin letter or digit still needs a part of its own.
  return slug ? bounded(slug, 40) : `basis-${shortHash(legalBasis.trim())}`;
}

/**
 * The key of a target written without one: the same target written twice is one target, and so is a target
 * whose threshold was corrected; two documents holding an indicator to different thresholds, or one holding it
 * both above and below, are two. The parts are bounded so a key always passes the key pattern and 200
 * characters: indicator ≤ 23, options ≤ 38, scope ≤ 69, period ≤ 12, date 10, comparator 2, basis ≤ 40.
 */
export function targetKey(target: TargetInput): string {
  if (target.key) return target.key;
  const options = Object.entries(target.options)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${keySlug(name)}-${keySlug(String(value))}`)
    .join('.');
  const period = target.period.kind === 'rolling' ? `rolling-${target.period.days}d` : target.period.kind;
  const scope = `${target.agencyCode ?? 'province'}${target.subtree ? '' : ':only'}`;
  return [
    target.indicatorId,
    options ? bounded(options, 38) : 'default',
    scope,
    period,
    target.activeFrom,
    COMPARATOR_NAMES[target.comparator],
    legalBasisSlug(target.legalBasis),
  ].join(':');
}
