import { Injectable } from '@nestjs/common';
import { DataQualityRepository } from './data-quality.repository';
import { DataQualityQuery, DataQualityReport } from './data-quality.schema';
import { instantWindow } from './reporting-window';

/** What the catalogue does not know yet, who sent events, and what the pipeline could not store, for one period. */
@Injectable()
export class DataQualityService {
  constructor(private readonly repository: DataQualityRepository) {}

  async report(query: DataQualityQuery): Promise<DataQualityReport> {
    const window = instantWindow(query);
    const scope = { agency: query.agency ?? null, structure: query.structure };
    // One publication for the whole answer, even if a newer one lands while it is computed.
    const publication = await this.repository.currentPublication();
    const [unknownAgencies, unknownProcedures, sources, byReason] = await Promise.all([
      this.repository.unknownAgencies(publication, window, scope, query.limit),
      this.repository.unknownProcedures(publication, window, scope, query.limit),
      this.repository.sourceActivity(publication, window, scope),
      this.repository.rejectionsByReason(publication, window, scope),
    ]);
    return {
      scope,
      catalogue: { publication },
      unknownAgencies,
      unknownProcedures,
      sources,
      rejected: { total: byReason.reduce((total, group) => total + group.count, 0), byReason },
    };
  }
}
