import type { AgencyInput, LevelChangeInput, ProcedureInput } from '@dvc/catalogue';
import { Province } from './province';
import { seededRandom } from './random';

export interface SyntheticCatalogue {
  agencies: AgencyInput[];
  procedures: ProcedureInput[];
  levels: LevelChangeInput[];
}

const PROVINCE_CODE = '000.00.00.H12';
const DISTRICT_CODE = '000.00.30.H12';
const MODE_BY_LEVEL = { 1: 'none', 2: 'none', 3: 'partial', 4: 'full' } as const;

/**
 * The catalogue behind a synthetic province: the province, its departments, a district with the communes,
 * each procedure offered by one department (every third one by the communes too) from 2020 at a level drawn
 * 10/40/35/15% for levels 1-4, and a third of the offerings upgraded by one level on a day within the year
 * before `upgradesUntil`. Deterministic for a seed.
 */
export function syntheticCatalogue(
  province: Province,
  seed: number,
  upgradesUntil: string,
): SyntheticCatalogue {
  const random = seededRandom(seed ^ 0x5eed);
  const [departments, communes] = [
    province.agencies.filter((agency) => !agency.code.endsWith('.30.H12')),
    province.agencies.filter((agency) => agency.code.endsWith('.30.H12')),
  ];
  const since = '2020-01-01';
  const agencies: AgencyInput[] = [
    {
      code: PROVINCE_CODE,
      name: 'UBND tỉnh Bình Thuận',
      kind: 'province',
      parentCode: null,
      validFrom: since,
    },
    ...departments.map((agency) => ({
      code: agency.code,
      name: agency.name,
      kind: 'department' as const,
      parentCode: PROVINCE_CODE,
      validFrom: since,
    })),
    {
      code: DISTRICT_CODE,
      name: 'UBND huyện Hàm Thuận Bắc',
      kind: 'district',
      parentCode: PROVINCE_CODE,
      validFrom: since,
    },
    ...communes.map((agency) => ({
      code: agency.code,
      name: agency.name,
      kind: 'commune' as const,
      parentCode: DISTRICT_CODE,
      validFrom: since,
    })),
  ];
  const upgradeWindowStart = Date.parse(`${upgradesUntil}T00:00:00Z`) - 365 * 86_400_000;
  const procedures: ProcedureInput[] = [];
  const levels: LevelChangeInput[] = [];
  province.procedures.forEach((procedure, index) => {
    const department = departments[index % departments.length];
    procedures.push({
      code: procedure.code,
      name: `Thủ tục ${procedure.code}`,
      field: department.name.replace(/^Sở /, ''),
    });
    const offeredBy = index % 3 === 0 ? [department, ...communes] : [department];
    for (const agency of offeredBy) {
      const draw = random();
      const level = draw < 0.1 ? 1 : draw < 0.5 ? 2 : draw < 0.85 ? 3 : 4;
      const change = (effectiveFrom: string, value: 1 | 2 | 3 | 4): LevelChangeInput => ({
        procedureCode: procedure.code,
        agencyCode: agency.code,
        effectiveFrom,
        level: value,
        mode: MODE_BY_LEVEL[value],
        portal: value >= 3 && random() < 0.6,
        fee: procedure.fee > 0,
      });
      levels.push(change(since, level));
      if (level < 4 && random() < 1 / 3) {
        const day = new Date(upgradeWindowStart + Math.floor(random() * 365) * 86_400_000);
        levels.push(change(day.toISOString().slice(0, 10), (level + 1) as 2 | 3 | 4));
      }
    }
  });
  return { agencies, procedures, levels };
}
