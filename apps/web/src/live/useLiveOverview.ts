import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Overview } from '../api/types';
import { EventSourceLike, LiveConnection, LiveState, liveUrl } from './live-connection';

/** The react-query key of a scope's overview: the live stream writes its figures there. */
export const overviewKey = (agency: string | null) => ['overview', agency] as const;

/**
 * Keeps the scope's overview in the query cache current from `GET /v1/dashboard/live` (same origin, so the session
 * cookie goes with it) while mounted and `enabled`; says whether the stream is live. `onFigures` hears each new
 * overview with the one it replaces.
 */
export function useLiveOverview(
  agency: string | null,
  options: { enabled?: boolean; onFigures?: (overview: Overview, before: Overview | undefined) => void } = {},
): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const enabled = options.enabled ?? true;
  const onFigures = useRef(options.onFigures);
  onFigures.current = options.onFigures;
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return undefined;
    setState('connecting');
    const connection = new LiveConnection<Overview>(
      () => new EventSource(liveUrl(agency)) as unknown as EventSourceLike,
      (overview) => {
        const before = client.getQueryData<Overview>(overviewKey(agency));
        client.setQueryData(overviewKey(agency), overview);
        onFigures.current?.(overview, before);
      },
      setState,
    );
    connection.start();
    return () => connection.stop();
  }, [agency, client, enabled]);
  return state;
}
