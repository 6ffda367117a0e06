import { DossierIntake } from './dossier-intake';
import { IndicatorDefinition } from './indicator-definition';
import { DateRange, inDateRange } from './local-calendar';
import { Ratio, ratio } from './ratio';

export const dossiersOnline: IndicatorDefinition = {
  id: 'dossiers.online',
  nameVi: 'Tỷ lệ hồ sơ trực tuyến',
  nameEn: 'Share of dossiers received online',
  anchor: 'receipt',
  description:
    'Dossiers received through the online channel, out of all dossiers received, by the local day of ' +
    'receipt (Asia/Ho_Chi_Minh). Dossiers refused at intake are not received and count in neither. Each ' +
    'dossier counts once, with its latest intake event.',
};

export interface IntakeScope {
  /** Receiving agency's code; null for every agency. */
  agencyCode: string | null;
}

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
      (scope.agencyCode === null || intake.agencyCode === scope.agencyCode),
  );
  return ratio(received.filter((intake) => intake.channel === 'online').length, received.length);
}
