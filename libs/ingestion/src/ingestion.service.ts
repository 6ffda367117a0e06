import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { DomainError } from '@dvc/domain-errors';
import { DOSSIER_EVENTS_DLQ_TOPIC } from '@dvc/dossier-events';
import { IncomingBatch, MessageBroker } from '@dvc/kafka';
import { deadLetterMessage } from './dead-letter';
import { parseEventsBody } from './http-body.parser';
import { IngestGrant, kafkaIngestGrant } from './ingest-grant';
import { BatchOutcome, IngestionPipeline } from './ingestion-pipeline';
import { IngestionMetrics } from './ingestion.metrics';

/** The two ways in: a Kafka partition batch, an HTTP body. Both run the same pipeline. */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);
  private readonly kafkaGrant: IngestGrant;

  constructor(
    private readonly pipeline: IngestionPipeline,
    private readonly metrics: IngestionMetrics,
    config: AppConfig,
    @Optional() @Inject(MessageBroker) private readonly broker: MessageBroker | null,
  ) {
    this.kafkaGrant = kafkaIngestGrant(config.DVC_KAFKA_SOURCES);
  }

  /**
   * Resolves once valid events are in ClickHouse and invalid ones recorded there and in the dead-letter
   * topic; only then may the batch's offset be committed. Throws if any write failed.
   */
  async ingestKafkaBatch(batch: IncomingBatch): Promise<BatchOutcome> {
    const stopTimer = this.metrics.batchWriteSeconds.startTimer({ via: 'kafka' });
    const outcome = await this.pipeline.run(
      batch.messages.map((message) => ({
        bytes: message.value,
        origin: { topic: batch.topic, partition: batch.partition, offset: message.offset },
      })),
      'kafka',
      new Date(),
      this.kafkaGrant,
    );
    if (outcome.rejected.length > 0) {
      if (!this.broker) throw new Error('a Kafka batch arrived without a broker to dead-letter to');
      const failedAt = new Date();
      await this.broker.produce(
        DOSSIER_EVENTS_DLQ_TOPIC,
        outcome.rejected.map((rejection) =>
          deadLetterMessage(batch.messages[rejection.index], batch, rejection, failedAt),
        ),
      );
    }
    stopTimer();
    this.metrics.record(outcome, 'kafka');
    this.metrics.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, batch.lag);
    return outcome;
  }

  /** `grant`: what the caller may write (`ingestGrantFor(principal)`); items outside it are rejected one by one. */
  async ingestHttpBody(
    contentType: string | undefined,
    body: Buffer | undefined,
    grant: IngestGrant,
  ): Promise<BatchOutcome> {
    const items = parseEventsBody(contentType, body);
    const stopTimer = this.metrics.batchWriteSeconds.startTimer({ via: 'http' });
    let outcome: BatchOutcome;
    try {
      outcome = await this.pipeline.run(items, 'http', new Date(), grant);
    } catch (error) {
      this.logger.error(`storage refused an HTTP batch: ${(error as Error).message}`);
      throw new DomainError(
        'unavailable',
        'storage is unavailable: nothing from this request was acknowledged; send it again later ' +
          '(events already stored are recognised as duplicates)',
      );
    }
    stopTimer();
    this.metrics.record(outcome, 'http');
    return outcome;
  }
}
