import { Injectable } from '@nestjs/common';
import { DomainError } from '@dvc/domain-errors';
import { DossierIntakeRepository } from './dossier-intake.repository';
import { dossiersOnline } from './dossiers-online.indicator';
import { IndicatorDefinition } from './indicator-definition';
import { IndicatorQuery, IndicatorResult } from './indicator-query.schema';
import { ratio } from './ratio';

export const INDICATORS: readonly IndicatorDefinition[] = [dossiersOnline];

@Injectable()
export class IndicatorsService {
  constructor(private readonly intakes: DossierIntakeRepository) {}

  async compute(id: string, query: IndicatorQuery): Promise<IndicatorResult> {
    if (id !== dossiersOnline.id) {
      throw new DomainError(
        'not_found',
        `unknown indicator "${id}"; known: ${INDICATORS.map((i) => i.id).join(', ')}`,
      );
    }
    const scope = { agencyCode: query.agency ?? null };
    const counts = await this.intakes.countReceivedByChannel(query, scope);
    return {
      indicator: id,
      scope: { agency: scope.agencyCode },
      period: { from: query.from, to: query.to },
      ...ratio(counts.online, counts.all),
    };
  }
}
