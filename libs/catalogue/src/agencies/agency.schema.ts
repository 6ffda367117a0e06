import { z } from 'zod';
import { catalogueDateSchema, optionalEndDateSchema } from '../catalogue-date';
import { catalogueTextSchema } from '../catalogue-text';
import { agencyCodeSchema } from './agency-code';

export const AGENCY_KINDS = ['province', 'department', 'district', 'commune', 'centre', 'other'] as const;
export const agencyKindSchema = z.enum(AGENCY_KINDS);

/** An agency's fields, without the rules across fields (so a body without the code can be derived). */
export const agencyFieldsSchema = z
  .object({
    code: agencyCodeSchema.describe('Agency identifier, QCVN 102:2016 (e.g. 000.00.12.H12) or a local code'),
    name: catalogueTextSchema(300).describe('Vietnamese name'),
    kind: agencyKindSchema,
    parentCode: agencyCodeSchema.nullable().optional().describe('The unit above; none for the top'),
    validFrom: catalogueDateSchema.describe('First day in force (YYYY-MM-DD)'),
    validTo: optionalEndDateSchema.describe('Last day in force, inclusive; absent while in force'),
  })
  .strict();

/** Refuses an agency whose validTo is before its validFrom. */
export const withAgencyDatesInOrder = <T extends z.ZodType<{ validFrom: string; validTo?: string | null }>>(
  schema: T,
): T =>
  schema.refine((agency) => !agency.validTo || agency.validTo >= agency.validFrom, {
    message: 'validTo is before validFrom',
    path: ['validTo'],
  });

/** An agency as written by officials (API body, import row). */
export const agencyInputSchema = withAgencyDatesInOrder(agencyFieldsSchema).refine(
  (agency) => agency.parentCode !== agency.code,
  {
    message: 'an agency cannot be its own parent',
    path: ['parentCode'],
  },
);
export type AgencyInput = z.infer<typeof agencyInputSchema>;

export const agencySchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: agencyKindSchema,
  parentCode: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type Agency = z.infer<typeof agencySchema>;

export const lineageFieldsSchema = z
  .object({
    fromCode: agencyCodeSchema.describe('The old unit'),
    toCode: agencyCodeSchema.describe('The unit that took over its work'),
    effectiveDate: catalogueDateSchema.describe('First day the new unit took over'),
  })
  .strict();

/** Old unit → new unit from a date: a merger is several lineage links into one unit, a split several out. */
export const lineageInputSchema = lineageFieldsSchema.refine((link) => link.fromCode !== link.toCode, {
  message: 'a unit cannot succeed itself',
  path: ['toCode'],
});
export type LineageInput = z.infer<typeof lineageInputSchema>;
export type Lineage = LineageInput;

export const lineageSchema = z.object({
  fromCode: z.string(),
  toCode: z.string(),
  effectiveDate: z.string(),
});
