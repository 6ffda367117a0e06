import { z } from 'zod';
import { normaliseCode } from '@dvc/dossier-events';

/**
 * QCVN 102:2016/BTTTT agency identifier: four dot-separated groups from the unit up to the top level, e.g.
 * `000.00.12.H12` (a department of province H12) or `000.00.00.H12` (the province itself).
 */
export const QCVN_102_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/** What any agency code must look like, QCVN 102 or a local variant. */
const ACCEPTED_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;

/** One spelling per code, the same as events' codes are stored with. */
export const normaliseAgencyCode = normaliseCode;

/** Null for a QCVN 102 code; otherwise why the code is accepted only as a local variant. */
export function agencyCodeWarning(code: string): string | null {
  return QCVN_102_PATTERN.test(code)
    ? null
    : `"${code}" is not a QCVN 102:2016 identifier (like 000.00.12.H12); kept as a local code`;
}

/**
 * A code written with a space between two letters or digits ("abc def") is two words, not a spelling of one:
 * normalising would silently make it another code (ABCDEF), so it is refused. Spaces beside a separator
 * ("000 .00.12.H12"), full-width digits, case and commas for dots are spelling, and are normalised. Words that
 * would not make a code even joined (a name in the code column) get the code format's own message instead.
 */
export const codeWithoutInnerSpaces = z
  .string()
  .refine((raw) => !hasInnerSpace(raw) || !ACCEPTED_PATTERN.test(normaliseCode(raw)), {
    message: 'a code has no spaces inside: this cell would become another code; fix it',
  });

function hasInnerSpace(raw: string): boolean {
  return /[\p{L}\p{N}]\s+[\p{L}\p{N}]/u.test(raw.normalize('NFKC').trim());
}

export const agencyCodeSchema = codeWithoutInnerSpaces
  .transform(normaliseAgencyCode)
  .pipe(
    z
      .string()
      .regex(
        ACCEPTED_PATTERN,
        'expected an agency code like 000.00.12.H12 (letters, digits, dots, dashes; at most 64)',
      ),
  );
