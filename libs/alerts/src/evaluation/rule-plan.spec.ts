import { Target } from '@dvc/catalogue';
import { alertRuleInputSchema } from '../rules/alert-rule.schema';
import { planRule } from './rule-plan';

const rule = (overrides: Record<string, unknown>) =>
  alertRuleInputSchema.parse({
    key: 'r',
    name: 'r',
    indicatorId: 'dossiers.online',
    scope: { kind: 'children', agencyCode: '000.00.30.H12' },
    window: { kind: 'rolling', days: 30 },
    condition: { kind: 'threshold', comparator: '<', threshold: 0.3 },
    ...overrides,
  });

const target: Target = {
  id: 't',
  key: 'monthly',
  indicatorId: 'dossiers.online',
  options: { denominator: 'online_procedures' },
  agencyCode: null,
  subtree: true,
  period: { kind: 'quarter' },
  comparator: '>=',
  threshold: 0.5,
  legalBasis: 'x',
  activeFrom: '2020-01-01',
  activeTo: null,
};

describe('planRule', () => {
  it('asks one query grouped by child unit, over the rolling window, guarding the opposite of the alert condition', () => {
    expect(planRule(rule({}), null, '2026-12-10')).toEqual({
      period: { from: '2026-11-11', to: '2026-12-10' },
      wholePeriod: null,
      requirement: { comparator: '>=', threshold: 0.3 },
      agency: '000.00.30.H12',
      subtree: true,
      groupBy: 'agency',
      options: {},
    });
  });

  it('counts month-to-date with the whole month for the projection, on one agency without its subtree', () => {
    const plan = planRule(
      rule({
        window: { kind: 'month_to_date' },
        scope: { kind: 'agency', agencyCode: '000.00.12.H12', subtree: false },
      }),
      null,
      '2026-02-10',
    );
    expect(plan).toMatchObject({
      period: { from: '2026-02-01', to: '2026-02-10' },
      wholePeriod: { from: '2026-02-01', to: '2026-02-28' },
      agency: '000.00.12.H12',
      subtree: false,
      groupBy: null,
    });
  });

  it("holds a below_target rule to its target's requirement, options and own period", () => {
    const plan = planRule(
      rule({ window: { kind: 'target_period' }, condition: { kind: 'below_target', targetKey: 'monthly' } }),
      target,
      '2026-11-20',
    );
    expect(plan).toMatchObject({
      period: { from: '2026-10-01', to: '2026-11-20' },
      wholePeriod: { from: '2026-10-01', to: '2026-12-31' },
      requirement: { comparator: '>=', threshold: 0.5 },
      options: { denominator: 'online_procedures' },
    });
  });

  it('refuses a below_target rule whose target is gone, and a target period without a target', () => {
    expect(() =>
      planRule(rule({ condition: { kind: 'below_target', targetKey: 'gone' } }), null, '2026-01-01'),
    ).toThrow(/target gone does not exist/);
    expect(alertRuleInputSchema.safeParse({ ...rule({}), window: { kind: 'target_period' } }).success).toBe(
      false,
    );
  });
});
