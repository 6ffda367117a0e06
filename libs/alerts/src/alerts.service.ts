import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AuditTrail } from '@dvc/audit';
import { AgenciesService } from '@dvc/catalogue';
import { IndicatorClock } from '@dvc/indicators';
import { DomainError } from '@dvc/domain-errors';
import { AlertRow, AlertsRepository, Silence } from './storage/alerts.repository';
import { AlertEvaluator, EvaluationOutcome } from './evaluation/alert-evaluator';
import { AlertStateName } from './state/alert-state';
import { acknowledgeAlert } from './state/alert-state-machine';
import { silenceMatcherSchema } from './state/silence-matchers';

export const acknowledgementInputSchema = z
  .object({ comment: z.string().trim().min(1).max(2000).describe('What is being done about it') })
  .strict();

export const silenceInputSchema = z
  .object({
    matchers: z.array(silenceMatcherSchema).min(1).max(20),
    startsAt: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
    endsAt: z.iso.datetime({ offset: true }),
    comment: z.string().trim().min(1).max(2000),
  })
  .strict()
  .refine(
    (silence) => Date.parse(silence.endsAt) > Date.parse(silence.startsAt ?? new Date().toISOString()),
    {
      message: 'endsAt must be after startsAt (and in the future)',
      path: ['endsAt'],
    },
  );
export type SilenceInput = z.infer<typeof silenceInputSchema>;

/** Current alerts, their history, acknowledgements and silences. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly agencies: AgenciesService,
    private readonly clock: IndicatorClock,
    private readonly audit: AuditTrail,
    private readonly evaluator: AlertEvaluator,
  ) {}

  /**
   * An evaluation asked for by a caller (not the scheduler): run, then written to the audit log with what it did
   * (alerts.alerts is not an audited table: the evaluator's own writes are its history).
   */
  async evaluateNow(): Promise<EvaluationOutcome> {
    const outcome = await this.evaluator.evaluateOnce();
    await this.audit.recordNow({ action: 'evaluate', entity: 'alerts.evaluator', after: outcome });
    return outcome;
  }

  /** Alerts, by state, and within an agency's subtree when given (the province-wide alert is outside any agency). */
  async list(
    filter: { states?: AlertStateName[]; agency?: string; ruleId?: string } = {},
  ): Promise<AlertRow[]> {
    const alerts = await this.repository.listAlerts({ states: filter.states, ruleId: filter.ruleId });
    if (filter.agency === undefined) return alerts;
    const within = await this.subtreeOf(filter.agency);
    return alerts.filter((alert) => within.has(alert.unitCode));
  }

  get(id: string): Promise<AlertRow> {
    return this.repository.getAlert(id);
  }

  history(id: string) {
    return this.repository.history(id);
  }

  notifications(id: string) {
    return this.repository.notifications({ alertId: id });
  }

  /** Stops the alert's repeats until it resolves or worsens again; written to its history. */
  async acknowledge(id: string, by: string, comment: string): Promise<AlertRow> {
    return this.repository.transaction(async (manager) => {
      const alert = await this.repository.getAlert(id, manager);
      const now = this.clock.now();
      const machine = acknowledgeAlert(alert.machine, { by, comment, at: now.getTime() });
      await this.repository.saveAlert(manager, {
        ...alert,
        machine,
        evaluatedAt: new Date(alert.evaluatedAt),
      });
      await this.repository.addHistory(manager, {
        alertId: id,
        at: now,
        fromState: alert.state,
        toState: alert.state,
        notification: null,
        figures: null,
        note: `acknowledged by ${by}: ${comment}`,
      });
      await this.audit.record(manager, {
        action: 'acknowledge',
        entity: 'alerts.alerts',
        entityId: id,
        before: { state: alert.state, machine: alert.machine },
        after: { state: alert.state, machine, comment },
      });
      return { ...alert, machine };
    });
  }

  listSilences(): Promise<Silence[]> {
    return this.repository.listSilences();
  }

  getSilence(id: string): Promise<Silence> {
    return this.repository.getSilence(id);
  }

  createSilence(input: SilenceInput, by: string): Promise<Silence> {
    return this.repository.transaction((manager) =>
      this.repository.createSilence(manager, {
        matchers: input.matchers.map(({ name, value, isEqual }) => ({ name, value, isEqual })),
        startsAt: input.startsAt ?? this.clock.now().toISOString(),
        endsAt: input.endsAt,
        createdBy: by,
        comment: input.comment,
      }),
    );
  }

  async expireSilence(id: string): Promise<Silence> {
    return this.repository.transaction(async (manager) => {
      const silence = await this.repository.getSilence(id, manager);
      if (Date.parse(silence.endsAt) <= this.clock.now().getTime())
        throw new DomainError('conflict', `silence ${id} has already ended`);
      await this.repository.expireSilence(manager, id, this.clock.now());
      return this.repository.getSilence(id, manager);
    });
  }

  /** The agency and every unit under it, by the catalogue's parent links. */
  private async subtreeOf(code: string): Promise<Set<string>> {
    const all = await this.agencies.list();
    const children = new Map<string, string[]>();
    for (const agency of all) {
      if (agency.parentCode)
        children.set(agency.parentCode, [...(children.get(agency.parentCode) ?? []), agency.code]);
    }
    const found = new Set<string>();
    const walk = (unit: string) => {
      if (found.has(unit)) return;
      found.add(unit);
      for (const child of children.get(unit) ?? []) walk(child);
    };
    walk(code);
    return found;
  }
}
