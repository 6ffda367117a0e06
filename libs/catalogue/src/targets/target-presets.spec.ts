import { PRESET_DOCUMENTS, presetsOf, TARGET_PRESETS } from './target-presets';
import { targetInputSchema, targetKey } from './target.schema';

describe('target presets', () => {
  it('are valid targets with unique keys', () => {
    for (const preset of TARGET_PRESETS) expect(targetInputSchema.safeParse(preset).error).toBeUndefined();
    expect(new Set(TARGET_PRESETS.map((preset) => preset.key)).size).toBe(TARGET_PRESETS.length);
  });

  it('would keep distinct keys if their keys were derived (one indicator held by several documents)', () => {
    const derived = TARGET_PRESETS.map(({ key: _key, ...preset }) => targetKey(preset));
    expect(new Set(derived).size).toBe(TARGET_PRESETS.length);
  });

  it('ship the seeds: Bình Thuận ≥30% online and +7/+8 pp a year at levels 3/4', () => {
    const binhThuan = TARGET_PRESETS.filter((preset) => preset.key.startsWith('binh-thuan-2018.'));
    expect(
      binhThuan.map(({ indicatorId, options, comparator, threshold }) => [
        indicatorId,
        options,
        comparator,
        threshold,
      ]),
    ).toEqual([
      ['dossiers.online', {}, '>=', 0.3],
      ['procedures.level_growth', { level: 3 }, '>=', 7],
      ['procedures.level_growth', { level: 4 }, '>=', 8],
    ]);
  });

  it('belong to the documents that chose them: national ones by default, a province’s plan when named', () => {
    expect(PRESET_DOCUMENTS).toEqual([
      'national-2022',
      'national-2023',
      'national-766',
      'bac-giang-2015',
      'binh-thuan-2018',
      'quang-ninh-2020',
    ]);
    const documents = (presets: { key: string }[]) => [
      ...new Set(presets.map(({ key }) => key.split('.')[0])),
    ];
    expect(documents(presetsOf())).toEqual(['national-766', 'national-2023', 'national-2022']);
    expect(documents(presetsOf(['national', 'binh-thuan-2018']))).toEqual([
      'binh-thuan-2018',
      'national-766',
      'national-2023',
      'national-2022',
    ]);
    expect(documents(presetsOf(['quang-ninh-2020']))).toEqual(['quang-ninh-2020']);
    expect(presetsOf(PRESET_DOCUMENTS)).toEqual(TARGET_PRESETS);
    expect(() => presetsOf(['binh-thuan-2019'])).toThrow(
      /unknown preset document "binh-thuan-2019"; known: national, national-2022/,
    );
  });
});
