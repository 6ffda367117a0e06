import { Injectable } from '@nestjs/common';
import { DomainError } from '@dvc/domain-errors';
import { DossierIntakeRepository } from './dossier-intake.repository';
import { dossiersOnline } from './dossiers-online.indicator';
import { IndicatorDefinition } from './indicator-definition';
import { IndicatorQuery, IndicatorResult } from './indicator-query.schema';
import { ProcedureLevelRepository } from './procedure-level.repository';
import {
  countProceduresAtLevel3,
  countProceduresAtLevel4,
  countProceduresOnline,
  levelGrowth,
  ProcedureLevel,
  proceduresLevel3,
  proceduresLevel4,
  proceduresLevelGrowth,
  proceduresOnline,
} from './procedure-levels.indicator';
import { previousDay } from './local-calendar';
import { Ratio, ratio } from './ratio';

type Figures = Pick<IndicatorResult, 'numerator' | 'denominator' | 'value' | 'growth'>;

/** Indicators this build computes, by id, each with how to get its figures for a query. */
@Injectable()
export class IndicatorsService {
  private readonly computations: ReadonlyMap<string, (query: IndicatorQuery) => Promise<Figures>>;

  constructor(
    private readonly intakes: DossierIntakeRepository,
    private readonly procedureLevels: ProcedureLevelRepository,
  ) {
    const atEndOfPeriod = (count: (levels: ProcedureLevel[]) => Ratio) => async (query: IndicatorQuery) =>
      count(await this.procedureLevels.highestLevelsOn(query.to, query));
    this.computations = new Map<string, (query: IndicatorQuery) => Promise<Figures>>([
      [dossiersOnline.id, (query) => this.dossiersOnline(query)],
      [proceduresOnline.id, atEndOfPeriod(countProceduresOnline)],
      [proceduresLevel3.id, atEndOfPeriod(countProceduresAtLevel3)],
      [proceduresLevel4.id, atEndOfPeriod(countProceduresAtLevel4)],
      [proceduresLevelGrowth.id, (query) => this.levelGrowth(query)],
    ]);
  }

  static readonly definitions: readonly IndicatorDefinition[] = [
    dossiersOnline,
    proceduresOnline,
    proceduresLevel3,
    proceduresLevel4,
    proceduresLevelGrowth,
  ];

  async compute(id: string, query: IndicatorQuery): Promise<IndicatorResult> {
    const computation = this.computations.get(id);
    if (!computation) {
      const known = IndicatorsService.definitions.map((definition) => definition.id).join(', ');
      throw new DomainError('not_found', `unknown indicator "${id}"; known: ${known}`);
    }
    if (query.level !== null && id !== proceduresLevelGrowth.id) {
      throw new DomainError('invalid', `"level" applies to ${proceduresLevelGrowth.id} only`);
    }
    return {
      indicator: id,
      scope: { agency: query.agency, structure: query.structure },
      period: { from: query.from, to: query.to },
      ...(await computation(query)),
    };
  }

  private async dossiersOnline(query: IndicatorQuery): Promise<Figures> {
    const counts = await this.intakes.countReceivedByChannel(query, query);
    return ratio(counts.online, counts.all);
  }

  /** Share at the level on the last day of the period minus the share on the day before it starts. */
  private async levelGrowth(query: IndicatorQuery): Promise<Figures> {
    if (query.level === null) {
      throw new DomainError('invalid', `${proceduresLevelGrowth.id} needs level=3 or level=4`);
    }
    const startDate = previousDay(query.from);
    const [atStart, atEnd] = await Promise.all([
      this.procedureLevels.highestLevelsOn(startDate, query),
      this.procedureLevels.highestLevelsOn(query.to, query),
    ]);
    const growth = levelGrowth(atStart, atEnd, query.level as 3 | 4);
    return {
      numerator: growth.current.numerator,
      denominator: growth.current.denominator,
      value: growth.percentagePoints,
      growth: {
        level: growth.level,
        previous: { date: startDate, ...growth.previous },
        current: { date: query.to, ...growth.current },
        upgraded: growth.upgraded,
      },
    };
  }
}
