import { DateRange } from '@dvc/indicators';
import { NotificationKind } from '../state/alert-state';
import { HealthRequirement } from '../state/alert-condition';
import { RecoveryNeeds, UnitFigures } from '../evaluation/recovery-needs';

/** Everything a message about one alert says: built once per evaluation, rendered per channel. */
export interface AlertNotice {
  alertId: string;
  kind: NotificationKind;
  ruleKey: string;
  ruleName: string;
  severity: 'info' | 'warning' | 'critical';
  /** The alert's labels (alertLabelsOf): what silences and Alertmanager routes match. */
  labels: Record<string, string>;
  unit: { code: string | null; name: string };
  indicator: { id: string; nameVi: string; unit: 'share' | 'percentage_points' | 'count' };
  period: DateRange;
  requirement: HealthRequirement;
  figures: UnitFigures;
  needs: RecoveryNeeds;
  firingSince: number;
  /** When the evaluation read the figures (epoch ms). */
  evaluatedAt: number;
  dashboardUrl: string;
}
