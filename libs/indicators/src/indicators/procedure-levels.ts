import { EngineQuery } from '../engine/engine-query';
import { IndicatorEngineRepository } from '../engine/indicator-engine.repository';
import { Statement } from '../engine/statement';
import { Ratio, ratio } from '../ratio';
import { GroupFigures } from './indicator';

/** A procedure in force for a scope on a day, at the highest level among its offerings in the scope. */
export interface ProcedureLevel {
  procedureCode: string;
  level: number;
  /** Some offering in the scope is integrated with the National Public Service Portal. */
  portal: boolean;
}

const share = (procedures: readonly ProcedureLevel[], atLevel: (level: number) => boolean): Ratio =>
  ratio(procedures.filter((procedure) => atLevel(procedure.level)).length, procedures.length);

export const countProceduresOnline = (procedures: readonly ProcedureLevel[]) =>
  share(procedures, (l) => l >= 3);
export const countProceduresAtLevel3 = (procedures: readonly ProcedureLevel[]) =>
  share(procedures, (l) => l === 3);
export const countProceduresAtLevel4 = (procedures: readonly ProcedureLevel[]) =>
  share(procedures, (l) => l === 4);

/** Level 3 counts what is offered at 3 or above (an upgrade to 4 is no loss for level 3); level 4 is exact. */
const reaches = (target: 3 | 4) => (level: number) => level >= target;

export interface LevelGrowth {
  level: 3 | 4;
  previous: Ratio;
  current: Ratio;
  /** current share − previous share, in percentage points; null when either share is undefined. */
  percentagePoints: number | null;
  upgraded: number;
}

export function levelGrowth(
  atStart: readonly ProcedureLevel[],
  atEnd: readonly ProcedureLevel[],
  level: 3 | 4,
): LevelGrowth {
  const atLevel = reaches(level);
  const previous = share(atStart, atLevel);
  const current = share(atEnd, atLevel);
  const startLevels = new Map(atStart.map((procedure) => [procedure.procedureCode, procedure.level]));
  const upgraded = atEnd.filter((procedure) => {
    const before = startLevels.get(procedure.procedureCode);
    return atLevel(procedure.level) && before !== undefined && !atLevel(before);
  }).length;
  // One division, so 3/5 − 1/2 is exactly 10 points rather than 9.999999999999998.
  const percentagePoints =
    previous.denominator === 0 || current.denominator === 0
      ? null
      : ((current.numerator * previous.denominator - previous.numerator * current.denominator) * 100) /
        (current.denominator * previous.denominator);
  return { level, previous, current, percentagePoints, upgraded };
}

/** What the procedure indicators share: judged on a day, at the end of the period, whatever the dossiers. */
export const BY_END_OF_PERIOD = {
  anchor: 'period_end',
  unit: 'share',
  measure: 'stock',
  options: [],
} as const;

const bucketGroupKey = (bucket: number, group: string | null) => `${bucket}\0${group ?? ''}`;

/** A procedure in force on a bucket's day, at its highest level among the offerings of the group's scope. */
export interface ProcedureLevelRow {
  bucket: number;
  group: string | null;
  procedureCode: string;
  level: number;
  portal: boolean;
}

/**
 * Procedures in force on each day of the `{days:Array(Date32)}` parameter (bucket: the day's 1-based index),
 * each at its highest level among its offerings in the group's scope. Reads the catalogue alone.
 */
export const procedureLevelsStatement: Statement = (sql) =>
  `SELECT bucket, ${sql.groupKey('offering.agency_code', 'offering.procedure_code')} AS grp,
              offering.procedure_code AS procedure_code, max(offering.level) AS level, max(offering.portal) AS portal
       FROM ${sql.db}.catalogue_offering_levels AS offering
       ${sql.groupJoins('offering.agency_code', 'offering.procedure_code')}
       ARRAY JOIN arrayFilter(index -> {days:Array(Date32)}[index] BETWEEN offering.valid_from AND offering.valid_to,
                              arrayEnumerate({days:Array(Date32)})) AS bucket
       WHERE offering.publication = publication_in_use
         AND ${sql.inScope('offering.agency_code')} AND ${sql.inNarrowing('offering.procedure_code')}
       GROUP BY bucket, grp, procedure_code
       ORDER BY bucket, grp, procedure_code`;

/** Procedures in force on each given day (one per bucket), each at its highest level in the group's scope. */
export async function procedureLevels(
  engine: IndicatorEngineRepository,
  query: EngineQuery,
  days: readonly string[],
): Promise<ProcedureLevelRow[]> {
  const rows = await engine.rows(query, procedureLevelsStatement, { params: { days }, readsDossiers: false });
  return rows.map((row) => ({
    bucket: Number(row.bucket),
    group: row.grp === '' ? null : String(row.grp),
    procedureCode: String(row.procedure_code),
    level: Number(row.level),
    portal: Boolean(Number(row.portal)),
  }));
}

/** Rows of `procedureLevels`, by bucket (the index of its day) and group. */
export function byBucketAndGroup(rows: readonly ProcedureLevelRow[]) {
  const grouped = new Map<string, { bucket: number; group: string | null; levels: ProcedureLevel[] }>();
  for (const row of rows) {
    const key = bucketGroupKey(row.bucket, row.group);
    const entry = grouped.get(key) ?? { bucket: row.bucket, group: row.group, levels: [] };
    entry.levels.push({ procedureCode: row.procedureCode, level: row.level, portal: row.portal });
    grouped.set(key, entry);
  }
  return {
    groups: [...grouped.values()],
    levelsOf: (bucket: number, group: string | null) =>
      grouped.get(bucketGroupKey(bucket, group))?.levels ?? [],
  };
}

/** A procedure share on each bucket's last day, one per group. */
export async function procedureShares(
  engine: IndicatorEngineRepository,
  query: EngineQuery,
  share: (levels: ProcedureLevel[]) => Ratio,
): Promise<GroupFigures[]> {
  const rows = await procedureLevels(
    engine,
    query,
    query.buckets.map((bucket) => bucket.to),
  );
  return byBucketAndGroup(rows).groups.map(({ bucket, group, levels }) => ({
    bucket,
    group,
    figures: share(levels),
  }));
}
