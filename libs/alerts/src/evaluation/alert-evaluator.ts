import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { EntityManager } from 'typeorm';
import { AgenciesService, Agency, Target, TargetsService } from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import {
  IndicatorClock,
  indicatorQuerySchema,
  IndicatorResult,
  IndicatorsService,
  localDateOf,
  sameRangeLastYear,
} from '@dvc/indicators';
import { EmailSender, WebhookSender } from '@dvc/notifications';
import { renderAlertEmail } from '../messages/alert-email';
import { AlertNotice } from '../messages/alert-notice';
import { alertmanagerWebhookPayload, dvcWebhookPayload } from '../messages/alert-webhook-payload';
import { AlertRule } from '../rules/alert-rule.schema';
import { AlertsRepository, AlertRow, HistoryEntry, Silence } from '../storage/alerts.repository';
import { AlertObservation, judgeValue } from '../state/alert-condition';
import { initialAlertState } from '../state/alert-state';
import { stepAlert } from '../state/alert-state-machine';
import { matchesAll } from '../state/silence-matchers';
import { AlertsMetrics } from './alerts.metrics';
import { planRule, RulePlan } from './rule-plan';
import { alertLabelsOf } from '../rules/alert-labels';
import { recoveryNeeds, UnitFigures } from './recovery-needs';

/** The province as a unit: a rule on the whole province keys its one alert by this code. */
const PROVINCE = '';

interface UnitAnswer {
  code: string;
  name: string;
  observation: AlertObservation;
  figures: UnitFigures | null;
  lastYearDenominator: number | null;
}

interface PendingWrite {
  alert: Omit<AlertRow, 'ruleKey' | 'evaluatedAt'> & { evaluatedAt: Date };
  history: HistoryEntry | null;
}

export interface EvaluationOutcome {
  evaluated: boolean;
  rules: number;
  notices: number;
}

