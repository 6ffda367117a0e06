import { dossierEventSchema } from '@dvc/dossier-events';
import {
  ReferenceEvent,
  referenceBuilders,
  ReferenceQuery,
  referenceIndicator,
} from '@dvc/indicators-reference';
import { WireEvent } from './dossier-lifecycle';
import { ProvinceFeed } from './province-feed';
import { OFFICE_HOURS_PROFILE } from './synthetic-feed';

const HOUR = 3_600_000;
const vn = (local: string) => Date.parse(`${local}+07:00`);
/** Fails naming what was out of its band and by how much. */
function expectWithin(what: Record<string, unknown>, value: number | null, low: number, high: number): void {
  expect({ ...what, value, low, high, inBand: value !== null && value >= low && value <= high }).toEqual({
    ...what,
    value,
    low,
    high,
    inBand: true,
  });
}

/** A week of the demo: 42 days of history at start-up, then the feed advanced every 10 minutes for 7 days. */
function simulatedWeek() {
  const feed = new ProvinceFeed({ seed: 2026, dossiersPerDay: 300, historyDays: 42 });
  const start = vn('2026-11-09T10:00:00'); // a Monday
  const delivered: ReferenceEvent[] = [];
  const deliver = (batches: WireEvent[][], at: number) => {
    for (const event of batches.flat()) {
      delivered.push({ ...dossierEventSchema.parse(event), ingestedAt: new Date(at).toISOString() });
    }
  };
  deliver(feed.advance(start), start);
  const historyEnd = delivered.length;
  const end = start + 7 * 24 * HOUR;
  for (let at = start + 10 * 60_000; at <= end; at += 10 * 60_000) deliver(feed.advance(at), at);
  return { delivered, historyEnd, start, end };
}

describe('the demo province, day after day', () => {
  const { delivered, historyEnd, start, end } = simulatedWeek();
  const indicator = (indicatorId: ReferenceQuery['indicator'], day: string, to = day, options = {}) =>
    referenceIndicator(
      delivered,
      referenceBuilders.catalogue(),
      referenceBuilders.query(indicatorId, {
        options,
        from: day,
        to,
        now: new Date(Math.min(end, vn(`${to}T23:59:59`))).toISOString(),
      }),
    );
  const liveWorkdays = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];

  it('sends every event once its moment has come, never before, and keeps the lifecycles going', () => {
    expect(delivered.every((event) => Date.parse(event.occurredAt) <= Date.parse(event.ingestedAt))).toBe(
      true,
    );
    const live = delivered.slice(historyEnd);
    // Live: each event within the 10 minutes after it happened (re-sends and duplicates included).
    const lag = live.map((event) => Date.parse(event.ingestedAt) - Date.parse(event.occurredAt));
    expect(Math.max(...lag)).toBeLessThanOrEqual(10 * 60_000);
    // History dossiers carry on: resolved and returned during the week.
    const historyDossiers = new Set(delivered.slice(0, historyEnd).map((event) => event.dossierCode));
    const laterSteps = live.filter((event) => historyDossiers.has(event.dossierCode));
    expect([...new Set(laterSteps.map((event) => event.type))]).toEqual(
      expect.arrayContaining(['resolved', 'returned', 'paid', 'rescheduled']),
    );
    // Online dossiers submitted during the week are received, as they would be.
    const liveOnline = live.filter(
      (event) =>
        event.type === 'received' && event.channel === 'online' && !historyDossiers.has(event.dossierCode),
    );
    expect(liveOnline.length).toBeGreaterThan(300);
    expect(start).toBeLessThan(end);
  });

  it('keeps the weekly shares and volumes of the history, and each working day volume', () => {
    const historyWeeks = [
      ['2026-10-19', '2026-10-25'],
      ['2026-10-26', '2026-11-01'],
      ['2026-11-02', '2026-11-08'],
    ] as const;
    const liveWeek = ['2026-11-09', '2026-11-15'] as const;
    const band = (values: number[], margin: number) => [
      Math.min(...values) - margin,
      Math.max(...values) + margin,
    ];
    for (const [id, margin] of [
      ['dossiers.online', 0.03],
      ['dossiers.on_time', 0.02],
      ['payments.online', 0.05],
    ] as const) {
      const [low, high] = band(
        historyWeeks.map(([from, to]) => indicator(id, from, to).value!),
        margin,
      );
      expectWithin({ id, week: liveWeek[0] }, indicator(id, ...liveWeek).value, low, high);
    }
    // 5 working days, Saturday at 30%, Sunday at 10% of 300, each day ±10%.
    for (const [from, to] of [...historyWeeks, liveWeek]) {
      expectWithin(
        { week: from, what: 'received' },
        indicator('dossiers.online', from, to).denominator,
        1460,
        1780,
      );
    }
    for (const day of liveWorkdays) {
      expectWithin({ day, what: 'received' }, indicator('dossiers.online', day).denominator, 265, 335);
    }
  });

  it('resolves early, on time and late against real due dates, leaves some overdue, takes payments, returns by post', () => {
    for (const day of liveWorkdays) {
      const onTime = indicator('dossiers.on_time', day);
      const { early, onTime: onDueDay, late } = onTime.breakdown!;
      const resolved = early + onDueDay + late;
      expectWithin({ day, what: 'early' }, early / resolved, 0.55, 0.85);
      expectWithin({ day, what: 'on the due day' }, onDueDay / resolved, 0.1, 0.35);
      expectWithin({ day, what: 'late' }, late / resolved, 0.02, 0.15);
      // A day's on-time share counts the whole overdue backlog against one day's resolutions.
      expectWithin({ day, what: 'on time' }, onTime.value, 0.7, 0.9);
      expectWithin({ day, what: 'overdue' }, indicator('dossiers.overdue', day).numerator, 20, 150);
      expect(indicator('payments.online', day).numerator).toBeGreaterThan(0);
      expect(indicator('dossiers.postal', day, day, { of: 'return' }).numerator).toBeGreaterThan(0);
    }
  });

  it('spreads a working day by the office-hours profile: a morning peak, a lunch lull', () => {
    const starts = delivered.filter(
      (event) =>
        (event.type === 'submitted' || (event.type === 'received' && event.channel !== 'online')) &&
        Date.parse(event.occurredAt) >= start,
    );
    const byHour = new Map<number, number>();
    for (const event of starts) {
      const hour = new Date(Date.parse(event.occurredAt) + 7 * HOUR).getUTCHours();
      byHour.set(hour, (byHour.get(hour) ?? 0) + 1);
    }
    const at = (hour: number) => byHour.get(hour) ?? 0;
    expect(at(9)).toBeGreaterThan(3 * at(12));
    expect(at(14)).toBeGreaterThan(3 * at(12));
    expect(at(9)).toBeGreaterThan(at(16));
    const outside = [...byHour].filter(([hour]) => hour < 7 || hour >= 17);
    expect(outside).toEqual([]);
    expect(OFFICE_HOURS_PROFILE[0].from).toBe(7.5);
  });
});
