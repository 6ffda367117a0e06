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

  /**
   * Which of these events are stored already, as `source\0eventId` keys. Asks for every stored event of the
   * batch's dossiers (a primary-key prefix, a handful of rows each) and matches in memory: an order of
   * magnitude cheaper than a large tuple IN list, which ClickHouse must parse and hash whole.
   */
  async findStored(keys: readonly EventKey[]): Promise<Set<string>> {
    const wanted = new Set(keys.map((key) => `${key.source}\0${key.eventId}`));
    const dossiersBySource = new Map<string, Set<string>>();
    for (const key of keys) {
      const codes = dossiersBySource.get(key.source) ?? new Set<string>();
      dossiersBySource.set(key.source, codes.add(key.dossierCode));
    }
    const stored = new Set<string>();
    for (const [source, codes] of dossiersBySource) {
      for (const chunk of chunksOfSql([...codes])) {
        const result = await this.client.query({
          query: `SELECT event_id FROM ${this.table} WHERE source = ${quote(source)} AND dossier_code IN (${chunk})`,
          format: 'JSONCompactEachRow',
        });
        for (const [eventId] of await result.json<[string]>()) {
          const key = `${source}\0${eventId}`;
          if (wanted.has(key)) stored.add(key);
        }
      }
    }
    return stored;
  }
}

function* chunksOfSql(values: readonly string[]): Generator<string> {
  let quoted: string[] = [];
  let size = 0;
  for (const value of values) {
    const literal = quote(value);
    if (size + literal.length > MAX_LOOKUP_SQL_BYTES && quoted.length > 0) {
      yield quoted.join(',');
      quoted = [];
      size = 0;
    }
    quoted.push(literal);
    size += literal.length + 1;
  }
  if (quoted.length > 0) yield quoted.join(',');
}
