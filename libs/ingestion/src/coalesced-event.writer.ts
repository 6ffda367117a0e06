import { Injectable } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { DossierEventRepository } from './dossier-event.repository';
import { DossierEventRow } from './dossier-event.row';
import { WriteCoalescer } from './write-coalescer';

/**
 * The HTTP route's way into `dossier_events`: the rows of concurrent requests share one insert. One write in
 * flight at a time, so that while it runs the next batch gathers every request that arrives meanwhile.
 */
@Injectable()
export class CoalescedEventWriter {
  private readonly coalescer: WriteCoalescer<DossierEventRow>;

  constructor(repository: DossierEventRepository, config: AppConfig) {
    this.coalescer = new WriteCoalescer((rows) => repository.insert(rows), {
      maxWaitMs: config.INGEST_HTTP_COALESCE_MS,
      maxRows: config.INGEST_HTTP_COALESCE_MAX_ROWS,
      maxConcurrentWrites: 1,
    });
  }

  /** Resolves once `rows` are stored; rejects if the insert holding them failed. */
  write(rows: readonly DossierEventRow[]): Promise<void> {
    return this.coalescer.write(rows);
  }
}
