import { z } from 'zod';
import { catalogueDateSchema, optionalEndDateSchema } from '../catalogue-date';
import { agencyCodeSchema } from './agency-code';

export const AGENCY_KINDS = ['province', 'department', 'district', 'commune', 'centre', 'other'] as const;
export const agencyKindSchema = z.enum(AGENCY_KINDS);

/** An agency as written by officials (API body, import row). */
export const agencyInputSchema = z
  .object({
    code: agencyCodeSchema.describe('Agency identifier, QCVN 102:2016 (e.g. 000.00.12.H12) or a local code'),
    name: z.string().trim().min(1).max(300).describe('Vietnamese name'),
    kind: agencyKindSchema,
    parentCode: agencyCodeSchema.nullable().optional().describe('The unit above; none for the top'),
    validFrom: catalogueDateSchema.describe('First day in force (YYYY-MM-DD)'),
    validTo: optionalEndDateSchema.describe('Last day in force, inclusive; absent while in force'),
  })
  .strict()
  .refine((agency) => !agency.validTo || agency.validTo >= agency.validFrom, {
    message: 'validTo is before validFrom',
    path: ['validTo'],
  })
  .refine((agency) => agency.parentCode !== agency.code, {
    message: 'an agency cannot be its own parent',
    path: ['parentCode'],
  });
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

/** Old unit → new unit from a date: a merger is several lineage links into one unit, a split several out. */
export const lineageInputSchema = z
  .object({
    fromCode: agencyCodeSchema.describe('The old unit'),
    toCode: agencyCodeSchema.describe('The unit that took over its work'),
    effectiveDate: catalogueDateSchema.describe('First day the new unit took over'),
  })
  .strict()
  .refine((link) => link.fromCode !== link.toCode, {
    message: 'a unit cannot succeed itself',
    path: ['toCode'],
  });
export type LineageInput = z.infer<typeof lineageInputSchema>;
export type Lineage = LineageInput;
