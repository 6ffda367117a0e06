import { HOURS_24_MS, endOfLocalDay, localDayOfInstant, previousDay } from './reference-calendar';
import { CatalogueIndex, ProcedureInForce, levelAtReceipt, proceduresInForce } from './reference-catalogue';
import { ReceivedDossier, isOpenAt } from './reference-dossiers';

export type ReferenceIndicatorId =
  | 'dossiers.online'
  | 'services.uptake'
  | 'dossiers.on_time'
  | 'dossiers.open'
  | 'dossiers.overdue'
  | 'payments.online'
  | 'dossiers.postal'
  | 'procedures.online'
  | 'procedures.level3'
  | 'procedures.level4'
  | 'procedures.portal'
  | 'procedures.level_growth'
  | 'dossiers.carried_over'
  | 'dossiers.closed_without_result';

export interface ReferenceOptions {
  denominator?: 'all' | 'online_procedures';
  level?: 3 | 4;
  postal?: 'include' | 'exclude';
  of?: 'receipt' | 'return';
}

export interface ReferenceFigures {
  numerator: number;
  denominator: number | null;
  value: number | null;
  /** on_time: early, onTime, late, overdueOpen; open/overdue: overdue, dueWithin24h; level_growth: upgraded, previousNumerator, previousDenominator */
  breakdown?: Record<string, number>;
}

/** One computation: a period and the (agency, procedure) pairs it covers, for dossiers and offerings alike. */
export interface FigureSlice {
  from: string;
  to: string;
  includes(agencyCode: string, procedureCode: string): boolean;
}

export interface FigureSources {
  dossiers: readonly ReceivedDossier[];
  catalogue: CatalogueIndex;
  /** "now" for dossiers.open and dossiers.overdue, already capped by asOf. */
  now: number;
}

const ratioFigures = (numerator: number, denominator: number, breakdown?: Record<string, number>) => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
  ...(breakdown && { breakdown }),
});

const inPeriod = (day: string, slice: FigureSlice) => day >= slice.from && day <= slice.to;

function dossiersInSlice(sources: FigureSources, slice: FigureSlice): ReceivedDossier[] {
  return sources.dossiers.filter((dossier) => slice.includes(dossier.agencyCode, dossier.procedureCode));
}

function dossiersOnline(sources: FigureSources, slice: FigureSlice, options: ReferenceOptions) {
  const levelFits = (dossier: ReceivedDossier): boolean => {
    if (options.level === undefined && options.denominator !== 'online_procedures') return true;
    const level = levelAtReceipt(
      sources.catalogue,
      dossier.procedureCode,
      dossier.agencyCode,
      dossier.receiptDay,
    );
    if (level === null) return false;
    // level and denominator=online_procedures together: both hold, so the level decides.
    return (
      (options.level === undefined || level === options.level) &&
      (options.denominator !== 'online_procedures' || level >= 3)
    );
  };
  const counted = dossiersInSlice(sources, slice).filter(
    (dossier) =>
      inPeriod(dossier.receiptDay, slice) &&
      !(options.postal === 'exclude' && dossier.channel === 'postal') &&
      levelFits(dossier),
  );
  return ratioFigures(counted.filter((dossier) => dossier.channel === 'online').length, counted.length);
}

function servicesUptake(sources: FigureSources, slice: FigureSlice) {
  // In force at level >= 3 on some day of the period: the highest level that day is >= 3 exactly when one
  // offering in scope is, so an offering at >= 3 overlapping the period is enough.
  const offeredOnline = new Set(
    sources.catalogue.offerings
      .filter(
        (offering) =>
          offering.level >= 3 &&
          offering.validFrom <= slice.to &&
          offering.validTo >= slice.from &&
          slice.includes(offering.agencyCode, offering.procedureCode),
      )
      .map((offering) => offering.procedureCode),
  );
  // Any online dossier of the procedure received in the period in scope counts, whatever the procedure's
  // level on its receipt day.
  const withOnlineDossier = new Set(
    dossiersInSlice(sources, slice)
      .filter((dossier) => dossier.channel === 'online' && inPeriod(dossier.receiptDay, slice))
      .map((dossier) => dossier.procedureCode),
  );
  const numerator = [...offeredOnline].filter((procedure) => withOnlineDossier.has(procedure)).length;
  return ratioFigures(numerator, offeredOnline.size);
}

