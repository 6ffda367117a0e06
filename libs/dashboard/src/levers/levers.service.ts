import { Injectable } from '@nestjs/common';
import { AgenciesService, ProceduresService } from '@dvc/catalogue';
import { IndicatorQuery, indicatorQuerySchema, IndicatorsService } from '@dvc/indicators';
import { rankLevers } from './levers';
import { Levers, LeversQuery } from './levers.schema';

/**
 * `GET /v1/levers`: the indicator for the scope, the same grouped by procedure, ranked by `rankLevers`.
 * Two indicator reads (asked as `GET /v1/indicators` would, so the figures agree) and the procedures' names.
 */
@Injectable()
export class LeversService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly agencies: AgenciesService,
    private readonly procedures: ProceduresService,
  ) {}

  async levers(query: LeversQuery): Promise<Levers> {
    // An unknown agency is a 404, as for the overview, not an empty list that looks like good news.
    if (query.agency) await this.agencies.get(query.agency);
    const ask = (extra: Record<string, string>): IndicatorQuery =>
      indicatorQuerySchema.parse({
        ...(query.agency ? { agency: query.agency } : {}),
        structure: query.structure,
        period: query.period,
        ...extra,
      });
    // Online levers are dossiers that could have come online: procedures offered at level 3/4 at receipt.
    const byProcedure =
      query.indicator === 'dossiers.online'
        ? ask({ groupBy: 'procedure', denominator: 'online_procedures' })
        : ask({ groupBy: 'procedure' });
    const [scope, grouped, catalogue] = await Promise.all([
      this.indicators.compute(query.indicator, ask({})),
      this.indicators.compute(query.indicator, byProcedure),
      this.procedures.list(),
    ]);
    const names = new Map(catalogue.map((procedure) => [procedure.code, procedure]));
    const ranked = rankLevers(
      query.indicator,
      { numerator: scope.numerator, denominator: scope.denominator ?? 0 },
      (grouped.groups ?? [])
        .filter((group) => group.key !== null)
        .map((group) => ({
          procedureCode: group.key as string,
          numerator: group.numerator,
          denominator: group.denominator ?? 0,
        })),
    );
    return {
      indicator: query.indicator,
      scope: { agency: query.agency ?? null, structure: query.structure },
      period: scope.period,
      asOf: scope.asOf,
      share: { numerator: scope.numerator, denominator: scope.denominator ?? 0, value: scope.value },
      totalLevers: ranked.length,
      levers: ranked.slice(0, query.limit).map((lever) => ({
        ...lever,
        procedureName: names.get(lever.procedureCode)?.name ?? null,
        field: names.get(lever.procedureCode)?.field ?? null,
      })),
    };
  }
}
