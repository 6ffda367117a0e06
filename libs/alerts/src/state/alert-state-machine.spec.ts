import { judgeValue, AlertObservation, requirementOfAlertCondition } from './alert-condition';
import { acknowledgeAlert, stepAlert } from './alert-state-machine';
import { AlertInstanceState, AlertTiming, initialAlertState, NotificationKind } from './alert-state';

const MINUTE = 60_000;
const atLeast30 = { comparator: '>=', threshold: 0.3 } as const;

/** Drives one alert instance with a fake clock, one evaluation at a time. */
class Harness {
  now = 0;
  silenced = false;
  state: AlertInstanceState = initialAlertState(0);
  readonly sent: { at: number; kind: NotificationKind }[] = [];

  constructor(
    readonly timing: AlertTiming,
    readonly margin = 0,
  ) {}

  /** Advances the clock, then evaluates a value (or no data / an error). */
  evaluate(afterMs: number, input: number | 'no_data' | 'error'): this {
    this.now += afterMs;
    const observation: AlertObservation =
      input === 'no_data'
        ? { kind: 'no_data' }
        : input === 'error'
          ? { kind: 'error', message: 'ClickHouse down' }
          : { kind: 'value', ...judgeValue(input, atLeast30, this.margin) };
    const { next, notification } = stepAlert(this.state, observation, {
      now: this.now,
      timing: this.timing,
      silenced: this.silenced,
    });
    this.state = next;
    if (notification) this.sent.push({ at: this.now, kind: notification });
    return this;
  }

  get kinds(): NotificationKind[] {
    return this.sent.map(({ kind }) => kind);
  }
}

const timing = (overrides: Partial<AlertTiming> = {}): AlertTiming => ({
  forMs: 10 * MINUTE,
  keepFiringForMs: 0,
  repeatIntervalMs: null,
  ...overrides,
});

describe('judgeValue', () => {
  it('breaches below an at-least threshold and clears only with the margin to spare', () => {
    expect(judgeValue(0.29, atLeast30, 0.02)).toEqual({ breached: true, cleared: false });
    expect(judgeValue(0.31, atLeast30, 0.02)).toEqual({ breached: false, cleared: false });
    expect(judgeValue(0.32, atLeast30, 0.02)).toEqual({ breached: false, cleared: true });
    expect(judgeValue(0.1 * 3, atLeast30, 0)).toEqual({ breached: false, cleared: true });
  });

  it('mirrors for an at-most threshold (overdue share at most 5%)', () => {
    const atMost5 = { comparator: '<=', threshold: 0.05 } as const;
    expect(judgeValue(0.06, atMost5, 0.01)).toEqual({ breached: true, cleared: false });
    expect(judgeValue(0.045, atMost5, 0.01)).toEqual({ breached: false, cleared: false });
    expect(judgeValue(0.04, atMost5, 0.01)).toEqual({ breached: false, cleared: true });
  });

  it('refuses a negative margin and non-finite values', () => {
    expect(() => judgeValue(0.3, atLeast30, -0.1)).toThrow(RangeError);
    expect(() => judgeValue(Number.NaN, atLeast30, 0)).toThrow(RangeError);
  });

  it('reads a Prometheus-style alert condition as the requirement it guards', () => {
    expect(requirementOfAlertCondition({ comparator: '<', threshold: 0.3 })).toEqual(atLeast30);
    expect(requirementOfAlertCondition({ comparator: '>=', threshold: 5 })).toEqual({
      comparator: '<',
      threshold: 5,
    });
    expect(requirementOfAlertCondition({ comparator: '>', threshold: 5 })).toEqual({
      comparator: '<=',
      threshold: 5,
    });
    expect(requirementOfAlertCondition({ comparator: '<=', threshold: 5 })).toEqual({
      comparator: '>',
      threshold: 5,
    });
  });
});

