import { z } from 'zod';
import { normaliseCode } from '@dvc/dossier-events';
import { catalogueDateSchema, optionalEndDateSchema } from '../catalogue-date';
import { agencyCodeSchema, codeWithoutInnerSpaces } from '../agencies/agency-code';

/** National code (`1.004227`); a local code may add the agency's suffix (`1.004227.000.00.12.H12`). */
export const procedureCodeSchema = codeWithoutInnerSpaces.transform(normaliseCode).pipe(
  z
    .string()
    .regex(
      /^\d+\.\d{6}(\.[A-Z0-9][A-Z0-9._-]*)?$/,
      'expected a procedure code like 1.004227 (optionally followed by .agency-code)',
    )
    .max(80),
);

export const procedureInputSchema = z
  .object({
    code: procedureCodeSchema,
    name: z.string().trim().min(1).max(1000).describe('Vietnamese name'),
    field: z.string().trim().min(1).max(200).describe('Lĩnh vực (land, construction, justice, ...)'),
    validTo: optionalEndDateSchema.describe('Last day in force (abolished after); absent while in force'),
  })
  .strict();
export type ProcedureInput = z.infer<typeof procedureInputSchema>;
export type Procedure = Required<ProcedureInput> & { validTo: string | null };

/** An agency offers a procedure; its service level is a history of changes. */
export const offeringInputSchema = z
  .object({
    procedureCode: procedureCodeSchema,
    agencyCode: agencyCodeSchema,
    validTo: optionalEndDateSchema.describe('Last day the agency offers it; absent while offered'),
  })
  .strict();
export type OfferingInput = z.infer<typeof offeringInputSchema>;
export type Offering = { procedureCode: string; agencyCode: string; validTo: string | null };

/** Decree 42/2022 modes: none, một phần (partial), toàn trình (full). */
export const SERVICE_MODES = ['none', 'partial', 'full'] as const;
export const serviceModeSchema = z.enum(SERVICE_MODES);

/** The service level an offering has from a date until its next change. */
export const levelChangeInputSchema = z
  .object({
    procedureCode: procedureCodeSchema,
    agencyCode: agencyCodeSchema,
    effectiveFrom: catalogueDateSchema.describe('First day at this level'),
    level: z.number().int().min(1).max(4).describe('Decree 43/2011 level, 1-4'),
    mode: serviceModeSchema.describe('Decree 42/2022: none, partial (một phần), full (toàn trình)'),
    portal: z.boolean().describe('Integrated with the National Public Service Portal'),
    fee: z.boolean().describe('Charges a fee'),
  })
  .strict();
export type LevelChangeInput = z.infer<typeof levelChangeInputSchema>;
export type LevelChange = LevelChangeInput;

export const procedureSchema = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  validTo: z.string().nullable(),
});

export const offeringSchema = z.object({
  procedureCode: z.string(),
  agencyCode: z.string(),
  validTo: z.string().nullable(),
});

export const levelChangeSchema = z.object({
  procedureCode: z.string(),
  agencyCode: z.string(),
  effectiveFrom: z.string(),
  level: z.number().int(),
  mode: serviceModeSchema,
  portal: z.boolean(),
  fee: z.boolean(),
});

/** A procedure with each agency offering it and that offering's level history, oldest change first. */
export const procedureDetailSchema = procedureSchema.extend({
  offerings: z.array(
    offeringSchema.omit({ procedureCode: true }).extend({
      levels: z.array(levelChangeSchema.omit({ procedureCode: true, agencyCode: true })),
    }),
  ),
});
