import { agencyInputSchema, levelChangeInputSchema, procedureInputSchema } from '@dvc/catalogue';
import { syntheticProvince } from './province';
import { syntheticCatalogue } from './synthetic-catalogue';

describe('synthetic catalogue', () => {
  const province = syntheticProvince(2026);
  const catalogue = syntheticCatalogue(province, 2026, '2026-11-22');

  it('is a valid catalogue covering every agency and procedure the feed uses', () => {
    for (const agency of catalogue.agencies) agencyInputSchema.parse(agency);
    for (const procedure of catalogue.procedures) procedureInputSchema.parse(procedure);
    for (const level of catalogue.levels) levelChangeInputSchema.parse(level);
    const codes = new Set(catalogue.agencies.map((agency) => agency.code));
    expect(province.agencies.every((agency) => codes.has(agency.code))).toBe(true);
    expect(catalogue.procedures.map((procedure) => procedure.code)).toEqual(
      province.procedures.map((p) => p.code),
    );
  });

  it('nests communes under a district under the province: three levels', () => {
    const parentOf = new Map(catalogue.agencies.map((agency) => [agency.code, agency.parentCode]));
    const commune = province.agencies.find((agency) => agency.code.endsWith('.30.H12'))!.code;
    expect([commune, parentOf.get(commune), parentOf.get(parentOf.get(commune)!)]).toEqual([
      commune,
      '000.00.30.H12',
      '000.00.00.H12',
    ]);
  });

  it('upgrades some offerings during the last year, and is the same for the same seed', () => {
    const upgrades = catalogue.levels.filter((level) => level.effectiveFrom > '2025-11-22');
    expect(upgrades.length).toBeGreaterThan(50);
    expect(upgrades.every((level) => level.effectiveFrom <= '2026-11-22')).toBe(true);
    expect(syntheticCatalogue(province, 2026, '2026-11-22')).toEqual(catalogue);
  });
});
