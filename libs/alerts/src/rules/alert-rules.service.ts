import { Injectable } from '@nestjs/common';
import { AgenciesService, TargetsService } from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import { DomainError } from '@dvc/domain-errors';
import { IndicatorsService, localDateOf } from '@dvc/indicators';
import { AlertsRepository } from '../storage/alerts.repository';
import { AlertRule, AlertRuleInput, alertRuleInputSchema, AlertRuleSpec } from './alert-rule.schema';
import { rulesFromTargets } from './rules-from-targets';

/** Alert rules: CRUD, checked against the catalogue, and the import of every active target as a rule. */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly targets: TargetsService,
    private readonly agencies: AgenciesService,
    private readonly indicators: IndicatorsService,
    private readonly config: AppConfig,
  ) {}

  list(): Promise<AlertRule[]> {
    return this.repository.listRules();
  }

  get(id: string): Promise<AlertRule> {
    return this.repository.getRule(id);
  }

  async create(input: AlertRuleInput): Promise<AlertRule> {
    const spec = await this.checked(input);
    if ((await this.repository.listRules()).some((rule) => rule.key === spec.key)) {
      throw new DomainError('conflict', `an alert rule with key ${spec.key} exists; update it with PUT`);
    }
    return this.repository.upsertRule(spec);
  }

  async replace(id: string, input: AlertRuleInput): Promise<AlertRule> {
    return this.repository.replaceRule(id, await this.checked(input));
  }

  remove(id: string): Promise<void> {
    return this.repository.removeRule(id);
  }

  /** Every target active today becomes (or updates) its rule `target.<key>`; idempotent. */
  async importTargets(): Promise<{ imported: number; rules: AlertRule[] }> {
    const today = localDateOf(new Date());
    const targets = await this.targets.list({ activeOn: today });
    const roots = await this.agencies.list({ parentCode: null });
    const specs = rulesFromTargets(targets, {
      provinceRoot: roots.length === 1 ? roots[0].code : null,
      minSample: this.config.TARGET_MIN_SAMPLE,
    });
    const rules = await this.repository.transaction(async (manager) => {
      const saved: AlertRule[] = [];
      for (const spec of specs) saved.push(await this.repository.upsertRule(spec, manager));
      return saved;
    });
    return { imported: rules.length, rules };
  }

  private async checked(input: AlertRuleInput): Promise<AlertRuleSpec> {
    const parsed = alertRuleInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new DomainError(
        'invalid',
        'invalid alert rule',
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      );
    }
    const spec = parsed.data;
    this.indicators.definition(spec.indicatorId);
    if (spec.scope.agencyCode !== null) {
      await this.agencies.get(spec.scope.agencyCode).catch(() => {
        throw new DomainError('invalid', `unknown agency ${spec.scope.agencyCode}`);
      });
    }
    if (spec.condition.kind === 'below_target') {
      const key = spec.condition.targetKey;
      if (!(await this.targets.list()).some((target) => target.key === key)) {
        throw new DomainError('invalid', `unknown target ${key}`);
      }
    }
    return spec;
  }
}
