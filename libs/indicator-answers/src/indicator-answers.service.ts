import { Injectable } from '@nestjs/common';
import { Agency, AgenciesService, ProceduresService } from '@dvc/catalogue';
import { DomainError } from '@dvc/domain-errors';
import { IndicatorQuery, IndicatorResult, IndicatorsService } from '@dvc/indicators';
import { AgencyCodesSeenRepository } from './agency-codes-seen.repository';
import { IndicatorAnswer } from './indicator-answer.schema';
import { presentIndicator, presentValue, rankGroups } from './indicator-presentation';

export const LATE_EVENTS_MEANING =
  'Events of this period and scope that arrived after the period ended, i.e. after a report for it could ' +
  'have been made: a report made on the last day missed them. History loaded after a period ended, before ' +
  'any event had arrived (a first start, a first back-fill), is not late: no report could have been made.';

/**
 * An indicator as an official reads it: the engine's exact figures, the indicator's names, the value as a
 * rounded percentage, agency and procedure names on the scope and groups; a leaderboard for groupBy=agency
 * (without an agency: the children of the catalogue's top units); 404 for an agency code no one has heard of.
 */
@Injectable()
export class IndicatorAnswersService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly agencies: AgenciesService,
    private readonly procedures: ProceduresService,
    private readonly codesSeen: AgencyCodesSeenRepository,
  ) {}

  async answer(id: string, query: IndicatorQuery): Promise<IndicatorAnswer> {
    const definition = this.indicators.definition(id);
    const agencies = new Map((await this.agencies.list()).map((agency) => [agency.code, agency]));
    const warnings = await this.checkAgency(query.agency, agencies);
    const result =
      query.groupBy === 'agency' && query.agency === null
        ? await this.topUnitsLeaderboard(id, query, [...agencies.values()])
        : await this.indicators.compute(id, query);
    const nameOf = await this.groupNames(query.groupBy, agencies);
    const { groups: resultGroups, ...figures } = result;
    const groups = resultGroups?.map((group) => ({
      ...group,
      ...presentValue(definition.unit, group.value),
      ...(nameOf ? { name: group.key === null ? null : nameOf(group.key) } : {}),
    }));
    return {
      ...figures,
      indicator: definition.id,
      ...presentIndicator(definition, result.value),
      scope: {
        ...result.scope,
        agencyName: result.scope.agency === null ? null : (agencies.get(result.scope.agency)?.name ?? null),
      },
      lateEventsMeaning: LATE_EVENTS_MEANING,
      warnings,
      ...(groups ? { groups: query.groupBy === 'agency' ? rankGroups(id, groups) : groups } : {}),
    };
  }

  /** A code neither catalogued nor in any event is a mistake (404); one only in events answers, with a note. */
  private async checkAgency(code: string | null, agencies: ReadonlyMap<string, Agency>): Promise<string[]> {
    if (code === null || agencies.has(code)) return [];
    if (!(await this.codesSeen.seenInEvents(code))) {
      throw new DomainError(
        'not_found',
        `agency "${code}" is neither in the catalogue nor in any event received; GET /v1/agencies lists the catalogue`,
      );
    }
    return [
      `agency "${code}" is not in the catalogue yet: its own events are counted, without units under it ` +
        '(GET /v1/data-quality lists the codes to catalogue)',
    ];
  }

  /**
   * groupBy=agency over the whole province: the figures of the whole province, grouped by the child units of
   * each top unit of the catalogue (a province's departments, districts and communes under them).
   */
  private async topUnitsLeaderboard(
    id: string,
    query: IndicatorQuery,
    agencies: readonly Agency[],
  ): Promise<IndicatorResult> {
    const tops = agencies.filter((agency) => agency.parentCode === null);
    if (tops.length === 0) return this.indicators.compute(id, query);
    const [whole, ...perTop] = await Promise.all([
      this.indicators.compute(id, { ...query, groupBy: null }),
      ...tops.map((top) => this.indicators.compute(id, { ...query, agency: top.code })),
    ]);
    return { ...whole, groupBy: 'agency', groups: perTop.flatMap((result) => result.groups ?? []) };
  }

  /** How a group's key reads for a person (agency or procedure name, the field itself); null: time buckets. */
  private async groupNames(
    groupBy: IndicatorQuery['groupBy'],
    agencies: ReadonlyMap<string, Agency>,
  ): Promise<((key: string) => string | null) | null> {
    if (groupBy === 'agency') return (code) => agencies.get(code)?.name ?? null;
    if (groupBy === 'procedure') {
      const names = new Map(
        (await this.procedures.list()).map((procedure) => [procedure.code, procedure.name]),
      );
      return (code) => names.get(code) ?? null;
    }
    if (groupBy === 'field') return (field) => field;
    return null;
  }
}
