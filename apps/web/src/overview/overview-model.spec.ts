import type { IndicatorAnswer, Overview, OverviewTile, TargetStatusEntry } from '../api/types';
import { OVERVIEW_TILES } from '../api/types';
import { backlog, intakeByChannel, onTimeSplit, targetFor } from './overview-model';

const answer = (fields: Partial<IndicatorAnswer> = {}): IndicatorAnswer => ({
  indicator: 'dossiers.online',
  unit: 'share',
  period: { from: '2026-12-02', to: '2026-12-02' },
  asOf: null,
  numerator: 0,
  denominator: 0,
  value: null,
  ...fields,
});

const aTarget = (
  key: string,
  indicatorId: string,
  fields: Partial<TargetStatusEntry['target']> = {},
): TargetStatusEntry => ({
  status: 'met',
  actual: 0.5,
  threshold: 0.5,
  gap: 0,
  periodState: 'running',
  projection: null,
  target: {
    id: key,
    key,
    indicatorId,
    options: {},
    agencyCode: null,
    comparator: '>=',
    threshold: 0.5,
    legalBasis: '',
    period: 'year',
    ...fields,
  },
  evaluatedFor: { agency: null, from: '2026-01-01', to: '2026-12-31' },
  figures: null,
});

function anOverview(
  tiles: Partial<Record<OverviewTile, IndicatorAnswer>> = {},
  targets: TargetStatusEntry[] = [],
  agency: string | null = null,
): Overview {
  const all = Object.fromEntries(OVERVIEW_TILES.map((tile) => [tile, tiles[tile] ?? answer()]));
  return {
    scope: { agency, name: null, structure: 'reported' },
    today: '2026-12-02',
    asOf: '2026-12-02T01:00:00Z',
    tiles: all as Overview['tiles'],
    targets,
  };
}

describe('overview model', () => {
  it('splits today’s intake into online, postal and in person', () => {
    const overview = anOverview({
      receivedToday: answer({ numerator: 30, denominator: 100 }),
      postalToday: answer({ indicator: 'dossiers.postal', numerator: 5, denominator: 100 }),
    });
    expect(intakeByChannel(overview)).toEqual({ total: 100, online: 30, postal: 5, direct: 65 });
    expect(intakeByChannel(anOverview())).toEqual({ total: 0, online: 0, postal: 0, direct: 0 });
  });

  it('picks the tile’s target by indicator and options, the scope’s own first', () => {
    const province = aTarget('b-province', 'dossiers.online');
    const own = aTarget('z-own', 'dossiers.online', { agencyCode: '000.00.12.H99' });
    const level3 = aTarget('l3', 'procedures.level_growth', { options: { level: 3 } });
    const level4 = aTarget('l4', 'procedures.level_growth', { options: { level: 4 } });
    const targets = [province, own, level3, level4];
    expect(targetFor(anOverview({}, targets, '000.00.12.H99'), 'dossiers.online')).toBe(own);
    expect(
      targetFor(anOverview({}, [province, aTarget('a-other', 'dossiers.online')]), 'dossiers.online')?.target
        .key,
    ).toBe('a-other');
    expect(targetFor(anOverview({}, targets), 'procedures.level_growth', { level: 4 })).toBe(level4);
    expect(targetFor(anOverview({}, targets), 'procedures.level_growth', { level: '3' })).toBe(level3);
    expect(targetFor(anOverview({}, targets), 'dossiers.on_time')).toBeNull();
  });

  it('counts open dossiers past due as late beside those resolved late', () => {
    expect(onTimeSplit(answer({ breakdown: { early: 4, onTime: 10, late: 2, overdueOpen: 3 } }))).toEqual({
      early: 4,
      onTime: 10,
      late: 5,
    });
    expect(onTimeSplit(answer())).toEqual({ early: 0, onTime: 0, late: 0 });
  });

  it('reads the backlog with its overdue and due-soon parts', () => {
    expect(
      backlog(
        answer({
          unit: 'count',
          numerator: 40,
          denominator: null,
          breakdown: { overdue: 7, dueWithin24h: 3 },
        }),
      ),
    ).toEqual({ open: 40, overdue: 7, dueWithin24h: 3 });
  });
});
