import { AlertNotice } from './alert-notice';

const iso = (ms: number) => new Date(ms).toISOString();

/** Our own webhook payload: every alert of the evaluation for this endpoint, with the figures. */
export function dvcWebhookPayload(notices: readonly AlertNotice[]) {
  return {
    version: 'dvc.alerts.v1',
    alerts: notices.map((notice) => ({
      id: notice.alertId,
      kind: notice.kind,
      status: notice.kind === 'resolved' ? 'resolved' : 'firing',
      rule: { key: notice.ruleKey, name: notice.ruleName },
      severity: notice.severity,
      labels: notice.labels,
      unit: notice.unit,
      indicator: notice.indicator,
      period: notice.period,
      requirement: notice.requirement,
      figures: notice.figures,
      needs: notice.needs,
      firingSince: iso(notice.firingSince),
      evaluatedAt: iso(notice.evaluatedAt),
      dashboardUrl: notice.dashboardUrl,
    })),
  };
}

/**
 * Alertmanager's webhook_config payload (version 4), so a province's Alertmanager or any receiver written for
 * it routes our alerts: one group per evaluation, the figures in annotations.
 */
export function alertmanagerWebhookPayload(notices: readonly AlertNotice[], externalUrl: string) {
  const alerts = notices.map((notice) => {
    const resolved = notice.kind === 'resolved';
    const value = notice.figures.value;
    return {
      status: resolved ? 'resolved' : 'firing',
      labels: notice.labels,
      annotations: {
        summary: `${notice.unit.name}: ${notice.indicator.nameVi}`,
        value: value === null ? '' : String(value),
        numerator: String(notice.figures.numerator),
        denominator: notice.figures.denominator === null ? '' : String(notice.figures.denominator),
        threshold: `${notice.requirement.comparator} ${notice.requirement.threshold}`,
        ...(notice.needs.moreNeeded === null ? {} : { more_needed: String(notice.needs.moreNeeded) }),
      },
      startsAt: iso(notice.firingSince),
      endsAt: resolved ? iso(notice.evaluatedAt) : '0001-01-01T00:00:00Z',
      generatorURL: notice.dashboardUrl,
      fingerprint: notice.alertId.replace(/-/g, '').slice(0, 16),
    };
  });
  const firing = alerts.some((alert) => alert.status === 'firing');
  const common = (pick: (alert: (typeof alerts)[number]) => Record<string, string>) => {
    const [first, ...rest] = alerts.map(pick);
    return Object.fromEntries(
      Object.entries(first ?? {}).filter(([name, value]) => rest.every((other) => other[name] === value)),
    );
  };
  return {
    version: '4',
    groupKey: `{}:{alertname="${notices[0]?.ruleKey ?? ''}"}`,
    truncatedAlerts: 0,
    status: firing ? 'firing' : 'resolved',
    receiver: 'dvc-alerts',
    groupLabels: {},
    commonLabels: common((alert) => alert.labels),
    commonAnnotations: common((alert) => alert.annotations),
    externalURL: externalUrl,
    alerts,
  };
}