describe('stepAlert', () => {
  it('stays normal while the requirement holds', () => {
    const alert = new Harness(timing()).evaluate(MINUTE, 0.5).evaluate(MINUTE, 0.3);
    expect(alert.state.state).toBe('normal');
    expect(alert.sent).toEqual([]);
  });

  it('goes pending on a breach and fires once it has held for `for`', () => {
    const alert = new Harness(timing()).evaluate(MINUTE, 0.2);
    expect(alert.state).toMatchObject({ state: 'pending', pendingSince: MINUTE, since: MINUTE });
    alert.evaluate(5 * MINUTE, 0.25);
    expect(alert.state).toMatchObject({ state: 'pending', since: MINUTE });
    alert.evaluate(5 * MINUTE - 1, 0.25);
    expect(alert.state.state).toBe('pending');
    alert.evaluate(1, 0.25);
    expect(alert.state).toMatchObject({ state: 'firing', since: 10 * MINUTE + MINUTE });
    expect(alert.sent).toEqual([{ at: 11 * MINUTE, kind: 'firing' }]);
  });

  it('fires at the first breach when `for` is 0', () => {
    const alert = new Harness(timing({ forMs: 0 })).evaluate(MINUTE, 0.2);
    expect(alert.state.state).toBe('firing');
    expect(alert.kinds).toEqual(['firing']);
  });

  it('forgets a pending breach that stops before `for`, silently', () => {
    const alert = new Harness(timing()).evaluate(MINUTE, 0.2).evaluate(5 * MINUTE, 0.4);
    expect(alert.state).toMatchObject({ state: 'normal', pendingSince: null });
    alert.evaluate(5 * MINUTE, 0.2).evaluate(5 * MINUTE, 0.2);
    expect(alert.state.state).toBe('pending');
    expect(alert.sent).toEqual([]);
  });

  it('resolves when the requirement holds again, and says so once', () => {
    const alert = new Harness(timing({ forMs: 0 })).evaluate(MINUTE, 0.2).evaluate(MINUTE, 0.35);
    expect(alert.state).toMatchObject({ state: 'resolved', episode: null });
    alert.evaluate(MINUTE, 0.35);
    expect(alert.state.state).toBe('normal');
    expect(alert.kinds).toEqual(['firing', 'resolved']);
  });

  it('does not flap within the recovery margin', () => {
    const alert = new Harness(timing({ forMs: 0 }), 0.02);
    for (const value of [0.29, 0.305, 0.299, 0.31, 0.3, 0.295, 0.315]) alert.evaluate(MINUTE, value);
    expect(alert.state.state).toBe('firing');
    expect(alert.kinds).toEqual(['firing']);
    alert.evaluate(MINUTE, 0.32);
    expect(alert.state.state).toBe('resolved');
    expect(alert.kinds).toEqual(['firing', 'resolved']);
  });

  it('keeps firing for `keepFiringFor` after clearing, and a relapse meanwhile says nothing new', () => {
    const alert = new Harness(timing({ forMs: 0, keepFiringForMs: 30 * MINUTE }));
    alert.evaluate(MINUTE, 0.2).evaluate(MINUTE, 0.4);
    expect(alert.state).toMatchObject({ state: 'recovering', recoveringSince: 2 * MINUTE });
    alert.evaluate(20 * MINUTE, 0.25);
    expect(alert.state).toMatchObject({ state: 'firing', recoveringSince: null });
    alert.evaluate(MINUTE, 0.4).evaluate(29 * MINUTE, 0.4);
    expect(alert.state.state).toBe('recovering');
    alert.evaluate(MINUTE, 0.4);
    expect(alert.state.state).toBe('resolved');
    expect(alert.kinds).toEqual(['firing', 'resolved']);
  });

  it('repeats every repeatInterval while firing, counted from the last notification', () => {
    const alert = new Harness(timing({ forMs: 0, repeatIntervalMs: 60 * MINUTE }));
    alert.evaluate(0, 0.2);
    for (let step = 0; step < 12; step += 1) alert.evaluate(10 * MINUTE, 0.2);
    expect(alert.sent).toEqual([
      { at: 0, kind: 'firing' },
      { at: 60 * MINUTE, kind: 'repeat' },
      { at: 120 * MINUTE, kind: 'repeat' },
    ]);
  });

  it('never repeats without a repeatInterval', () => {
    const alert = new Harness(timing({ forMs: 0 }));
    for (let step = 0; step < 50; step += 1) alert.evaluate(60 * MINUTE, 0.2);
    expect(alert.kinds).toEqual(['firing']);
  });

  it('gives no data below the minimum sample, without notifying, and forgets a pending timer', () => {
    const alert = new Harness(timing()).evaluate(MINUTE, 0.2).evaluate(MINUTE, 'no_data');
    expect(alert.state).toMatchObject({ state: 'no_data', pendingSince: null });
    alert.evaluate(MINUTE, 0.2);
    expect(alert.state).toMatchObject({ state: 'pending', pendingSince: 3 * MINUTE });
    expect(alert.sent).toEqual([]);
  });

  it('keeps a firing episode through no data: no resolve, no second announcement when figures return', () => {
    const alert = new Harness(timing({ forMs: 0 })).evaluate(MINUTE, 0.2);
    alert.evaluate(MINUTE, 'no_data').evaluate(MINUTE, 'no_data');
    expect(alert.state.state).toBe('no_data');
    expect(alert.state.episode).toMatchObject({ firingSince: MINUTE, announced: true });
    alert.evaluate(MINUTE, 0.2);
    expect(alert.state).toMatchObject({ state: 'firing' });
    alert.evaluate(MINUTE, 'no_data').evaluate(MINUTE, 0.5);
    expect(alert.state.state).toBe('resolved');
    expect(alert.kinds).toEqual(['firing', 'resolved']);
  });

  it('records an error and keeps the pending timer and the episode through it', () => {
    const pending = new Harness(timing()).evaluate(MINUTE, 0.2).evaluate(MINUTE, 'error');
    expect(pending.state).toMatchObject({
      state: 'error',
      errorMessage: 'ClickHouse down',
      pendingSince: MINUTE,
    });
    pending.evaluate(9 * MINUTE, 0.2);
    expect(pending.state).toMatchObject({ state: 'firing', errorMessage: null });
    pending.evaluate(MINUTE, 'error').evaluate(MINUTE, 0.2);
    expect(pending.state.state).toBe('firing');
    expect(pending.kinds).toEqual(['firing']);
  });

  it('holds a firing back while silenced, announces it when the silence ends, and resolves silently under one', () => {
    const alert = new Harness(timing({ forMs: 0, repeatIntervalMs: 60 * MINUTE }));
    alert.silenced = true;
    alert.evaluate(MINUTE, 0.2).evaluate(120 * MINUTE, 0.2);
    expect(alert.state).toMatchObject({ state: 'firing', episode: { announced: false } });
    expect(alert.sent).toEqual([]);
    alert.silenced = false;
    alert.evaluate(MINUTE, 0.2);
    expect(alert.kinds).toEqual(['firing']);
    alert.silenced = true;
    alert.evaluate(120 * MINUTE, 0.2).evaluate(MINUTE, 0.5);
    expect(alert.state.state).toBe('resolved');
    expect(alert.kinds).toEqual(['firing']);
  });

  it('never announces the resolve of a firing that was never announced', () => {
    const alert = new Harness(timing({ forMs: 0 }));
    alert.silenced = true;
    alert.evaluate(MINUTE, 0.2);
    alert.silenced = false;
    alert.evaluate(MINUTE, 0.5);
    expect(alert.state.state).toBe('resolved');
    expect(alert.sent).toEqual([]);
  });

  it('stops repeats once acknowledged, until the alert worsens again after recovering', () => {
    const alert = new Harness(
      timing({ forMs: 0, keepFiringForMs: 30 * MINUTE, repeatIntervalMs: 60 * MINUTE }),
    );
    alert.evaluate(0, 0.2);
    alert.state = acknowledgeAlert(alert.state, { by: 'truong.phong', comment: 'đang xử lý', at: MINUTE });
    for (let step = 0; step < 6; step += 1) alert.evaluate(60 * MINUTE, 0.2);
    expect(alert.kinds).toEqual(['firing']);
    expect(alert.state.episode?.acknowledgement).toMatchObject({ comment: 'đang xử lý' });
    alert.evaluate(MINUTE, 0.5).evaluate(MINUTE, 0.2);
    expect(alert.state.episode?.acknowledgement).toBeNull();
    expect(alert.kinds).toEqual(['firing', 'repeat']);
  });

  it('still says resolved for an acknowledged alert', () => {
    const alert = new Harness(timing({ forMs: 0 })).evaluate(0, 0.2);
    alert.state = acknowledgeAlert(alert.state, { by: 'a', comment: 'ok', at: 0 });
    alert.evaluate(MINUTE, 0.5);
    expect(alert.kinds).toEqual(['firing', 'resolved']);
  });

  it('refuses to acknowledge an alert that is not firing', () => {
    const alert = new Harness(timing()).evaluate(MINUTE, 0.2);
    expect(() => acknowledgeAlert(alert.state, { by: 'a', comment: 'x', at: 0 })).toThrow(/pending/);
  });

  it('carries on after a restart from the persisted state alone', () => {
    const before = new Harness(timing()).evaluate(MINUTE, 0.2).evaluate(5 * MINUTE, 0.2);
    const restarted = new Harness(timing());
    restarted.now = before.now;
    restarted.state = JSON.parse(JSON.stringify(before.state)) as AlertInstanceState;
    restarted.evaluate(5 * MINUTE, 0.2).evaluate(5 * MINUTE, 0.2);
    expect(restarted.sent).toEqual([{ at: 11 * MINUTE, kind: 'firing' }]);
  });
});
