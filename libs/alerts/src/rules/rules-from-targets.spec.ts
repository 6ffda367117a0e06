import { TARGET_PRESETS } from '@dvc/catalogue';
import { rulesFromTargets } from './rules-from-targets';

describe('rulesFromTargets', () => {
  const targets = TARGET_PRESETS.map((preset, index) => ({ id: `t${index}`, activeTo: null, ...preset }));

  it('makes each target a below_target rule over its own period, a province-wide one on each unit under the province', () => {
    const rules = rulesFromTargets(targets, { provinceRoot: '000.00.00.H12', minSample: 30 });
    expect(rules).toHaveLength(targets.length);
    expect(rules[0]).toMatchObject({
      key: 'target.binh-thuan-2018.dossiers-online',
      indicatorId: 'dossiers.online',
      scope: { kind: 'children', agencyCode: '000.00.00.H12' },
      window: { kind: 'target_period' },
      condition: { kind: 'below_target', targetKey: 'binh-thuan-2018.dossiers-online' },
      minSample: 30,
      recoveryMarginPoints: 0.01,
      recipients: { unitContacts: true, emails: [] },
    });
    const growth = rules.find((rule) => rule.indicatorId === 'procedures.level_growth');
    expect(growth?.recoveryMarginPoints).toBe(0);
  });

  it("watches an agency's own target on that agency, and the province as one unit without a single root", () => {
    const [own] = rulesFromTargets([{ ...targets[0], agencyCode: '000.00.12.H12', subtree: false }], {
      provinceRoot: '000.00.00.H12',
      minSample: 5,
    });
    expect(own.scope).toEqual({ kind: 'agency', agencyCode: '000.00.12.H12', subtree: false });
    const [province] = rulesFromTargets([targets[0]], { provinceRoot: null, minSample: 5 });
    expect(province.scope).toEqual({ kind: 'agency', agencyCode: null, subtree: true });
  });
});
