import { DomainError } from '@dvc/domain-errors';
import { AlertObservation } from './alert-condition';
import {
  Acknowledgement,
  AlertInstanceState,
  AlertStateName,
  AlertTiming,
  NotificationKind,
} from './alert-state';

export interface AlertStepContext {
  now: number;
  timing: AlertTiming;
  /** A silence matches the alert now: nothing is sent, and a firing not yet announced waits for its end. */
  silenced: boolean;
}

export interface AlertStep {
  next: AlertInstanceState;
  /** At most one notification per evaluation. */
  notification: NotificationKind | null;
}

/**
 * One evaluation of one alert instance (a rule on one unit). The rules:
 *
 * - Inactive (normal, pending, resolved, or no data / error without an episode): a breach starts `pending`
 *   and fires once it has held for `for` (at once when `for` is 0); anything else is `normal`. A pending
 *   timer survives an error (the figures are unknown, not better) but not no data.
 * - Active (an episode, from firing until resolved): while not cleared by the recovery margin it is `firing`;
 *   once cleared it is `recovering` until cleared for `keepFiringFor`, then `resolved`. A breach while
 *   recovering goes back to `firing` without a new announcement, and drops the acknowledgement (it got worse).
 * - No data and errors keep the episode: a unit that falls below the minimum sample neither resolves nor
 *   re-announces, and carries on from its episode when figures return.
 * - Notifications: `firing` once per episode, when first firing and not silenced (so after a silence ends if
 *   it still fires); `repeat` while firing, announced, not acknowledged, not silenced, every
 *   `repeatInterval` since the last notification; `resolved` on resolving, if the firing was announced and
 *   no silence matches. Hence never two notifications for one transition.
 */
export function stepAlert(
  previous: AlertInstanceState,
  observation: AlertObservation,
  context: AlertStepContext,
): AlertStep {
  const { now } = context;
  if (observation.kind === 'error') {
    return quiet(enter(previous, 'error', now, { errorMessage: observation.message }));
  }
  if (observation.kind === 'no_data') {
    return quiet(
      enter(previous, 'no_data', now, { pendingSince: null, recoveringSince: null, errorMessage: null }),
    );
  }
  const { timing } = context;
  const episode = previous.episode;
  if (episode === null) {
    if (!observation.breached) {
      return quiet(
        enter(previous, 'normal', now, { pendingSince: null, recoveringSince: null, errorMessage: null }),
      );
    }
    const pendingSince = previous.pendingSince ?? now;
    if (now - pendingSince < timing.forMs) {
      return quiet(
        enter(previous, 'pending', now, { pendingSince, recoveringSince: null, errorMessage: null }),
      );
    }
    const fired = enter(previous, 'firing', now, {
      pendingSince: null,
      recoveringSince: null,
      errorMessage: null,
      episode: { firingSince: now, announced: false, lastNotifiedAt: null, acknowledgement: null },
    });
    return announceWhileFiring(fired, context);
  }

  if (!observation.cleared) {
    const worsened = previous.state === 'recovering';
    const firing = enter(previous, 'firing', now, {
      pendingSince: null,
      recoveringSince: null,
      errorMessage: null,
      episode: worsened ? { ...episode, acknowledgement: null } : episode,
    });
    return announceWhileFiring(firing, context);
  }

  const recoveringSince = previous.recoveringSince ?? now;
  if (now - recoveringSince < timing.keepFiringForMs) {
    return quiet(
      enter(previous, 'recovering', now, { pendingSince: null, recoveringSince, errorMessage: null }),
    );
  }
  const resolved = enter(previous, 'resolved', now, {
    pendingSince: null,
    recoveringSince: null,
    errorMessage: null,
    episode: null,
  });
  return { next: resolved, notification: episode.announced && !context.silenced ? 'resolved' : null };
}

/** Acknowledges the current episode: its repeats stop until it resolves or worsens again. */
export function acknowledgeAlert(
  state: AlertInstanceState,
  acknowledgement: Acknowledgement,
): AlertInstanceState {
  if (state.episode === null) {
    throw new DomainError('conflict', `only a firing alert can be acknowledged; this one is ${state.state}`);
  }
  return { ...state, episode: { ...state.episode, acknowledgement } };
}

function announceWhileFiring(
  state: AlertInstanceState,
  { now, timing, silenced }: AlertStepContext,
): AlertStep {
  const episode = state.episode!;
  if (silenced) return quiet(state);
  if (!episode.announced) {
    return {
      next: { ...state, episode: { ...episode, announced: true, lastNotifiedAt: now } },
      notification: 'firing',
    };
  }
  const repeatDue =
    timing.repeatIntervalMs !== null &&
    episode.acknowledgement === null &&
    (episode.lastNotifiedAt === null || now - episode.lastNotifiedAt >= timing.repeatIntervalMs);
  if (!repeatDue) return quiet(state);
  return { next: { ...state, episode: { ...episode, lastNotifiedAt: now } }, notification: 'repeat' };
}

function enter(
  previous: AlertInstanceState,
  state: AlertStateName,
  now: number,
  changes: Partial<Omit<AlertInstanceState, 'state' | 'since'>>,
): AlertInstanceState {
  return { ...previous, ...changes, state, since: previous.state === state ? previous.since : now };
}

const quiet = (next: AlertInstanceState): AlertStep => ({ next, notification: null });
