import { Target } from '@dvc/catalogue';
import { DateRange, parsePeriod } from '@dvc/indicators';
import { targetEvaluationPeriod } from '@dvc/target-status';
import { HealthRequirement, requirementOfAlertCondition } from '../state/alert-condition';
import { AlertRuleSpec } from '../rules/alert-rule.schema';

/** What one evaluation of a rule asks the engine, and what it holds the answer to. */
export interface RulePlan {
  /** The window as of today: counted from its start to today. */
  period: DateRange;
  /** The whole period the window belongs to (a month, a quarter, a year), for what it takes by its end; null for rolling windows. */
  wholePeriod: DateRange | null;
  requirement: HealthRequirement;
  agency: string | null;
  subtree: boolean;
  /** 'agency': one grouped query answers every child unit. */
  groupBy: 'agency' | null;
  options: Record<string, string | number | boolean>;
}

const WINDOW_PERIODS = { month_to_date: 'mtd', quarter_to_date: 'qtd', year_to_date: 'ytd' } as const;
const WHOLE_PERIODS = { month_to_date: 'month', quarter_to_date: 'quarter', year_to_date: 'year' } as const;

/** Plans a rule's evaluation on `today` (a local date); a below_target rule needs its target. */
export function planRule(rule: AlertRuleSpec, target: Target | null, today: string): RulePlan {
  if (rule.condition.kind === 'below_target' && target === null) {
    throw new Error(`rule ${rule.key}: target ${rule.condition.targetKey} does not exist`);
  }
  const requirement: HealthRequirement =
    rule.condition.kind === 'threshold'
      ? requirementOfAlertCondition(rule.condition)
      : { comparator: target!.comparator, threshold: target!.threshold };
  const { period, wholePeriod } = windowOf(rule, target, today);
  const scope = rule.scope;
  return {
    period,
    wholePeriod,
    requirement,
    agency: scope.agencyCode,
    subtree: scope.kind === 'children' ? true : scope.subtree,
    groupBy: scope.kind === 'children' ? 'agency' : null,
    options: { ...(target?.options ?? {}), ...rule.options },
  };
}

function windowOf(
  rule: AlertRuleSpec,
  target: Target | null,
  today: string,
): { period: DateRange; wholePeriod: DateRange | null } {
  const window = rule.window;
  switch (window.kind) {
    case 'rolling':
      return { period: parsePeriod(`rolling-${window.days}d`, today), wholePeriod: null };
    case 'month_to_date':
    case 'quarter_to_date':
    case 'year_to_date': {
      const wholePeriod = targetEvaluationPeriod(
        { kind: WHOLE_PERIODS[window.kind] },
        { from: today, to: today },
        today,
      );
      return { period: parsePeriod(WINDOW_PERIODS[window.kind], today), wholePeriod };
    }
    case 'target_period': {
      const whole = targetEvaluationPeriod(target!.period, { from: today, to: today }, today);
      if (target!.period.kind === 'rolling') return { period: whole, wholePeriod: null };
      return { period: { from: whole.from, to: today < whole.to ? today : whole.to }, wholePeriod: whole };
    }
  }
}
