import { readdirSync } from 'node:fs';
import { indicatorResultSchema } from '../indicator-query.schema';
import { INDICATOR_IDS, INDICATORS } from './indicator-registry';

describe('the indicator registry', () => {
  it('lists every indicator file once, under its own id', () => {
    const files = readdirSync(__dirname).filter((name) => name.endsWith('.indicator.ts'));
    expect(INDICATORS).toHaveLength(files.length);
    expect(new Set(INDICATOR_IDS).size).toBe(INDICATORS.length);
    // The file is named for the id: dossiers.on_time → dossiers-on-time.indicator.ts.
    expect(INDICATOR_IDS.map((id) => `${id.replace(/[._]/g, '-')}.indicator.ts`).sort()).toEqual(
      files.sort(),
    );
  });

  it.each(INDICATORS.map((indicator) => [indicator.definition.id, indicator] as const))(
    '%s: empty figures of its unit, a definition in both languages',
    (_id, { definition, empty }) => {
      expect(indicatorResultSchema.shape.numerator.parse(empty.numerator)).toBe(0);
      expect(empty.denominator).toBe(definition.unit === 'count' ? null : 0);
      expect(empty.value).toBe(definition.unit === 'count' ? 0 : null);
      expect(definition.nameVi).not.toBe(definition.nameEn);
      expect(definition.description.length).toBeGreaterThan(40);
    },
  );
});
