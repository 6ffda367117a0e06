import type { AddressInfo } from 'node:net';
import { ApiTokensService } from '@dvc/access';
import type { Overview } from '@dvc/dashboard';
import { LiveOverviewService } from '@dvc/dashboard';
import { aReceived, ReceivedEvent, SseClient, waitFor } from '@dvc/testing';
import { catalogueTwoDepartments, TWO_DEPARTMENTS } from '../testing/two-department-province';
import { startTestApiApp, TEST_ADMIN_TOKEN, TestApiApp } from '../testing/test-api-app';

const { S1, S2 } = TWO_DEPARTMENTS;

/** A dossier received now by `agencyCode`, due in five days. */
const receivedNow = (code: string, channel: 'online' | 'direct', agencyCode: string) =>
  aReceived(code, channel, {
    agencyCode,
    occurredAt: new Date().toISOString(),
    dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
  });

const overviewOf = (event: ReceivedEvent) => JSON.parse(event.data) as Overview;
const today = (event: ReceivedEvent) => {
  const { numerator, denominator } = overviewOf(event).tiles.receivedToday;
  return { online: numerator, received: denominator };
};

/**
 * GET /v1/dashboard/live on the real engines (chDB, PGlite), on a listening server with the real clock: events
 * posted over HTTP reach a subscriber's overview without any request of its own.
 */
describe('GET /v1/dashboard/live: the overview pushed as events land (chDB, PGlite)', () => {
  jest.setTimeout(90_000);
  let api: TestApiApp;
  let base: string;
  let headOfS1: string;
  const streams: SseClient[] = [];
  const open = async (path: string, token?: string) => {
    const stream = await SseClient.open(`${base}${path}`, token ? { authorization: `Bearer ${token}` } : {});
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    api = await startTestApiApp({ env: { CATALOGUE_MIRROR_INTERVAL_MS: '200' } });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    await catalogueTwoDepartments(api);
    headOfS1 = (
      await api.app
        .get(ApiTokensService)
        .issue({ owner: 'S1 head', scope: { role: 'department', agencyCode: S1 }, createdBy: 'test' })
    ).token;
    // One dossier before anyone watches, once ClickHouse's copy of the catalogue places S1 in the province.
    await api
      .http()
      .post('/v1/events')
      .send([receivedNow('before', 'direct', S1)])
      .expect(200);
    await waitFor(
      async () => (await api.as(headOfS1).get('/v1/dashboard/overview')).body as Overview,
      (overview) => overview.tiles?.receivedToday.denominator === 1,
      { what: "S1's overview counting the first dossier", timeoutMs: 20_000 },
    );
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(() => api.stop());

  it("pushes a department head's overview of its own unit with the new counts when events are posted", async () => {
    const wall = await open('/v1/dashboard/live', headOfS1);
    expect(wall.status).toBe(200);
    const first = await wall.next((event) => event.type === 'overview', { what: 'the first overview' });
    expect(overviewOf(first).scope.agency).toBe(S1);
    expect(today(first)).toEqual({ online: 0, received: 1 });
    expect(first.id).toBe(overviewOf(first).asOf);

    const postedAt = Date.now();
    const accepted = await api
      .http()
      .post('/v1/events')
      .send([
        receivedNow('live-1', 'online', S1),
        receivedNow('live-2', 'online', S1),
        receivedNow('live-3', 'direct', S1),
        receivedNow('elsewhere', 'online', S2),
      ]);
    expect(accepted.body).toMatchObject({ accepted: 4 });

    const updated = await wall.next((event) => event.type === 'overview' && today(event).received === 4, {
      from: wall.events.indexOf(first) + 1,
      what: 'an overview counting the posted dossiers',
      timeoutMs: 15_000,
    });
    expect(today(updated)).toEqual({ online: 2, received: 4 });
    // Its moment is after the post, and it says so in its id as well.
    expect(Date.parse(overviewOf(updated).asOf)).toBeGreaterThanOrEqual(postedAt);
    expect(updated.id).toBe(overviewOf(updated).asOf);
    // The figures are the overview's: the same as GET /v1/dashboard/overview answers now.
    const asked = (await api.as(headOfS1).get('/v1/dashboard/overview').expect(200)).body as Overview;
    expect(overviewOf(updated).tiles).toEqual(asked.tiles);
    // ... and S2's dossier is not in them.
    const province = (await api.http().get('/v1/dashboard/overview').expect(200)).body as Overview;
    expect(province.tiles.receivedToday.denominator).toBe(5);
  });

  it('serves every subscriber of a scope from one watch of that scope', async () => {
    const [wall, laptop] = [
      await open('/v1/dashboard/live', headOfS1),
      await open(`/v1/dashboard/live?agency=${S1}`, TEST_ADMIN_TOKEN),
    ];
    const province = await open('/v1/dashboard/live', TEST_ADMIN_TOKEN);
    for (const stream of [wall, laptop, province])
      await stream.next((event) => event.type === 'overview', { what: 'the first overview' });
    expect(api.app.get(LiveOverviewService).watching).toEqual({ scopes: 2, subscribers: 3 });
    expect(overviewOf(wall.events[0])).toEqual(overviewOf(laptop.events[0]));
  });

  it("refuses a department head another unit's stream (403) and anyone unauthenticated (401)", async () => {
    const other = await open(`/v1/dashboard/live?agency=${S2}`, headOfS1);
    expect(other.status).toBe(403);
    const anonymous = await open('/v1/dashboard/live');
    expect(anonymous.status).toBe(401);
    const unknown = await open('/v1/dashboard/live?agency=000.00.99.H12', TEST_ADMIN_TOKEN);
    expect(unknown.status).toBe(404);
  });

  it('stops watching a scope once its last subscriber leaves', async () => {
    const wall = await open('/v1/dashboard/live', headOfS1);
    await wall.next((event) => event.type === 'overview');
    wall.close();
    await waitFor(
      () => Promise.resolve(api.app.get(LiveOverviewService).watching),
      (watching) => watching.subscribers === 0,
      { what: 'no subscriber left', timeoutMs: 10_000 },
    );
  });
});
