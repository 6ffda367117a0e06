import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@dvc/catalogue';
import { IndicatorClock, IndicatorsService, localDateOf } from '@dvc/indicators';
import { TargetStatusService } from '@dvc/target-status';
import { overviewQueries } from './overview-queries';
import { OverviewTile } from './overview-tiles';
import { Overview, OverviewQuery } from './overview.schema';

/** One scope's overview: every tile's indicator and the targets that apply, counted at one moment. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly targetStatus: TargetStatusService,
    private readonly agencies: AgenciesService,
    private readonly clock: IndicatorClock,
  ) {}

  async overview(scope: OverviewQuery): Promise<Overview> {
    const now = this.clock.now();
    const today = localDateOf(now);
    const queries = Object.entries(overviewQueries(scope, today)) as [
      OverviewTile,
      ReturnType<typeof overviewQueries>[OverviewTile],
    ][];
    const [tiles, report, name] = await Promise.all([
      Promise.all(
        queries.map(async ([tile, { indicator, query }]) => [
          tile,
          await this.indicators.compute(indicator, query),
        ]),
      ),
      this.targetStatus.report({
        period: today.slice(0, 4),
        agency: scope.agency,
        structure: scope.structure,
      }),
      scope.agency ? this.agencies.get(scope.agency).then((agency) => agency.name) : Promise.resolve(null),
    ]);
    return {
      scope: { agency: scope.agency ?? null, name, structure: scope.structure },
      today,
      asOf: now.toISOString(),
      tiles: Object.fromEntries(tiles) as Overview['tiles'],
      // Without an agency the report judges every target on its own scope: the province's are those without one.
      targets: report.targets.filter(
        (entry) => scope.agency !== undefined || entry.target.agencyCode === null,
      ),
    };
  }
}
