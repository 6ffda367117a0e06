import type { Overview } from '../api/types';
import {
  OVERVIEW_PREFETCH_FRESH_MS,
  overviewPrefetchTarget,
  startOverviewPrefetch,
  takePrefetchedOverview,
} from './overview-prefetch';

const overviewOf = (agency: string | null) => ({ scope: { agency }, tiles: {} }) as unknown as Overview;
const answer = (status: number, body: unknown) =>
  Promise.resolve({ ok: status < 400, status, json: () => Promise.resolve(body) } as Response);

/** A page load at `address`: what was sent, and the slot the entry script leaves the request in. */
function aLoad(address: string, reply: (path: string) => Promise<Response>, signedIn = true) {
  const url = new URL(address, 'http://127.0.0.1:3000');
  const sent: string[] = [];
  const slot: Record<string, unknown> = {};
  startOverviewPrefetch(
    url,
    signedIn,
    (path) => {
      sent.push(path);
      return reply(path);
    },
    slot,
    1000,
  );
  return { sent, slot };
}

describe('the overview prefetch', () => {
  it('asks the overview only on the overview page, for the agency of the address', () => {
    expect(overviewPrefetchTarget('/', '')).toEqual({ agency: null, path: '/v1/dashboard/overview' });
    expect(overviewPrefetchTarget('/', '?agency=000.01.H12')).toEqual({
      agency: '000.01.H12',
      path: '/v1/dashboard/overview?agency=000.01.H12',
    });
    expect(overviewPrefetchTarget('/', '?agency=%20')).toEqual({
      agency: null,
      path: '/v1/dashboard/overview',
    });
    for (const page of ['/leaderboard', '/tv', '/dossiers'])
      expect(overviewPrefetchTarget(page, '')).toBeNull();
    expect(aLoad('/leaderboard', () => answer(200, {})).sent).toEqual([]);
    // Not in a browser where the app found no session: a visitor about to log in is not sent a 401.
    expect(aLoad('/', () => answer(401, {}), false).sent).toEqual([]);
  });

  it("hands the page the answer once, for the scope the API answered (a department head's own unit)", async () => {
    const province = aLoad('/', () => answer(200, overviewOf(null)));
    expect(province.sent).toEqual(['/v1/dashboard/overview']);
    expect(await takePrefetchedOverview(null, province.slot, 1200)).toEqual(overviewOf(null));
    expect(await takePrefetchedOverview(null, province.slot, 1300)).toBeNull(); // taken: the page asks itself

    const head = aLoad('/', () => answer(200, overviewOf('S1')));
    expect(await takePrefetchedOverview('S1', head.slot, 1200)).toEqual(overviewOf('S1'));
    const asked = aLoad('/?agency=S1', () => answer(200, overviewOf('S1')));
    expect(await takePrefetchedOverview('S1', asked.slot, 1200)).toEqual(overviewOf('S1'));
  });

  it('gives nothing for another scope, a refusal, a failed request or a stale answer: the page asks itself', async () => {
    expect(
      await takePrefetchedOverview('S2', aLoad('/', () => answer(200, overviewOf('S1'))).slot, 1200),
    ).toBeNull();
    expect(
      await takePrefetchedOverview(
        null,
        aLoad('/?agency=S1', () => answer(200, overviewOf('S1'))).slot,
        1200,
      ),
    ).toBeNull();
    expect(
      await takePrefetchedOverview(null, aLoad('/', () => answer(401, { message: 'no session' })).slot, 1200),
    ).toBeNull();
    expect(
      await takePrefetchedOverview(null, aLoad('/', () => Promise.reject(new Error('offline'))).slot, 1200),
    ).toBeNull();
    const late = aLoad('/', () => answer(200, overviewOf(null)));
    expect(await takePrefetchedOverview(null, late.slot, 1000 + OVERVIEW_PREFETCH_FRESH_MS + 1)).toBeNull();
    expect(await takePrefetchedOverview(null, {}, 1200)).toBeNull();
  });
});
