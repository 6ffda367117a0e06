import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '@dvc/observability';
import { IngestTransport } from './dossier-event.row';
import { BatchOutcome } from './ingestion-pipeline';

@Injectable()
export class IngestionMetrics {
  readonly events: Counter<'outcome' | 'via'>;
  readonly batchWriteSeconds: Histogram<'via'>;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  readonly batchRetries: Counter<'topic'>;

  constructor(registry: MetricsRegistry) {
    this.events = new Counter({
      name: 'dvc_ingest_events_total',
      help: 'Dossier events by outcome: accepted, duplicate, rejected (HTTP) or dead_lettered (Kafka)',
      labelNames: ['outcome', 'via'],
      registers: [registry],
    });
    this.batchWriteSeconds = new Histogram({
      name: 'dvc_ingest_batch_write_seconds',
      help: 'Time to run one batch through the pipeline until ClickHouse acknowledged the write',
      labelNames: ['via'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.consumerLag = new Gauge({
      name: 'dvc_ingest_consumer_lag',
      help: 'Messages behind the last consumed offset, per partition, as of the latest batch',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    });
    this.batchRetries = new Counter({
      name: 'dvc_ingest_batch_retries_total',
      help: 'Kafka batches handed to ingestion again after a failure (storage or dead-letter topic down)',
      labelNames: ['topic'],
      registers: [registry],
    });
  }

  record(outcome: BatchOutcome, via: IngestTransport): void {
    this.events.inc({ outcome: 'accepted', via }, outcome.accepted);
    this.events.inc({ outcome: 'duplicate', via }, outcome.duplicates);
    const failed = via === 'kafka' ? 'dead_lettered' : 'rejected';
    this.events.inc({ outcome: failed, via }, outcome.rejected.length);
  }
}
