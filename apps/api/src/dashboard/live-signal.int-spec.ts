import type { AddressInfo } from 'node:net';
import type { Overview } from '@dvc/dashboard';
import { EventsStoredSignal } from '@dvc/ingestion';
import { aReceived, ReceivedEvent, SseClient, waitFor } from '@dvc/testing';
import { catalogueTwoDepartments, TWO_DEPARTMENTS } from '../testing/two-department-province';
import { startTestApiApp, TEST_ADMIN_TOKEN, TestApiApp } from '../testing/test-api-app';

const { S1 } = TWO_DEPARTMENTS;

const receivedNow = (code: string) =>
  aReceived(code, 'online', {
    agencyCode: S1,
    occurredAt: new Date().toISOString(),
    dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
  });
const overviewOf = (event: ReceivedEvent) => JSON.parse(event.data) as Overview;
const receivedToday = (event: ReceivedEvent) => overviewOf(event).tiles.receivedToday.denominator;

/**
 * Events posted to this process reach its live streams through the in-process signal, not the watermark read:
 * that read is set an hour apart here (and a quiet scope's refresh is a minute), so a push counting the posted
 * events within the wait below can only come from the signal of the insert.
 */
describe('GET /v1/dashboard/live: events this process stores are pushed on its own signal (chDB, PGlite)', () => {
  jest.setTimeout(90_000);
  let api: TestApiApp;
  let base: string;
  let stream: SseClient | undefined;

  beforeAll(async () => {
    api = await startTestApiApp({
      env: { CATALOGUE_MIRROR_INTERVAL_MS: '200', LIVE_WATERMARK_EVERY_MS: '3600000' },
    });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    await catalogueTwoDepartments(api);
    await api
      .http()
      .post('/v1/events')
      .send([receivedNow('before')])
      .expect(200);
    await waitFor(
      async () => (await api.http().get('/v1/dashboard/overview')).body as Overview,
      (overview) => overview.tiles?.receivedToday.denominator === 1,
      { what: 'the overview counting the first dossier', timeoutMs: 20_000 },
    );
  });
  afterAll(async () => {
    stream?.close();
    await api.stop();
  });

  it('pushes the posted events once their insert signals them, the watermark read an hour away', async () => {
    const signalled: { at: number; rows: number }[] = [];
    api.app.get(EventsStoredSignal).stored$.subscribe(({ rows }) => signalled.push({ at: Date.now(), rows }));
    stream = await SseClient.open(`${base}/v1/dashboard/live`, {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
    });
    const first = await stream.next((event) => event.type === 'overview', { what: 'the first overview' });
    expect(receivedToday(first)).toBe(1);

    await api
      .http()
      .post('/v1/events')
      .send([receivedNow('live-1'), receivedNow('live-2')])
      .expect(200);
    const second = await stream.next((event) => event.type === 'overview' && receivedToday(event) === 3, {
      from: stream.events.indexOf(first) + 1,
      what: 'an overview counting the posted dossiers',
      timeoutMs: 30_000,
    });
    expect(signalled.map(({ rows }) => rows)).toEqual([2]);
    // Counted after the signal: its moment is later than the insert's signal.
    expect(Date.parse(overviewOf(second).asOf)).toBeGreaterThanOrEqual(signalled[0].at);

    // A second post right away: one more push, never sooner than a second after the previous one was counted.
    await api
      .http()
      .post('/v1/events')
      .send([receivedNow('live-3')])
      .expect(200);
    const third = await stream.next((event) => event.type === 'overview' && receivedToday(event) === 4, {
      from: stream.events.indexOf(second) + 1,
      what: 'an overview counting the third dossier',
      timeoutMs: 30_000,
    });
    expect(signalled.map(({ rows }) => rows)).toEqual([2, 1]);
    expect(Date.parse(overviewOf(third).asOf)).toBeGreaterThanOrEqual(signalled[1].at);
  });
});
