import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@dvc/catalogue';
import { IndicatorClock, localDateOf } from '@dvc/indicators';
import { daysOverdue } from './dossier-rows';
import { DossiersToActOnRepository } from './dossiers-to-act-on.repository';
import { DossierList, DossierListQuery, MAX_EXPORT_ROWS } from './dossiers.schema';

/** `GET /v1/dossiers`: the open dossiers of a scope that are overdue, due within 24 hours, or all open. */
@Injectable()
export class DossiersToActOnService {
  constructor(
    private readonly repository: DossiersToActOnRepository,
    private readonly agencies: AgenciesService,
    private readonly clock: IndicatorClock,
  ) {}

  async list(query: DossierListQuery): Promise<DossierList> {
    // An unknown agency is a 404, as for the overview, not an empty list that looks like good news.
    if (query.agency) await this.agencies.get(query.agency);
    const now = this.clock.now();
    const everything = query.format === 'csv';
    const limit = everything ? MAX_EXPORT_ROWS : query.pageSize;
    const { total, rows } = await this.repository.list({
      status: query.status,
      agency: query.agency ?? null,
      structure: query.structure,
      now: now.getTime(),
      sort: query.sort,
      limit,
      offset: everything ? 0 : (query.page - 1) * query.pageSize,
    });
    const today = localDateOf(now);
    return {
      status: query.status,
      scope: { agency: query.agency ?? null, structure: query.structure },
      asOf: now.toISOString(),
      total,
      page: everything ? 1 : query.page,
      pageSize: limit,
      items: rows.map((row) => ({ ...row, daysOverdue: daysOverdue(row.dueAt, today) })),
    };
  }
}