/**
 * Evaluates every enabled rule while holding the evaluator lease: one indicator query per rule (grouped by
 * child unit for "each child" scopes), each unit's state stepped by the pure state machine, then the new
 * states, their history and the grouped messages written in one transaction (fenced by the lease), and only
 * then the messages sent from that outbox. A crash before the commit re-evaluates from the old state; after
 * it, the outbox still holds what to send: neither re-notifies.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly repository: AlertsRepository,
    private readonly indicators: IndicatorsService,
    private readonly agencies: AgenciesService,
    private readonly targets: TargetsService,
    private readonly clock: IndicatorClock,
    private readonly config: AppConfig,
    private readonly email: EmailSender,
    private readonly webhooks: WebhookSender,
    private readonly metrics: AlertsMetrics,
  ) {}

  async evaluateOnce(): Promise<EvaluationOutcome> {
    if (!(await this.repository.tryAcquireLease(this.holder, this.config.ALERTS_LEASE_SECONDS))) {
      this.metrics.evaluations.inc({ outcome: 'skipped' });
      return { evaluated: false, rules: 0, notices: 0 };
    }
    const stopTimer = this.metrics.evaluationSeconds.startTimer();
    try {
      const outcome = await this.evaluateHoldingLease();
      this.metrics.evaluations.inc({ outcome: 'evaluated' });
      return outcome;
    } catch (error) {
      this.metrics.evaluations.inc({ outcome: 'failed' });
      throw error;
    } finally {
      stopTimer();
    }
  }

  private async evaluateHoldingLease(): Promise<EvaluationOutcome> {
    // Messages a previous run committed but did not get to send.
    await this.dispatch();
    const now = this.clock.now();
    const today = localDateOf(now);
    const [rules, targets, silences, existing] = await Promise.all([
      this.repository.listRules(),
      this.targets.list(),
      this.repository.activeSilences(now),
      this.repository.listAlerts(),
    ]);
    const writes: PendingWrite[] = [];
    const notices: { rule: AlertRule; notice: AlertNotice }[] = [];
    const enabled = rules.filter((rule) => rule.enabled);
    for (const rule of enabled) {
      const stepped = await this.evaluateRule(rule, targets, silences, existing, now, today);
      writes.push(...stepped.writes);
      notices.push(...stepped.notices.map((notice) => ({ rule, notice })));
    }
    await this.repository.transaction(async (manager) => {
      await this.repository.renewLeaseOrFail(manager, this.holder, this.config.ALERTS_LEASE_SECONDS);
      for (const write of writes) {
        await this.repository.saveAlert(manager, write.alert);
        if (write.history) await this.repository.addHistory(manager, write.history);
      }
      await this.enqueue(manager, notices);
    });
    await this.dispatch();
    return { evaluated: true, rules: enabled.length, notices: notices.length };
  }

  private async evaluateRule(
    rule: AlertRule,
    targets: readonly Target[],
    silences: readonly Silence[],
    existing: readonly AlertRow[],
    now: Date,
    today: string,
  ): Promise<{ writes: PendingWrite[]; notices: AlertNotice[] }> {
    const target =
      rule.condition.kind === 'below_target'
        ? (targets.find(
            (candidate) => candidate.key === (rule.condition as { targetKey: string }).targetKey,
          ) ?? null)
        : null;
    const definition = this.indicators.definition(rule.indicatorId);
    let plan: RulePlan | null = null;
    let units: UnitAnswer[];
    try {
      plan = planRule(rule, target, today);
      units = await this.answer(rule, plan, definition.measure === 'flow');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`rule ${rule.key} could not be evaluated: ${message}`);
      // Every known alert of the rule goes to error; a rule never evaluated gets one for its scope.
      const known = existing.filter((alert) => alert.ruleId === rule.id);
      units = (
        known.length > 0
          ? known
          : [{ unitCode: rule.scope.agencyCode ?? PROVINCE, unitName: rule.scope.agencyCode ?? 'Toàn tỉnh' }]
      ).map((alert) => ({
        code: alert.unitCode,
        name: alert.unitName,
        observation: { kind: 'error', message },
        figures: null,
        lastYearDenominator: null,
      }));
    }
    const writes: PendingWrite[] = [];
    const notices: AlertNotice[] = [];
    const timing = {
      forMs: rule.forSeconds * 1000,
      keepFiringForMs: rule.keepFiringForSeconds * 1000,
      repeatIntervalMs: rule.repeatIntervalSeconds === null ? null : rule.repeatIntervalSeconds * 1000,
    };
    for (const unit of units) {
      const known = existing.find((alert) => alert.ruleId === rule.id && alert.unitCode === unit.code);
      const id = known?.id ?? randomUUID();
      const previous = known?.machine ?? initialAlertState(now.getTime());
      const labels = alertLabelsOf(rule, unit.code);
      const silenced = silences.some((silence) => matchesAll(silence.matchers, labels));
      const { next, notification } = stepAlert(previous, unit.observation, {
        now: now.getTime(),
        timing,
        silenced,
      });
      const figures = unit.figures && plan ? { ...unit.figures, period: plan.period } : null;
      const changed = next.state !== previous.state || notification !== null || known === undefined;
      writes.push({
        alert: {
          id,
          ruleId: rule.id,
          unitCode: unit.code,
          unitName: unit.name,
          state: next.state,
          machine: next,
          figures,
          labels,
          evaluatedAt: now,
        },
        history: changed
          ? {
              alertId: id,
              at: now,
              fromState: known ? previous.state : 'normal',
              toState: next.state,
              notification,
              figures,
              note: unit.observation.kind === 'error' ? unit.observation.message : null,
            }
          : null,
      });
      if (notification && plan && unit.figures) {
        notices.push({
          alertId: id,
          kind: notification,
          ruleKey: rule.key,
          ruleName: rule.name,
          severity: rule.severity,
          labels,
          unit: { code: unit.code || null, name: unit.name },
          indicator: { id: rule.indicatorId, nameVi: definition.nameVi, unit: definition.unit },
          period: plan.period,
          requirement: plan.requirement,
          figures: unit.figures,
          needs: recoveryNeeds(
            unit.figures,
            plan.requirement,
            definition.unit,
            plan.wholePeriod,
            today,
            unit.lastYearDenominator,
          ),
          firingSince: next.episode?.firingSince ?? previous.episode?.firingSince ?? now.getTime(),
          evaluatedAt: now.getTime(),
          dashboardUrl: dashboardLink(this.config.PUBLIC_BASE_URL, unit.code),
        });
      }
    }
    return { writes, notices };
  }

  /** One grouped query (plus last year's, for a flow share of a running period) answers every unit of the rule. */
  private async answer(rule: AlertRule, plan: RulePlan, flow: boolean): Promise<UnitAnswer[]> {
    const query = (range: { from: string; to: string }) =>
      this.indicators.compute(
        rule.indicatorId,
        indicatorQuerySchema.parse({
          ...range,
          ...(plan.agency === null ? {} : { agency: plan.agency }),
          subtree: String(plan.subtree),
          ...(plan.groupBy ? { groupBy: plan.groupBy } : {}),
          ...Object.fromEntries(Object.entries(plan.options).map(([name, value]) => [name, String(value)])),
        }),
      );
    const projecting = flow && plan.wholePeriod !== null;
    // One after the other: the embedded engine (chDB) keeps a query's settings on its one connection.
    const result = await query(plan.period);
    const lastYear = projecting ? await query(sameRangeLastYear(plan.wholePeriod!)) : null;
    const units = await this.unitsOf(rule, plan);
    const lastYearOf = (code: string) => {
      if (!lastYear) return null;
      if (plan.groupBy === null) return lastYear.denominator;
      return lastYear.groups?.find((group) => group.key === code)?.denominator ?? null;
    };
    return units.map(({ code, name }) => {
      const figures = figuresOf(result, plan.groupBy === null ? null : code);
      return {
        code,
        name,
        figures,
        observation: this.observe(figures, rule, plan),
        lastYearDenominator: lastYearOf(code),
      };
    });
  }

  private observe(figures: UnitFigures, rule: AlertRule, plan: RulePlan): AlertObservation {
    const tooSmall = figures.denominator !== null && figures.denominator < rule.minSample;
    if (figures.value === null || tooSmall) return { kind: 'no_data' };
    return { kind: 'value', ...judgeValue(figures.value, plan.requirement, rule.recoveryMarginPoints) };
  }

  private async unitsOf(rule: AlertRule, plan: RulePlan): Promise<{ code: string; name: string }[]> {
    if (plan.groupBy === null) {
      if (plan.agency === null) return [{ code: PROVINCE, name: 'Toàn tỉnh' }];
      const agency = await this.agencies.get(plan.agency);
      return [{ code: agency.code, name: agency.name }];
    }
    const today = plan.period.to;
    const children = await this.agencies.list({ parentCode: plan.agency });
    return children
      .filter(
        (child: Agency) => child.validFrom <= today && (child.validTo === null || child.validTo >= today),
      )
      .map((child) => ({ code: child.code, name: child.name }));
  }

  /** Groups what this evaluation has to say: one email per recipient, one payload per webhook endpoint. */
  private async enqueue(
    manager: EntityManager,
    notices: readonly { rule: AlertRule; notice: AlertNotice }[],
  ): Promise<void> {
    if (notices.length === 0) return;
    const unitCodes = [
      ...new Set(
        notices
          .filter(({ rule }) => rule.recipients.unitContacts)
          .map(({ notice }) => notice.unit.code ?? PROVINCE),
      ),
    ];
    const contacts = await this.repository.contactsOf(manager, unitCodes.filter(Boolean));
    const byEmail = new Map<string, AlertNotice[]>();
    const byEndpoint = new Map<string, { endpoint: AlertRule['webhooks'][number]; notices: AlertNotice[] }>();
    for (const { rule, notice } of notices) {
      const unitContacts = rule.recipients.unitContacts
        ? contacts
            .filter((contact) => contact.agencyCode === (notice.unit.code ?? PROVINCE))
            .map((contact) => contact.email)
        : [];
      for (const email of new Set([...unitContacts, ...rule.recipients.emails])) {
        byEmail.set(email, [...(byEmail.get(email) ?? []), notice]);
      }
      for (const endpoint of rule.webhooks) {
        const key = JSON.stringify([endpoint.url, endpoint.secret, endpoint.format]);
        const entry = byEndpoint.get(key) ?? { endpoint, notices: [] };
        entry.notices.push(notice);
        byEndpoint.set(key, entry);
      }
    }
    for (const [email, grouped] of byEmail) {
      await this.repository.enqueue(manager, {
        channel: 'email',
        destination: email,
        alertIds: grouped.map((notice) => notice.alertId),
        message: renderAlertEmail([email], grouped),
      });
    }
    for (const { endpoint, notices: grouped } of byEndpoint.values()) {
      const payload =
        endpoint.format === 'alertmanager'
          ? alertmanagerWebhookPayload(grouped, this.config.PUBLIC_BASE_URL)
          : dvcWebhookPayload(grouped);
      await this.repository.enqueue(manager, {
        channel: 'webhook',
        destination: endpoint.url,
        alertIds: grouped.map((notice) => notice.alertId),
        message: { payload, secret: endpoint.secret },
      });
    }
  }

  releaseLease(): Promise<void> {
    return this.repository.releaseLease(this.holder);
  }

  /** Sends every pending message of the outbox and records what became of it. */
  async dispatch(): Promise<void> {
    for (const message of await this.repository.pendingMessages()) {
      const result =
        message.channel === 'email'
          ? await this.email.send(message.message as Parameters<EmailSender['send']>[0])
          : await this.webhooks.send({
              url: message.destination,
              secret: (message.message as { secret: string | null }).secret,
              payload: (message.message as { payload: unknown }).payload,
              idempotencyKey: message.id,
            });
      await this.repository.recordDelivery(message.id, result);
      if (result.outcome === 'failed') this.metrics.notificationFailures.inc({ channel: message.channel });
    }
  }
}

function figuresOf(result: IndicatorResult, code: string | null): UnitFigures {
  if (code === null)
    return { numerator: result.numerator, denominator: result.denominator, value: result.value };
  const group = result.groups?.find((candidate) => candidate.key === code);
  // A unit without dossiers in the window is absent from the groups.
  return group
    ? { numerator: group.numerator, denominator: group.denominator, value: group.value }
    : { numerator: 0, denominator: result.denominator === null ? null : 0, value: null };
}

/** The dashboard's page for a unit. */
export function dashboardLink(base: string, unitCode: string): string {
  const url = new URL(base);
  if (unitCode) url.searchParams.set('agency', unitCode);
  return url.toString();
}
