import { parseAppConfig } from '@dvc/config';
import { DossierEventRepository, IngestionPipeline } from '@dvc/ingestion';
import { aReceived, createTestClickHouse, TestClickHouse } from '@dvc/testing';
import { DataQualityRepository } from './data-quality.repository';
import { DataQualityService } from './data-quality.service';

// Rejections are kept 180 days (TTL), so they are recorded at recent instants.
const minutesAgo = (minutes: number) => new Date(Math.floor(Date.now() / 60_000 - minutes) * 60_000);

describe('DataQualityService on chDB', () => {
  let clickhouse: TestClickHouse;
  let service: DataQualityService;
  let pipeline: IngestionPipeline;

  beforeEach(async () => {
    clickhouse = await createTestClickHouse();
    const config = parseAppConfig(clickhouse.env);
    service = new DataQualityService(new DataQualityRepository(clickhouse.client, config));
    pipeline = new IngestionPipeline(new DossierEventRepository(clickhouse.client, config));
  });
  afterEach(() => clickhouse.drop());

  it('counts every code as unknown before any catalogue is published, and reports an empty database', async () => {
    expect(await service.report({ limit: 100, structure: 'reported' })).toEqual({
      scope: { agency: null, structure: 'reported' },
      catalogue: { publication: null },
      unknownAgencies: [],
      unknownProcedures: [],
      sources: [],
      rejected: { total: 0, byReason: [] },
    });

    const rejectedAt = minutesAgo(5);
    await pipeline.run(
      [{ json: aReceived('A', 'online') }, { json: aReceived('A', 'online') }, { bytes: '' }],
      'http',
      rejectedAt,
    );
    const laterAt = minutesAgo(1);
    await pipeline.run(
      [{ json: aReceived('B', 'direct', { source: 'mot-cua-xa', occurredAt: '2026-03-05T10:00:00+07:00' }) }],
      'kafka',
      laterAt,
    );
    expect(await service.report({ limit: 100, structure: 'reported' })).toEqual({
      scope: { agency: null, structure: 'reported' },
      catalogue: { publication: null },
      unknownAgencies: [
        {
          code: '000.00.12.H12',
          events: 3,
          dossiers: 2,
          firstSeen: '2026-03-02T02:00:00.000Z',
          lastSeen: '2026-03-05T03:00:00.000Z',
        },
      ],
      unknownProcedures: [
        {
          code: '1.004227',
          events: 3,
          dossiers: 2,
          firstSeen: '2026-03-02T02:00:00.000Z',
          lastSeen: '2026-03-05T03:00:00.000Z',
        },
      ],
      sources: [
        {
          source: 'mot-cua-xa',
          events: 1,
          lastOccurredAt: '2026-03-05T03:00:00.000Z',
          lastIngestedAt: laterAt.toISOString(),
          lastVia: 'kafka',
        },
        {
          source: 'test-province',
          events: 2,
          lastOccurredAt: '2026-03-02T02:00:00.000Z',
          lastIngestedAt: rejectedAt.toISOString(),
          lastVia: 'http',
        },
      ],
      rejected: {
        total: 1,
        byReason: [{ reason: 'empty_message', step: 'parse', count: 1, lastAt: rejectedAt.toISOString() }],
      },
    });
  });

  it('counts a Kafka message rejected again after a redelivery once', async () => {
    const poison = { bytes: '{bad', origin: { topic: 'dvc.dossier-events.v1', partition: 0, offset: '7' } };
    const [first, again] = [minutesAgo(10), minutesAgo(5)];
    await pipeline.run([poison], 'kafka', first);
    await pipeline.run([poison], 'kafka', again);
    expect((await service.report({ limit: 100, structure: 'reported' })).rejected).toEqual({
      total: 1,
      byReason: [{ reason: 'invalid_json', step: 'parse', count: 1, lastAt: again.toISOString() }],
    });
  });
});
