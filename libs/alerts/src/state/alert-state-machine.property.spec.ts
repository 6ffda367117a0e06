import fc from 'fast-check';
import { judgeValue, AlertObservation } from './alert-condition';
import { acknowledgeAlert, stepAlert } from './alert-state-machine';
import { AlertInstanceState, AlertTiming, initialAlertState, NotificationKind } from './alert-state';

const MINUTE = 60_000;

type Step =
  | { kind: 'evaluate'; afterMs: number; input: number | 'no_data' | 'error'; silenced: boolean }
  | { kind: 'acknowledge' }
  | { kind: 'restart' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('evaluate' as const),
      afterMs: fc.integer({ min: 0, max: 120 * MINUTE }),
      input: fc.oneof(
        { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
        { weight: 1, arbitrary: fc.constantFrom('no_data' as const, 'error' as const) },
      ),
      silenced: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'acknowledge' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

const timingArbitrary: fc.Arbitrary<AlertTiming> = fc.record({
  forMs: fc.integer({ min: 0, max: 60 * MINUTE }),
  keepFiringForMs: fc.integer({ min: 0, max: 60 * MINUTE }),
  repeatIntervalMs: fc.option(fc.integer({ min: MINUTE, max: 240 * MINUTE }), { nil: null }),
});

describe('stepAlert on random series of figures', () => {
  it('bounds the notifications: one firing per episode, a resolve only after it, repeats spaced, never two at once', () => {
    fc.assert(
      fc.property(
        timingArbitrary,
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.array(stepArbitrary, { maxLength: 80 }),
        (timing, margin, steps) => {
          let state: AlertInstanceState = initialAlertState(0);
          let now = 0;
          const sent: { at: number; kind: NotificationKind }[] = [];
          // An announced episode that resolves under a silence closes without a message (as Alertmanager's do).
          const timeline: { at: number; kind: NotificationKind | 'silent_resolve' }[] = [];
          let evaluations = 0;
          for (const step of steps) {
            if (step.kind === 'acknowledge') {
              if (state.episode) state = acknowledgeAlert(state, { by: 'x', comment: 'x', at: now });
              continue;
            }
            if (step.kind === 'restart') {
              state = JSON.parse(JSON.stringify(state)) as AlertInstanceState;
              continue;
            }
            now += step.afterMs;
            evaluations += 1;
            const observation: AlertObservation =
              typeof step.input === 'number'
                ? { kind: 'value', ...judgeValue(step.input, { comparator: '>=', threshold: 0.3 }, margin) }
                : step.input === 'error'
                  ? { kind: 'error', message: 'down' }
                  : { kind: 'no_data' };
            const wasActive = state.episode !== null;
            const wasAnnounced = state.episode?.announced ?? false;
            const result = stepAlert(state, observation, { now, timing, silenced: step.silenced });
            if (result.notification) {
              expect(step.silenced).toBe(false);
              sent.push({ at: now, kind: result.notification });
              timeline.push({ at: now, kind: result.notification });
            }
            if (result.notification === 'firing' || result.notification === 'repeat') {
              expect(result.next.state).toBe('firing');
            }
            if (wasAnnounced && result.next.episode === null && step.silenced) {
              expect(result.notification).toBeNull();
              timeline.push({ at: now, kind: 'silent_resolve' });
            }
            if (result.notification === 'resolved') {
              expect(wasActive).toBe(true);
              expect(result.next.state).toBe('resolved');
            }
            // Firing needs the condition held for `for`; the pending timer never predates the episode.
            if (result.next.episode && !wasActive) {
              expect(typeof step.input).toBe('number');
            }
            state = result.next;
          }

          expect(sent.length).toBeLessThanOrEqual(evaluations);
          // The notifications read as episodes: firing, repeats, then at most one resolved.
          let open = false;
          let lastAt = -Infinity;
          for (const { at, kind } of timeline) {
            if (kind === 'silent_resolve') {
              expect(open).toBe(true);
              open = false;
              continue;
            }
            if (kind === 'firing') {
              expect(open).toBe(false);
              open = true;
            } else if (kind === 'repeat') {
              expect(open).toBe(true);
              expect(timing.repeatIntervalMs).not.toBeNull();
              expect(at - lastAt).toBeGreaterThanOrEqual(timing.repeatIntervalMs!);
            } else {
              expect(open).toBe(true);
              open = false;
            }
            lastAt = at;
          }
          expect(open).toBe(state.episode?.announced ?? false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a unit that stays within the recovery margin of the threshold never notifies twice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.28, max: 0.319, noNaN: true }), { minLength: 1, maxLength: 100 }),
        (values) => {
          let state = initialAlertState(0);
          const timing = { forMs: 0, keepFiringForMs: 0, repeatIntervalMs: null };
          let notifications = 0;
          values.forEach((value, index) => {
            const observation = {
              kind: 'value' as const,
              ...judgeValue(value, { comparator: '>=', threshold: 0.3 }, 0.02),
            };
            const result = stepAlert(state, observation, { now: index * MINUTE, timing, silenced: false });
            if (result.notification) notifications += 1;
            state = result.next;
          });
          expect(notifications).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
