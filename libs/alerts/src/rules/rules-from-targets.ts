import { Target } from '@dvc/catalogue';
import { AlertRuleSpec, alertRuleInputSchema } from './alert-rule.schema';

export interface RulesFromTargetsOptions {
  /** Where a province-wide target is watched: each child of this agency (the province's root). */
  provinceRoot: string | null;
  minSample: number;
}

/**
 * One rule per active target, "below its target" over the target's own period: a province-wide target watches
 * each unit directly under the province (every department, district) on its subtree; an agency's target
 * watches that agency. Defaults chosen for officials: fire after an hour below, clear one point past the
 * threshold (shares), remind weekly, tell the unit's own contacts.
 */
export function rulesFromTargets(
  targets: readonly Target[],
  options: RulesFromTargetsOptions,
): AlertRuleSpec[] {
  return targets.flatMap((target) => {
    const scope =
      target.agencyCode !== null
        ? { kind: 'agency' as const, agencyCode: target.agencyCode, subtree: target.subtree }
        : options.provinceRoot !== null
          ? { kind: 'children' as const, agencyCode: options.provinceRoot }
          : { kind: 'agency' as const, agencyCode: null, subtree: true };
    const share =
      target.threshold >= 0 && target.threshold <= 1 && !target.indicatorId.endsWith('level_growth');
    return [
      alertRuleInputSchema.parse({
        key: `target.${target.key}`,
        name: `Dưới chỉ tiêu: ${target.legalBasis}`,
        indicatorId: target.indicatorId,
        options: {},
        scope,
        window: { kind: 'target_period' },
        condition: { kind: 'below_target', targetKey: target.key },
        minSample: options.minSample,
        forSeconds: 3600,
        recoveryMarginPoints: share ? 0.01 : 0,
        keepFiringForSeconds: 0,
        repeatIntervalSeconds: 7 * 86_400,
        severity: 'warning',
        labels: { source: 'target' },
      }),
    ];
  });
}
