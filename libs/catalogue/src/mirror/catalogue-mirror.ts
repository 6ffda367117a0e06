import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { AppConfig } from '@dvc/config';
import { CatalogueStore } from '../storage/catalogue-store';
import { CataloguePublicationsRepository } from './catalogue-publications.repository';
import { CatalogueReader } from './catalogue-reader';
import { buildCatalogueSnapshot } from './catalogue-snapshot';

/**
 * Keeps ClickHouse's copy of the catalogue current: publishes at start-up, right after each write made through
 * this process, and whenever a poll finds PostgreSQL's revision differs from the one last published (writes
 * made by another replica). Publications never overlap within a process; a change arriving during one is
 * published by the next.
 */
@Injectable()
export class CatalogueMirror implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CatalogueMirror.name);
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(
    private readonly store: CatalogueStore,
    private readonly reader: CatalogueReader,
    private readonly publications: CataloguePublicationsRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.syncIfBehind();
    this.subscription = this.store.changed.subscribe(
      () => void this.sync().catch((error) => this.warn(error)),
    );
    this.timer = setInterval(
      () => void this.syncIfBehind().catch((error) => this.warn(error)),
      this.config.CATALOGUE_MIRROR_INTERVAL_MS,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.next?.catch(() => undefined);
  }

  async syncIfBehind(): Promise<void> {
    const [revision, latest] = await Promise.all([this.store.revision(), this.publications.latest()]);
    if (latest?.pgRevision !== revision) await this.sync();
  }

  /** Publishes the catalogue as it is now; resolves once a publication started after this call is done. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.publish().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // Every call made while one runs shares the single publication queued behind it.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.sync();
      });
    return this.next;
  }

  private async publish(): Promise<void> {
    const { revision, contents } = await this.reader.readAll();
    const publication = await this.publications.publish(buildCatalogueSnapshot(contents), revision);
    this.logger.log(`catalogue revision ${revision} published to ClickHouse as ${publication}`);
  }

  private warn(error: unknown): void {
    this.logger.warn(`catalogue mirror: ${(error as Error).message}`);
  }
}
