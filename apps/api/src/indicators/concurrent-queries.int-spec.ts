import { aReceived } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/*
 * A dashboard asks for many figures at once. On chDB every query of the process shares one engine, and a query
 * right after new events prepares its correction set: figures asked in parallel must equal the same figures asked
 * one after another (an earlier session saw two concurrent computations come back empty).
 */
const NOW = '2026-07-02T10:00:00+07:00';
const URLS = [
  '/v1/indicators/dossiers.online?period=2026',
  '/v1/indicators/dossiers.online?period=2026&groupBy=month',
  '/v1/indicators/dossiers.on_time?period=2026',
  '/v1/indicators/dossiers.online?period=2026-Q1',
  '/v1/indicators/services.uptake?period=2026',
  '/v1/targets/status?period=2026',
];

interface Figures {
  numerator?: number;
  denominator?: number | null;
  groups?: { key: string; numerator: number; denominator: number | null }[];
  targets?: { figures: unknown }[];
}
const countsOf = (body: Figures) => ({
  numerator: body.numerator,
  denominator: body.denominator,
  groups: body.groups?.map((group) => [group.key, group.numerator, group.denominator]),
  targets: body.targets?.map((target) => target.figures),
});

describe('indicator queries in parallel (chDB, PGlite; today pinned)', () => {
  let api: TestApiApp;
  const get = async (url: string) => countsOf((await api.http().get(url).expect(200)).body as Figures);
  const receive = (code: string, day: string) =>
    api
      .http()
      .post('/v1/events')
      .send([aReceived(code, 'online', { occurredAt: `2026-03-${day}T09:00:00+07:00` })])
      .expect(200);

  beforeAll(async () => {
    api = await startTestApiApp({ now: NOW });
    const history = Array.from({ length: 200 }, (_, i) =>
      aReceived(`HS-${i}`, i % 3 === 0 ? 'online' : 'direct', {
        occurredAt: `2026-0${1 + (i % 6)}-10T09:00:00+07:00`,
      }),
    );
    await api.http().post('/v1/events').send(history).expect(200);
    await api
      .http()
      .post('/v1/targets')
      .send({
        indicatorId: 'dossiers.online',
        period: { kind: 'year' },
        comparator: '>=',
        threshold: 0.3,
        legalBasis: 'Chỉ thị Bình Thuận 2018',
        activeFrom: '2018-01-01',
      })
      .expect(201);
  }, 60_000);
  afterAll(() => api?.stop());

  it('answers figures asked all at once right after new events as it answers them one by one', async () => {
    for (const day of ['03', '04', '05']) {
      // New events first, so the parallel queries find no prepared set and make theirs at once.
      await receive(`NEW-${day}`, day);
      const together = await Promise.all([...URLS, ...URLS, ...URLS].map(get));
      const inTurn: ReturnType<typeof countsOf>[] = [];
      for (const url of URLS) inTurn.push(await get(url));
      expect(together).toEqual([...inTurn, ...inTurn, ...inTurn]);
      // Not vacuous: the new dossier is in the figures.
      expect(inTurn[0].denominator).toBe(200 + ['03', '04', '05'].indexOf(day) + 1);
    }
  }, 180_000);
});
