import { Injectable } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { DomainError } from '@dvc/domain-errors';
import { presentRequiredShare } from '@dvc/indicator-answers';
import { Target, TargetsService } from '@dvc/catalogue';
import {
  DateRange,
  evaluateTarget,
  IndicatorClock,
  indicatorQuerySchema,
  IndicatorResult,
  IndicatorsService,
  localDateOf,
  parsePeriod,
  sameRangeLastYear,
} from '@dvc/indicators';
import { targetEvaluationPeriod } from './target-evaluation-period';
import { TargetStatusEntry, TargetStatusQuery, TargetStatusReport } from './target-status.schema';

type Figures = Pick<IndicatorResult, 'numerator' | 'denominator' | 'value'>;

/**
 * Where each target stands: the indicator over the target's period and scope, judged by the pure rules of
 * `evaluateTarget`; for a flow share in a running period, last year's volume sets the expected total.
 */
@Injectable()
export class TargetStatusService {
  constructor(
    private readonly targets: TargetsService,
    private readonly indicators: IndicatorsService,
    private readonly clock: IndicatorClock,
    private readonly config: AppConfig,
  ) {}

  async report(query: TargetStatusQuery): Promise<TargetStatusReport> {
    const today = localDateOf(this.clock.now());
    const period = parsePeriod(query.period, today);
    const minSample = query.minSample ?? this.config.TARGET_MIN_SAMPLE;
    const applicable = (await this.targets.list()).filter(
      (target) =>
        query.agency === undefined || target.agencyCode === null || target.agencyCode === query.agency,
    );
    const entries: TargetStatusEntry[] = [];
    for (const target of applicable) {
      const range = targetEvaluationPeriod(target.period, period, today);
      const active =
        target.activeFrom <= range.to && (target.activeTo === null || target.activeTo >= range.from);
      if (active) entries.push(await this.evaluate(target, range, today, minSample, query));
    }
    return { period, today, minSample, targets: entries };
  }

  private async evaluate(
    target: Target,
    range: DateRange,
    today: string,
    minSample: number,
    query: TargetStatusQuery,
  ): Promise<TargetStatusEntry> {
    const definition = this.indicators.definition(target.indicatorId);
    const agency = query.agency ?? target.agencyCode;
    // A province-wide target asked about for one agency is held against that agency's whole subtree.
    const subtree = query.agency !== undefined && target.agencyCode === null ? true : target.subtree;
    const evaluatedFor = { agency, subtree, ...range };
    const flow = definition.measure === 'flow';
    const running = today >= range.from && today <= range.to;
    const compute = (days: DateRange) =>
      this.indicators.compute(
        target.indicatorId,
        indicatorQuerySchema.parse({
          ...days,
          ...(agency === null ? {} : { agency, subtree }),
          structure: query.structure,
          ...Object.fromEntries(Object.entries(target.options).map(([name, value]) => [name, String(value)])),
        }),
      );
    let figures: Figures;
    let lastYear: Figures | null = null;
    try {
      figures = pick(await compute(range));
      if (flow && running) lastYear = pick(await compute(sameRangeLastYear(range)));
    } catch (error) {
      const message =
        error instanceof DomainError || error instanceof Error ? error.message : 'the indicator failed';
      return {
        ...evaluateTarget({
          target: { comparator: target.comparator, threshold: target.threshold, unit: definition.unit },
          actual: { numerator: 0, denominator: 0, value: null },
          period: range,
          today,
          minSample,
          flow,
        }),
        target,
        evaluatedFor,
        figures: null,
        lastYear: null,
        required: null,
        error: `cannot compute ${target.indicatorId} with options ${JSON.stringify(target.options)}: ${message}`,
      };
    }
    const evaluation = evaluateTarget({
      target: { comparator: target.comparator, threshold: target.threshold, unit: definition.unit },
      actual: figures,
      period: range,
      today,
      minSample,
      expectedDenominator: lastYear?.denominator ?? null,
      flow,
    });
    const requiredShare = evaluation.projection?.requiredShareOfRemaining ?? null;
    const required = requiredShare === null ? null : presentRequiredShare(requiredShare, target.comparator);
    return { ...evaluation, target, evaluatedFor, figures, lastYear, required };
  }
}

const pick = ({ numerator, denominator, value }: IndicatorResult): Figures => ({
  numerator,
  denominator,
  value,
});