function dossiersOnTime(sources: FigureSources, slice: FigureSlice) {
  const inScope = dossiersInSlice(sources, slice);
  const split = { early: 0, onTime: 0, late: 0, overdueOpen: 0 };
  for (const dossier of inScope) {
    if (dossier.resolutionDay === null || !inPeriod(dossier.resolutionDay, slice)) continue;
    // A received dossier always has a due date (received carries dueAt); the guard only satisfies types.
    const dueDay = dossier.dueDay ?? '';
    if (dossier.resolutionDay < dueDay) split.early++;
    else if (dossier.resolutionDay === dueDay) split.onTime++;
    else split.late++;
  }
  // Open at the end of the last day, not capped by "now" or asOf (the spec names no cap for on_time).
  const endOfPeriod = endOfLocalDay(slice.to);
  split.overdueOpen = inScope.filter(
    (dossier) => isOpenAt(dossier, endOfPeriod) && dossier.dueDay !== null && dossier.dueDay < slice.to,
  ).length;
  const resolved = split.early + split.onTime + split.late;
  return ratioFigures(split.early + split.onTime, resolved + split.overdueOpen, split);
}

/** Open at the end of `day` (capped by now): how many, past their due day, due within the next 24 hours. */
function openAndOverdue(sources: FigureSources, slice: FigureSlice, atEndOf = slice.to) {
  const instant = Math.min(endOfLocalDay(atEndOf), sources.now);
  const day = localDayOfInstant(instant);
  const open = dossiersInSlice(sources, slice).filter((dossier) => isOpenAt(dossier, instant));
  const overdue = open.filter((dossier) => dossier.dueDay !== null && dossier.dueDay < day).length;
  const dueWithin24h = open.filter(
    (dossier) => dossier.dueAt !== null && dossier.dueAt >= instant && dossier.dueAt < instant + HOURS_24_MS,
  ).length;
  return { open: open.length, overdue, dueWithin24h };
}

/** Withdrawn or stopped in the period before any resolution (a tie at one instant: resolved). */
function closedWithoutResult(sources: FigureSources, slice: FigureSlice) {
  return dossiersInSlice(sources, slice).filter(
    (dossier) =>
      dossier.closedAt !== null &&
      inPeriod(localDayOfInstant(dossier.closedAt), slice) &&
      (dossier.resolvedAt === null || dossier.closedAt < dossier.resolvedAt),
  ).length;
}

function paymentsOnline(sources: FigureSources, slice: FigureSlice) {
  const paid = dossiersInSlice(sources, slice).filter(
    (dossier) => dossier.payment !== null && inPeriod(dossier.payment.day, slice),
  );
  return ratioFigures(paid.filter((dossier) => dossier.payment?.method === 'online').length, paid.length);
}

function dossiersPostal(sources: FigureSources, slice: FigureSlice, options: ReferenceOptions) {
  const inScope = dossiersInSlice(sources, slice);
  if (options.of === 'return') {
    const returned = inScope.filter(
      (dossier) => dossier.returned !== null && inPeriod(dossier.returned.day, slice),
    );
    return ratioFigures(
      returned.filter((dossier) => dossier.returned?.channel === 'postal').length,
      returned.length,
    );
  }
  const received = inScope.filter((dossier) => inPeriod(dossier.receiptDay, slice));
  return ratioFigures(received.filter((dossier) => dossier.channel === 'postal').length, received.length);
}

function inForceOn(sources: FigureSources, slice: FigureSlice, day: string): ProcedureInForce[] {
  return [
    ...proceduresInForce(sources.catalogue.offerings, day, (offering) =>
      slice.includes(offering.agencyCode, offering.procedureCode),
    ).values(),
  ];
}

