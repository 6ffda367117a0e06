import { DossierEventRepository } from '@dvc/ingestion';
import { aReceived, aSubmitted } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/** Concurrent POST /v1/events requests share inserts (CoalescedEventWriter); nothing may be lost or doubled. */
describe('POST /v1/events, concurrent requests sharing inserts (chDB)', () => {
  let api: TestApiApp;

  beforeEach(async () => {
    // The longest wait, so that concurrent requests meet however slow the test machine; the first test's 500
    // rows fill a batch, so that it is written without waiting once the last request has joined.
    api = await startTestApiApp({
      env: { INGEST_HTTP_COALESCE_MS: '1000', INGEST_HTTP_COALESCE_MAX_ROWS: '500' },
    });
  });
  afterEach(() => api.stop());

  const count = async (query: string) => {
    const result = await api.clickhouse.client.query({ query, format: 'JSONCompactEachRow' });
    return Number((await result.json<[string]>())[0][0]);
  };

  it('stores every event of 20 concurrent requests exactly once, answering each for its own items', async () => {
    const requests = Array.from({ length: 20 }, (_, request) => {
      const events = Array.from({ length: 25 }, (_, index) =>
        index % 2 === 0 ? aReceived(`R${request}-${index}`, 'online') : aSubmitted(`R${request}-${index}`),
      );
      // Per request: a repeat of its first event (a duplicate) and, at index 26, an item that is no event.
      return [...events, events[0], { type: 'received', dossierCode: `R${request}-bad` }];
    });
    const inserts = jest.spyOn(api.app.get(DossierEventRepository), 'insert');

    const answers = await Promise.all(
      requests.map((items) =>
        api
          .http()
          .post('/v1/events')
          .set('content-type', 'application/x-ndjson')
          .send(items.map((item) => JSON.stringify(item)).join('\n')),
      ),
    );

    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        accepted: 25,
        duplicates: 1,
        rejected: [expect.objectContaining({ index: 26, eventId: null, reason: 'schema_violation' })],
      });
    }
    // Fewer inserts than requests: they were shared (each request alone would be one insert).
    expect(inserts.mock.calls.length).toBeGreaterThan(0);
    expect(inserts.mock.calls.length).toBeLessThan(requests.length / 2);
    const db = api.clickhouse.database;
    // Without FINAL: a row written twice would show here, before any merge collapsed it.
    expect(await count(`SELECT count() FROM ${db}.dossier_events`)).toBe(500);
    expect(await count(`SELECT uniqExact(source, event_id) FROM ${db}.dossier_events`)).toBe(500);
    expect(await count(`SELECT count() FROM ${db}.dossier_touches`)).toBe(500);
    expect(await count(`SELECT count() FROM ${db}.dossier_state FINAL`)).toBe(500);
    expect(await count(`SELECT count() FROM ${db}.rejected_events`)).toBe(20);
  });

  it('answers 503 to every request of an insert that fails, and stores all of them when sent again', async () => {
    const requests = Array.from({ length: 5 }, (_, request) => [aReceived(`F${request}`, 'online')]);
    const send = (events: unknown[]) =>
      api.http().post('/v1/events').set('content-type', 'application/json').send(JSON.stringify(events));
    const inserts = jest.spyOn(api.app.get(DossierEventRepository), 'insert');
    const db = api.clickhouse.database;
    // A table a materialized view writes is gone: the insert fails, the duplicates lookup before it does not.
    await api.clickhouse.client.command({ query: `DETACH TABLE ${db}.dossier_touches` });

    const refused = await Promise.all(requests.map(send));
    expect(refused.map((answer) => answer.status)).toEqual([503, 503, 503, 503, 503]);
    expect(refused[0].body).toEqual({
      statusCode: 503,
      message: expect.stringMatching(/send it again later/),
    });
    expect(inserts.mock.calls.length).toBeLessThan(requests.length);

    await api.clickhouse.client.command({ query: `ATTACH TABLE ${db}.dossier_touches` });
    const again = await Promise.all(requests.map(send));
    for (const answer of again) {
      expect(answer.status).toBe(200);
      // Accepted, or a duplicate where the failed insert had written dossier_events before its view failed.
      expect(answer.body.accepted + answer.body.duplicates).toBe(1);
    }
    expect(await count(`SELECT count() FROM ${db}.dossier_events FINAL`)).toBe(5);
    expect(await count(`SELECT uniqExact(dossier_code) FROM ${db}.dossier_touches`)).toBe(5);
    expect(await count(`SELECT count() FROM ${db}.dossier_state FINAL`)).toBe(5);
  });
});
