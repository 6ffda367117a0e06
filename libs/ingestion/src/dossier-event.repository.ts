import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { AppConfig } from '@dvc/config';
import { DossierEventRow } from './dossier-event.row';

export interface EventKey {
  source: string;
  dossierCode: string;
  eventId: string;
}

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** Keeps each lookup well under ClickHouse's default max_query_size (256 KiB). */
const MAX_LOOKUP_SQL_BYTES = 192 * 1024;

/** Moves dossier events in and out of ClickHouse; no business rules here. */
@Injectable()
export class DossierEventRepository {
  private readonly table: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.table = `${config.CLICKHOUSE_DATABASE}.dossier_events`;
  }

  async insert(rows: readonly DossierEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: this.table, values: rows as DossierEventRow[], format: 'JSONEachRow' });
  }

  /** Which of these events are stored already, as `source\0eventId` keys. */
  async findStored(keys: readonly EventKey[]): Promise<Set<string>> {
    const stored = new Set<string>();
    for (const chunk of this.chunksOfSql(keys)) {
      const result = await this.client.query({
        query: `SELECT DISTINCT source, event_id FROM ${this.table}
                WHERE (source, dossier_code, event_id) IN (${chunk})`,
        format: 'JSONCompactEachRow',
      });
      for (const [source, eventId] of await result.json<[string, string]>())
        stored.add(`${source}\0${eventId}`);
    }
    return stored;
  }

  private *chunksOfSql(keys: readonly EventKey[]): Generator<string> {
    let tuples: string[] = [];
    let size = 0;
    for (const key of keys) {
      const tuple = `(${quote(key.source)},${quote(key.dossierCode)},${quote(key.eventId)})`;
      if (size + tuple.length > MAX_LOOKUP_SQL_BYTES && tuples.length > 0) {
        yield tuples.join(',');
        tuples = [];
        size = 0;
      }
      tuples.push(tuple);
      size += tuple.length + 1;
    }
    if (tuples.length > 0) yield tuples.join(',');
  }
}
