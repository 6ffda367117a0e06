import { normaliseCode } from '@dvc/dossier-events';
import { calendarBuckets, endOfLocalDay, instantOf, localDayOfInstant } from './reference-calendar';
import { AgencyStructure, ReferenceCatalogue, agencyScope, indexCatalogue } from './reference-catalogue';
import { ReferenceEvent, distinctEvents, dossierKeyOf, receivedDossiers } from './reference-dossiers';
import {
  FigureSlice,
  FigureSources,
  ReferenceFigures,
  ReferenceIndicatorId,
  ReferenceOptions,
  figuresFor,
} from './reference-figures';

/**
 * Independent reference implementation of docs/indicators.md: plain TypeScript over the raw event list and a
 * plain catalogue. Property tests hold the ClickHouse engine to these numbers, so this code shares nothing
 * with the production queries.
 *
 * Readings where the spec leaves room (the simplest one each time):
 * - asOf filters first, then duplicates (same source, dossierCode, eventId) keep the first copy in list order.
 * - Intake tie-break compares agency and procedure codes after normaliseCode; 'refused' > 'received', so a
 *   refusal at the same instant as a receipt wins. The intake is final: "open at T" does not re-decide it as
 *   of T (a dossier refused after T is not open at T).
 * - The due date reads every received / supplement_received-with-dueAt / rescheduled event, not only the
 *   intake's.
 * - on_time counts a resolution in the period even when a withdrawal or stop came first, and reads its open
 *   past-due dossiers at the end of the last day, not capped by now or asOf (only open/overdue are).
 * - services.uptake: any online dossier of the procedure received in the period in scope counts, whatever
 *   the procedure's level on its receipt day.
 * - dossiers.online: options combine (all conditions hold); a dossier whose level at receipt is unknown is
 *   left out as soon as a level option or denominator=online_procedures is set. The level at receipt matches
 *   the receiving agency's exact code, whatever the structure.
 * - Options an indicator does not name are ignored; level_growth without `level` reads level 3.
 * - procedures.portal: portal comes from any in-force offering in scope, whatever that offering's level.
 * - level_growth value = (numerator / denominator - previousNumerator / previousDenominator) * 100.
 * - Scope: an agency code absent from catalogue.agencies covers exactly that code, in either structure. A
 *   lineage loop stops before revisiting a unit (A→B→A restates A to B). Catalogue codes are normalised too.
 * - groupBy agency|procedure|field: candidate keys come from in-scope dossiers and offerings; a group shows
 *   when its denominator > 0 (dossiers.open: count > 0). Time buckets are always all returned.
 */
export type { ReferenceEvent } from './reference-dossiers';
export type { ReferenceCatalogue } from './reference-catalogue';
export type { ReferenceFigures, ReferenceIndicatorId, ReferenceOptions } from './reference-figures';

export interface ReferenceQuery {
  indicator: ReferenceIndicatorId;
  options: ReferenceOptions;
  /** inclusive local days */
  from: string;
  to: string;
  /** null: every agency (whole province, unknown codes included) */
  agency: string | null;
  structure: AgencyStructure;
  /** false: the agency alone */
  subtree: boolean;
  field: string | null;
  procedure: string | null;
  groupBy: null | 'agency' | 'procedure' | 'field' | 'month' | 'week' | 'day';
  /** ISO instant: "now" for dossiers.open / overdue */
  now: string;
  /** ISO instant: events ingested after it do not exist */
  asOf: string | null;
}

export interface ReferenceResult extends ReferenceFigures {
  lateEvents: number;
  groups?: ({ key: string | null } & ReferenceFigures)[];
}

const compareGroupKeys = (a: string | null, b: string | null) => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
};

export function referenceIndicator(
  events: readonly ReferenceEvent[],
  catalogue: ReferenceCatalogue,
  query: ReferenceQuery,
): ReferenceResult {
  const asOf = query.asOf === null ? null : instantOf(query.asOf);
  // What was ingested after asOf does not exist, not even to shadow an earlier copy of the same event.
  const existing = asOf === null ? events : events.filter((event) => instantOf(event.ingestedAt) <= asOf);
  const distinct = distinctEvents(existing);
  const dossiersByKey = receivedDossiers(distinct);
  const index = indexCatalogue(catalogue);

  const scope = agencyScope(
    index,
    query.agency === null ? null : normaliseCode(query.agency),
    query.structure,
    query.subtree,
  );
  const procedure = query.procedure === null ? null : normaliseCode(query.procedure);
  const inScope = (agencyCode: string, procedureCode: string) =>
    scope.includes(agencyCode) &&
    (procedure === null || procedureCode === procedure) &&
    (query.field === null || index.fieldOf(procedureCode) === query.field);

  const sources: FigureSources = {
    dossiers: [...dossiersByKey.values()],
    catalogue: index,
    now: Math.min(instantOf(query.now), asOf ?? Infinity),
  };
  const whole: FigureSlice = { from: query.from, to: query.to, includes: inScope };
  const figures = (slice: FigureSlice) => figuresFor(query.indicator, query.options, sources, slice);

  const endOfPeriod = endOfLocalDay(query.to);
  // A period that had ended before the first event arrived is history loaded afterwards: nothing late in it.
  const storeStart = Math.min(...existing.map((event) => instantOf(event.ingestedAt)));
  const lateEvents = distinct.filter((event) => {
    if (storeStart > endOfPeriod) return false;
    const day = localDayOfInstant(instantOf(event.occurredAt));
    if (day < query.from || day > query.to || instantOf(event.ingestedAt) <= endOfPeriod) return false;
    const dossier = dossiersByKey.get(dossierKeyOf(event));
    return dossier !== undefined && inScope(dossier.agencyCode, dossier.procedureCode);
  }).length;

  const result: ReferenceResult = { ...figures(whole), lateEvents };
  const groupBy = query.groupBy;
  if (groupBy === null) return result;

  if (groupBy === 'month' || groupBy === 'week' || groupBy === 'day') {
    result.groups = calendarBuckets(query.from, query.to, groupBy).map((bucket) => ({
      key: bucket.key,
      ...figures({ from: bucket.from, to: bucket.to, includes: inScope }),
    }));
    return result;
  }

  const groupKeyOf = (agencyCode: string, procedureCode: string): string | null => {
    if (groupBy === 'agency') return scope.groupKeyOf(agencyCode);
    if (groupBy === 'procedure') return procedureCode;
    return index.fieldOf(procedureCode);
  };
  const keys = new Set<string | null>();
  for (const dossier of sources.dossiers)
    if (inScope(dossier.agencyCode, dossier.procedureCode))
      keys.add(groupKeyOf(dossier.agencyCode, dossier.procedureCode));
  for (const offering of index.offerings)
    if (inScope(offering.agencyCode, offering.procedureCode))
      keys.add(groupKeyOf(offering.agencyCode, offering.procedureCode));

  result.groups = [...keys]
    .sort(compareGroupKeys)
    .map((key) => ({
      key,
      ...figures({
        ...whole,
        includes: (agencyCode, procedureCode) =>
          inScope(agencyCode, procedureCode) && groupKeyOf(agencyCode, procedureCode) === key,
      }),
    }))
    // A group appears when it has something to show: a denominator, or for the count (open) a count.
    .filter((group) => (group.denominator === null ? group.numerator > 0 : group.denominator > 0));
  return result;
}
