import { DossierIntake } from './dossier-intake';
import { IndicatorDefinition } from './indicator-definition';
import { DateRange, inDateRange } from './local-calendar';
import { Ratio, ratio } from './ratio';

export const dossiersOnline: IndicatorDefinition = {
  id: 'dossiers.online',
  nameVi: 'Tỷ lệ hồ sơ trực tuyến',
  nameEn: 'Share of dossiers received online',
  anchor: 'receipt',
  unit: 'share',
  measure: 'flow',
  options: ['denominator', 'level', 'postal'],
  description:
    'Dossiers received through the online channel, out of all dossiers received, by the local day of ' +
    'receipt (Asia/Ho_Chi_Minh). Dossiers refused at intake are not received and count in neither. Each ' +
    'dossier counts once, with its latest intake event. Variants: denominator=online_procedures counts only ' +
    'dossiers of procedures offered at level 3 or 4 at receipt; level=3 or level=4 only those of procedures at ' +
    'that level; postal=exclude leaves dossiers received by post out of the denominator.',
};

export interface IntakeScope {
  /** Codes of the receiving agencies in scope (a subtree, resolved from the catalogue); null for every agency. */
  agencyCodes: ReadonlySet<string> | null;
}

/** The scope of one agency code alone (a code the catalogue does not know), or of every agency. */
export const singleAgency = (code: string | null): IntakeScope => ({
  agencyCodes: code === null ? null : new Set([code]),
});

/** The formula over resolved intakes: the reference the ClickHouse query must agree with. */
export function countDossiersOnline(
  intakes: readonly DossierIntake[],
  range: DateRange,
  scope: IntakeScope,
): Ratio {
  const received = intakes.filter(
    (intake) =>
      intake.received &&
      inDateRange(intake.receivedDate, range) &&
      (scope.agencyCodes === null || scope.agencyCodes.has(intake.agencyCode)),
  );
  return ratio(received.filter((intake) => intake.channel === 'online').length, received.length);
}
