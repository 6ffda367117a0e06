import { AlertRuleSpec } from './alert-rule.schema';

/** An alert's labels, Prometheus-style: the rule's own, then ours (which win). Silences and routes match these. */
export function alertLabelsOf(rule: AlertRuleSpec, unitCode: string): Record<string, string> {
  return {
    ...rule.labels,
    alertname: rule.key,
    severity: rule.severity,
    indicator: rule.indicatorId,
    agency: unitCode || 'province',
  };
}
