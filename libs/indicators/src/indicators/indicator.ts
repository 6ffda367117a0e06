import { EngineQuery, EngineRow } from '../engine/engine-query';
import { IndicatorEngineRepository } from '../engine/indicator-engine.repository';
import { IndicatorDefinition } from '../indicator-definition';
import type { z } from 'zod';
import type { IndicatorFigures, IndicatorQuery } from '../indicator-query.schema';
import { DateRange } from '../local-calendar';
import { ratio } from '../ratio';

/** Figures of one bucket (1-based) and group (null: not grouped, or an unknown field). */
export interface GroupFigures {
  bucket: number;
  group: string | null;
  figures: IndicatorFigures;
}

/** What an indicator computes its figures from: the engine, the resolved query, the options asked. */
export interface IndicatorContext {
  engine: IndicatorEngineRepository;
  /** Buckets, scope and grouping; `instants` is each bucket's end, or now (as of asOf) if earlier. */
  query: EngineQuery;
  options: IndicatorQuery;
  /** The instant (ClickHouse time) a stock is judged at for the end of a local day: its end, or now if earlier. */
  endOf(date: string): string;
}

/**
 * One indicator, whole: what it is (served beside its numbers), which statements it runs and how their rows
 * become figures, and its figures where nothing was counted. Adding an indicator is one such file (plus its
 * tests and the reference's figures), listed in `indicator-registry.ts`.
 */
export interface Indicator<Id extends string = string, Answer extends z.ZodRawShape = z.ZodRawShape> {
  definition: IndicatorDefinition & { id: Id };
  /** Refuses a query the options alone do not rule out (DomainError 'invalid'). */
  check?(options: IndicatorQuery): void;
  /** The figures of each bucket and group of the context's query. */
  figures(context: IndicatorContext): Promise<GroupFigures[]>;
  /** The figures of a bucket or scope where nothing was counted. */
  empty: IndicatorFigures;
  /** The schema of the fields `answer` adds: part of the answer schema (`indicatorResultSchema`). */
  answerFields?: Answer;
  /** Fields of the answer beside the figures (the whole period's, undefined when nothing was counted). */
  answer?(
    figures: IndicatorFigures | undefined,
    period: DateRange,
    options: IndicatorQuery,
  ): { [Field in keyof Answer]?: z.infer<Answer[Field]> };
}

/** Keeps the literal id, so the registry's ids are a type. */
export const defineIndicator = <Id extends string, Answer extends z.ZodRawShape = Record<never, never>>(
  indicator: Indicator<Id, Answer>,
): Indicator<Id, Answer> => indicator;

/** Engine rows as ratios: numerator / denominator, with the row's breakdown if it has one. */
export const ratioFigures = (rows: readonly EngineRow[]): GroupFigures[] =>
  rows.map((row) => ({
    bucket: row.bucket,
    group: row.group,
    figures: {
      ...ratio(row.numerator, row.denominator),
      ...(Object.keys(row.breakdown).length ? { breakdown: row.breakdown } : {}),
    },
  }));

/** A count: no denominator, the value is the count. */
export const countFigures = (count: number, breakdown?: Record<string, number>): IndicatorFigures => ({
  numerator: count,
  denominator: null,
  value: count,
  ...(breakdown ? { breakdown } : {}),
});

/** Figures of a ratio with nothing counted. */
export const NO_RATIO: IndicatorFigures = ratio(0, 0);
