import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { AppConfig } from '@dvc/config';
import { DOSSIER_EVENT_COLUMNS, DossierEventRow, toEventTuple } from './dossier-event.row';
import { RejectedEventRow } from './rejected-event.row';

export interface EventKey {
  source: string;
  dossierCode: string;
  eventId: string;
}

/** Moves dossier events (and the record of rejected ones) in and out of ClickHouse; no business rules here. */
@Injectable()
export class DossierEventRepository {
  private readonly table: string;
  private readonly rejectedTable: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.table = `${config.CLICKHOUSE_DATABASE}.dossier_events`;
    this.rejectedTable = `${config.CLICKHOUSE_DATABASE}.rejected_events`;
  }

  /** JSONCompactEachRow: values by position, a body 56% smaller than JSONEachRow's (libs/ingestion/README.md). */
  async insert(rows: readonly DossierEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({
      table: this.table,
      columns: [...DOSSIER_EVENT_COLUMNS],
      values: rows.map(toEventTuple),
      format: 'JSONCompactEachRow',
    });
  }

  async insertRejected(rows: readonly RejectedEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({
      table: this.rejectedTable,
      values: rows as RejectedEventRow[],
      format: 'JSONEachRow',
    });
  }

  /**
   * Which of these events are stored already, as `source\0eventId` keys. Asks for every stored event of the
   * batch's dossiers (a primary-key prefix, a handful of rows each) and matches in memory: an order of
   * magnitude cheaper than a large tuple IN list, which ClickHouse must parse and hash whole.
   */
  async findStored(keys: readonly EventKey[]): Promise<Set<string>> {
    const wanted = new Set(keys.map((key) => `${key.source}\0${key.eventId}`));
    const result = await this.client.query({
      query: `SELECT source, event_id FROM ${this.table}
              WHERE source IN {sources:Array(String)} AND dossier_code IN {codes:Array(String)}`,
      query_params: {
        sources: [...new Set(keys.map((key) => key.source))],
        codes: [...new Set(keys.map((key) => key.dossierCode))],
      },
      format: 'JSONCompactEachRow',
    });
    const stored = new Set<string>();
    for (const [source, eventId] of await result.json<[string, string]>()) {
      const key = `${source}\0${eventId}`;
      if (wanted.has(key)) stored.add(key);
    }
    return stored;
  }
}