const count = <T>(items: readonly T[], predicate: (item: T) => boolean) => items.filter(predicate).length;

function procedureShare(sources: FigureSources, slice: FigureSlice, indicator: ReferenceIndicatorId) {
  const procedures = inForceOn(sources, slice, slice.to);
  switch (indicator) {
    case 'procedures.level3':
      return ratioFigures(
        count(procedures, (p) => p.level === 3),
        procedures.length,
      );
    case 'procedures.level4':
      return ratioFigures(
        count(procedures, (p) => p.level === 4),
        procedures.length,
      );
    case 'procedures.portal': {
      const online = procedures.filter((p) => p.level >= 3);
      return ratioFigures(
        count(online, (p) => p.portal),
        online.length,
      );
    }
    default:
      return ratioFigures(
        count(procedures, (p) => p.level >= 3),
        procedures.length,
      );
  }
}

function levelGrowth(sources: FigureSources, slice: FigureSlice, options: ReferenceOptions) {
  // level=3 reads "3 or above", level=4 exactly 4; without the option, 3.
  const atLevel = options.level === 4 ? (level: number) => level === 4 : (level: number) => level >= 3;
  const startDay = previousDay(slice.from);
  const start = new Map(
    [
      ...proceduresInForce(sources.catalogue.offerings, startDay, (offering) =>
        slice.includes(offering.agencyCode, offering.procedureCode),
      ),
    ].map(([code, procedure]) => [code, procedure.level]),
  );
  const end = proceduresInForce(sources.catalogue.offerings, slice.to, (offering) =>
    slice.includes(offering.agencyCode, offering.procedureCode),
  );
  const numerator = count([...end.values()], (p) => atLevel(p.level));
  const previousNumerator = count([...start.values()], atLevel);
  const upgraded = count([...end], ([code, procedure]) => {
    const startLevel = start.get(code);
    return atLevel(procedure.level) && startLevel !== undefined && !atLevel(startLevel);
  });
  const value =
    end.size === 0 || start.size === 0 ? null : (numerator / end.size - previousNumerator / start.size) * 100;
  return {
    numerator,
    denominator: end.size,
    value,
    breakdown: { upgraded, previousNumerator, previousDenominator: start.size },
  };
}

/** The figures of one indicator over one slice (the whole query, or one group of it). */
export function figuresFor(
  indicator: ReferenceIndicatorId,
  options: ReferenceOptions,
  sources: FigureSources,
  slice: FigureSlice,
): ReferenceFigures {
  switch (indicator) {
    case 'dossiers.online':
      return dossiersOnline(sources, slice, options);
    case 'services.uptake':
      return servicesUptake(sources, slice);
    case 'dossiers.on_time':
      return dossiersOnTime(sources, slice);
    case 'dossiers.open': {
      const { open, overdue, dueWithin24h } = openAndOverdue(sources, slice);
      return { numerator: open, denominator: null, value: open, breakdown: { overdue, dueWithin24h } };
    }
    case 'dossiers.overdue': {
      const { open, overdue, dueWithin24h } = openAndOverdue(sources, slice);
      return ratioFigures(overdue, open, { overdue, dueWithin24h });
    }
    case 'dossiers.carried_over': {
      const { open, overdue, dueWithin24h } = openAndOverdue(sources, slice, previousDay(slice.from));
      return { numerator: open, denominator: null, value: open, breakdown: { overdue, dueWithin24h } };
    }
    case 'dossiers.closed_without_result': {
      const closed = closedWithoutResult(sources, slice);
      return { numerator: closed, denominator: null, value: closed };
    }
    case 'payments.online':
      return paymentsOnline(sources, slice);
    case 'dossiers.postal':
      return dossiersPostal(sources, slice, options);
    case 'procedures.online':
    case 'procedures.level3':
    case 'procedures.level4':
    case 'procedures.portal':
      return procedureShare(sources, slice, indicator);
    case 'procedures.level_growth':
      return levelGrowth(sources, slice, options);
  }
}
