import { TARGET_PRESETS } from './target-presets';
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
});
