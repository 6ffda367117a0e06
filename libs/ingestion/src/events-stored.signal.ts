import { Injectable, Module } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { IngestTransport } from './dossier-event.row';

/** What one insert into `dossier_events` of this process stored. */
export interface EventsStored {
  /** Rows written (repeats of stored events included: they touch the dossier again). */
  rows: number;
  via: IngestTransport;
}

/**
 * Tells this process's listeners that events were just stored by this process (the HTTP route, the Kafka consumer
 * or the feed when they run in it): published once the insert has returned, so that a query started on the signal
 * sees the events. Events written by another process are not signalled; listeners that must see those too keep
 * a watch of their own on the store (the live dashboard's watermark read).
 */
@Injectable()
export class EventsStoredSignal {
  private readonly subject = new Subject<EventsStored>();

  /** Every insert of this process from now on; never errors, completes when the module is destroyed. */
  readonly stored$: Observable<EventsStored> = this.subject.asObservable();

  publish(stored: EventsStored): void {
    if (stored.rows > 0) this.subject.next(stored);
  }

  onModuleDestroy(): void {
    this.subject.complete();
  }
}

/** The one `EventsStoredSignal` of the process: imported by the ingestion module and by whoever listens. */
@Module({ providers: [EventsStoredSignal], exports: [EventsStoredSignal] })
export class EventsStoredSignalModule {}
