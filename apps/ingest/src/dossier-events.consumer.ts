import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DOSSIER_EVENTS_TOPIC } from '@dvc/dossier-events';
import { IngestionService } from '@dvc/ingestion';
import type { IncomingBatch } from '@dvc/kafka';

/** Receives whole partition batches from KafkaBatchTransport; the offset is committed when this resolves. */
@Controller()
export class DossierEventsConsumer {
  constructor(private readonly ingestion: IngestionService) {}

  @EventPattern(DOSSIER_EVENTS_TOPIC)
  async onBatch(@Payload() batch: IncomingBatch): Promise<void> {
    await this.ingestion.ingestKafkaBatch(batch);
  }
}
