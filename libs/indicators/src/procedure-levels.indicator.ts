import { IndicatorDefinition } from './indicator-definition';
import { Ratio, ratio } from './ratio';

/** A procedure in force for a scope on a day, at the highest level among its offerings in the scope. */
export interface ProcedureLevel {
  procedureCode: string;
  level: number;
  /** Some offering in the scope is integrated with the National Public Service Portal. */
  portal: boolean;
}

const byEndOfPeriod = { anchor: 'period_end', unit: 'share', measure: 'stock', options: [] } as const;

export const proceduresOnline: IndicatorDefinition = {
  ...byEndOfPeriod,
  id: 'procedures.online',
  nameVi: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến',
  nameEn: 'Share of procedures offered online (level 3 or 4)',
  description:
    'Procedures offered at level 3 or 4 (Decree 43/2011) on the last day of the period, out of all procedures ' +
    'in force for the scope that day. A procedure offered by several agencies of the scope counts once, at ' +
    'the highest level among them.',
};

export const proceduresLevel3: IndicatorDefinition = {
  ...byEndOfPeriod,
  id: 'procedures.level3',
  nameVi: 'Tỷ lệ dịch vụ công trực tuyến mức độ 3',
  nameEn: 'Share of procedures at level 3',
  description:
    'Procedures whose highest level in the scope is exactly 3 on the last day of the period, out of all ' +
    'procedures in force for the scope that day.',
};

export const proceduresLevel4: IndicatorDefinition = {
  ...byEndOfPeriod,
  id: 'procedures.level4',
  nameVi: 'Tỷ lệ dịch vụ công trực tuyến mức độ 4',
  nameEn: 'Share of procedures at level 4',
  description:
    'Procedures whose highest level in the scope is 4 on the last day of the period, out of all procedures ' +
    'in force for the scope that day.',
};

export const proceduresLevelGrowth: IndicatorDefinition = {
  ...byEndOfPeriod,
  unit: 'percentage_points',
  options: ['level'],
  id: 'procedures.level_growth',
  nameVi: 'Tăng trưởng tỷ lệ dịch vụ công trực tuyến mức độ 3, 4',
  nameEn: 'Yearly growth of the share of procedures at level 3 / level 4',
  description:
    'The share of procedures at level L or above (level=3) or at level 4 (level=4) on the last day of the ' +
    'period, minus the same share on the day before it starts (for a year: 31 December of the year before), ' +
    'in percentage points; also the number of procedures upgraded to the level during the period (at it at ' +
    'the end, in force below it at the start).',
};

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
