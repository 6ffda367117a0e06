import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { fromClickHouseTime } from '@dvc/clickhouse';
import { AppConfig } from '@dvc/config';
import { LOCAL_TIME_ZONE } from '../local-calendar';
import { EngineQuery, EngineRow } from './engine-query';
import { CorrectionSets } from '../read-model/correction-sets';
import { FactColumn, IndicatorSql, SnapshotBuild } from './indicator-engine.sql';

/** Which dossiers of a receipt-anchored ratio count, beside the period and the scope. */
export interface ReceiptOptions {
  /** The channel the numerator counts. */
  channel: 'online' | 'postal';
  /** Leave postal dossiers out of the denominator. */
  excludePostal: boolean;
  /** Only dossiers whose procedure was at this level at receipt ('online': level 3 or 4). */
  level: 'online' | 3 | 4 | null;
}

/** A procedure in force on a bucket's day, at its highest level among the offerings of the group's scope. */
export interface ProcedureLevelRow {
  bucket: number;
  group: string | null;
  procedureCode: string;
  level: number;
  portal: boolean;
}

type CountRow = { bucket: number; grp: string; numerator: string; denominator: string } & Record<
  string,
  unknown
>;

const tz = `'${LOCAL_TIME_ZONE}'`;

/** What "open at" reads of a dossier. */
const OPEN_FACTS: readonly FactColumn[] = [
  'received_at',
  'received_date',
  'agency_code',
  'procedure_code',
  'due_at',
  'due_date',
  'resolved_at',
  'resolved_date',
  'closed_at',
  'closed_date',
];

/**
 * Runs the indicator statements of `IndicatorSql` and returns counts per bucket and group. Formulas that
 * combine counts (ratios, percentage points, target gaps) live in pure code; this class only moves data.
 */
@Injectable()
export class IndicatorEngineRepository {
  private readonly db: string;
  /** The read model's correction sets: what a live statement reads beside its build. */
  private readonly correctionSets: CorrectionSets;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
    this.correctionSets = new CorrectionSets(client, this.db);
  }

  /** dossiers.online, dossiers.postal (receipt) and their variants. */
  async receipts(query: EngineQuery, options: ReceiptOptions): Promise<EngineRow[]> {
    const sql = await this.sqlFor(query);
    const counted = options.excludePostal ? `row.class != 'postal'` : 'true';
    const scope = `${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}`;
    // The level at receipt depends on the dossier's procedure.
    const receipts = sql.dayCounts('received', { readsProcedure: options.level !== null });
    if (options.level === null) {
      return this.counts(
        sql,
        `SELECT ${sql.bucketOf('row.day')} AS bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
                sumIf(row.weight, row.class = '${options.channel}' AND ${counted}) AS numerator,
                sumIf(row.weight, ${counted}) AS denominator
         FROM ${receipts} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
         WHERE ${scope}
         GROUP BY bucket, grp`,
      );
    }
    // The level at receipt depends on the dossier's procedure, agency and day: count by those first.
    const dossiers = `
      SELECT ${sql.bucketOf('row.day')} AS bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
             row.procedure_code AS procedure_code, row.agency_code AS agency_code, row.day AS day,
             sumIf(row.weight, row.class = '${options.channel}' AND ${counted}) AS numerator,
             sumIf(row.weight, ${counted}) AS denominator
      FROM ${receipts} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
      WHERE ${scope}
      GROUP BY bucket, grp, procedure_code, agency_code, day`;
    const levelCondition = options.level === 'online' ? 'level >= 3' : `level = ${options.level}`;
    const levelsByDay = `
      SELECT procedure_code, agency_code, addDays(toDate('1970-01-01'), day_number) AS day, max(level) AS level
      FROM (
        SELECT procedure_code, agency_code, level,
               arrayJoin(range(toUInt32(greatest(valid_from, {from:Date32})), toUInt32(least(valid_to, {to:Date32})) + 1))
                 AS day_number
        FROM ${this.db}.catalogue_offering_levels
        WHERE publication = publication_in_use AND valid_from <= {to:Date32} AND valid_to >= {from:Date32}
      )
      GROUP BY procedure_code, agency_code, day`;
    return this.counts(
      sql,
      `SELECT bucket, grp, sumIf(numerator, ${levelCondition}) AS numerator, sumIf(denominator, ${levelCondition}) AS denominator
       FROM (
         SELECT dossiers.bucket AS bucket, dossiers.grp AS grp, dossiers.numerator AS numerator,
                dossiers.denominator AS denominator,
                if(at_agency.level > 0, at_agency.level, anywhere.level) AS level
         FROM (${dossiers}) AS dossiers
         LEFT JOIN (${levelsByDay}) AS at_agency
           ON at_agency.procedure_code = dossiers.procedure_code AND at_agency.agency_code = dossiers.agency_code
              AND at_agency.day = dossiers.day
         LEFT JOIN (SELECT procedure_code, day, max(level) AS level FROM (${levelsByDay}) GROUP BY procedure_code, day)
           AS anywhere ON anywhere.procedure_code = dossiers.procedure_code AND anywhere.day = dossiers.day
       )
       GROUP BY bucket, grp`,
    );
  }

  /** dossiers.postal of=return: results returned by post, of results returned. */
  returns(query: EngineQuery): Promise<EngineRow[]> {
    return this.anchoredCounts(query, 'returned', 'postal');
  }

  /** payments.online: first non-zero payments made online, of first non-zero payments. */
  payments(query: EngineQuery): Promise<EngineRow[]> {
    return this.anchoredCounts(query, 'paid', 'online');
  }

  /**
   * dossiers.on_time: dossiers resolved in each bucket by their due day (early / on time / late), plus those
   * open at the end of the bucket's last day with a due day before it.
   */
  async onTime(query: EngineQuery): Promise<EngineRow[]> {
    const sql = await this.sqlFor(query);
    const joins = sql.groupJoins('row.agency_code', 'row.procedure_code');
    const scope = `${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}`;
    const group = sql.groupKey('row.agency_code', 'row.procedure_code');
    return this.counts(
      sql,
      // The inner counts are named apart from the outer aliases: ClickHouse would read sum(early) inside an
      // outer "AS early" as the alias itself, an aggregate inside an aggregate.
      `SELECT bucket, grp,
              sum(early_count) + sum(on_time_count) AS numerator,
              sum(early_count) + sum(on_time_count) + sum(late_count) + sum(overdue_open_count) AS denominator,
              sum(early_count) AS early, sum(on_time_count) AS onTime, sum(late_count) AS late,
              sum(overdue_open_count) AS overdueOpen
       FROM (
         SELECT bucket, ${group} AS grp,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'early') AS early_count,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'on_time') AS on_time_count,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'late') AS late_count,
                sumIf(row.weight, row.anchor = 'overdue_open') AS overdue_open_count
         FROM ${sql.dayCounts(['resolved', 'overdue_open'])} AS row ${joins}
         -- A resolution counts in the bucket of its day; a span open past due in each bucket whose last day it holds.
         ARRAY JOIN if(row.anchor = 'resolved', [${sql.bucketOf('row.day')}], arrayFilter(
           index -> row.day <= {bucket_tos:Array(Date32)}[index] AND row.until >= {bucket_tos:Array(Date32)}[index],
           arrayEnumerate({bucket_tos:Array(Date32)}))) AS bucket
         WHERE ${scope}
         GROUP BY bucket, grp
       )
       GROUP BY bucket, grp`,
    );
  }

  /**
   * dossiers.open / dossiers.overdue: dossiers open at each bucket's instant; the numerator counts those past
   * their due day, the denominator all open ones; dueWithin24h those due in the next 24 hours.
   */
  async open(query: EngineQuery): Promise<EngineRow[]> {
    const sql = await this.sqlFor(query);
    const openAt = `row.received_at <= instant AND row.resolved_at > instant AND row.closed_at > instant`;
    return this.counts(
      sql,
      `SELECT bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
              sumIf(row.weight, row.due_date < toDate(instant, ${tz})) AS numerator, sum(row.weight) AS denominator,
              sumIf(row.weight, row.due_date < toDate(instant, ${tz})) AS overdue,
              sumIf(row.weight, row.due_at >= instant AND row.due_at < instant + INTERVAL 24 HOUR) AS dueWithin24h
       FROM ${sql.facts(OPEN_FACTS)} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
       ARRAY JOIN {instants:Array(DateTime64(3, 'UTC'))} AS instant, arrayEnumerate({instants:Array(DateTime64(3, 'UTC'))}) AS bucket
       WHERE row.received_at <= arrayMax({instants:Array(DateTime64(3, 'UTC'))})
         AND row.received_date <= toDate32(arrayMax({instants:Array(DateTime64(3, 'UTC'))}), ${tz})
         AND row.resolved_at > arrayMin({instants:Array(DateTime64(3, 'UTC'))})
         AND row.closed_at > arrayMin({instants:Array(DateTime64(3, 'UTC'))})
         -- The same on the days: the snapshot is sorted by the first of them, and its received_date index prunes.
         AND least(row.resolved_date, row.closed_date) >= toDate32(arrayMin({instants:Array(DateTime64(3, 'UTC'))}), ${tz})
         AND ${openAt} AND ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}
       GROUP BY bucket, grp`,
    );
  }

  /**
   * services.uptake: procedures in force in the scope at level 3 or 4 on some day of the bucket, and how many
   * of them received an online dossier in the bucket.
   */
  async uptake(query: EngineQuery): Promise<EngineRow[]> {
    const sql = await this.sqlFor(query);
    const offered = `
      SELECT DISTINCT bucket, ${sql.groupKey('offering.agency_code', 'offering.procedure_code')} AS grp,
             offering.procedure_code AS procedure_code
      FROM ${this.db}.catalogue_offering_levels AS offering
      ${sql.groupJoins('offering.agency_code', 'offering.procedure_code')}
      ARRAY JOIN arrayFilter(index -> {bucket_froms:Array(Date32)}[index] <= offering.valid_to
                                      AND {bucket_tos:Array(Date32)}[index] >= offering.valid_from,
                             arrayEnumerate({bucket_tos:Array(Date32)})) AS bucket
      WHERE offering.publication = publication_in_use AND offering.level >= 3
        AND offering.valid_from <= {to:Date32} AND offering.valid_to >= {from:Date32}
        AND ${sql.inScope('offering.agency_code')} AND ${sql.inNarrowing('offering.procedure_code')}`;
    const used = `
      SELECT ${sql.bucketOf('row.day')} AS bucket,
             ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp, row.procedure_code AS procedure_code
      FROM ${sql.dayCounts('received', { readsProcedure: true })} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
      WHERE row.class = 'online' AND ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}
      GROUP BY bucket, grp, procedure_code
      HAVING sum(row.weight) > 0`;
    return this.counts(
      sql,
      `SELECT bucket, grp, countIf((bucket, grp, procedure_code) IN (${used})) AS numerator, count() AS denominator
       FROM (${offered})
       GROUP BY bucket, grp`,
    );
  }

  /** Procedures in force on each given day (one per bucket), each at its highest level in the group's scope. */
  procedureLevels(query: EngineQuery, days: readonly string[]): Promise<ProcedureLevelRow[]> {
    const sql = new IndicatorSql(this.db, query);
    return this.rows(
      sql,
      `SELECT bucket, ${sql.groupKey('offering.agency_code', 'offering.procedure_code')} AS grp,
              offering.procedure_code AS procedure_code, max(offering.level) AS level, max(offering.portal) AS portal
       FROM ${this.db}.catalogue_offering_levels AS offering
       ${sql.groupJoins('offering.agency_code', 'offering.procedure_code')}
       ARRAY JOIN arrayFilter(index -> {days:Array(Date32)}[index] BETWEEN offering.valid_from AND offering.valid_to,
                              arrayEnumerate({days:Array(Date32)})) AS bucket
       WHERE offering.publication = publication_in_use
         AND ${sql.inScope('offering.agency_code')} AND ${sql.inNarrowing('offering.procedure_code')}
       GROUP BY bucket, grp, procedure_code
       ORDER BY bucket, grp, procedure_code`,
      { days },
    ).then((rows) =>
      rows.map((row) => ({
        bucket: Number(row.bucket),
        group: row.grp === '' ? null : String(row.grp),
        procedureCode: String(row.procedure_code),
        level: Number(row.level),
        portal: Boolean(Number(row.portal)),
      })),
    );
  }

  /**
   * Events of the scope's dossiers that happened in the period but were first ingested after its last day (and
   * by `asOf`, if given): what a report made at the period's end could not have counted. A copy delivered
   * again later does not make an event late: only its first arrival counts, which `dossier_event_facts` keeps
   * (`dossier_events` keeps the last copy when it merges). Such an event has a copy that arrived on a later day
   * than it happened, so the candidates come from `late_arrivals`, and only they are looked up.
   */
  async lateEvents(query: EngineQuery): Promise<number> {
    const sql = await this.sqlFor(query);
    const asOf = query.asOf ? `AND ingested_at <= {as_of:DateTime64(3, 'UTC')}` : '';
    const candidates = `
      SELECT source, dossier_code, event_id FROM ${this.db}.late_arrivals
      WHERE occurred_date BETWEEN {from:Date32} AND {to:Date32} AND toDate32(ingested_at, ${tz}) > {to:Date32} ${asOf}`;
    const scoped = (rows: string) => `
      SELECT row.source, row.dossier_code FROM ${sql.receivedDossiers(`SELECT source, dossier_code FROM (${rows})`)} AS row
      WHERE ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}`;
    const firstArrivals = (events: string) => `
      SELECT source, dossier_code, min(occurred_at) AS occurred, min(ingested_at) AS first_ingested_at
      FROM ${this.db}.dossier_event_facts
      WHERE (source, dossier_code, event_id) IN (${events}) ${asOf}
      GROUP BY source, dossier_code, event_id`;
    const late = `toDate32(occurred, ${tz}) BETWEEN {from:Date32} AND {to:Date32}
                  AND toDate32(first_ingested_at, ${tz}) > {to:Date32}`;
    /** The late events among `events` (candidates) whose dossiers are received and in scope. */
    const lateAmong = (events: string) => `
      SELECT toInt64(count()) AS events FROM (${firstArrivals(events)})
      WHERE ${late} AND (source, dossier_code) IN (${scoped(events)})`;
    if (!sql.readsSnapshot) {
      const [row] = await this.rows(sql, `SELECT events AS late FROM (${lateAmong(candidates)})`);
      return Number(row.late);
    }
    // The build counted the late events of every dossier as it stood at the watermark; the correction set takes
    // back what it counted for the dossiers changed since and counts theirs afresh.
    const inPeriod = `occurred_date BETWEEN {from:Date32} AND {to:Date32} AND first_ingested_date > {to:Date32}
      AND ${sql.inScope('known.agency_code')} AND ${sql.inNarrowing('known.procedure_code')}`;
    const [row] = await this.rows(
      sql,
      `SELECT sum(events) AS late FROM (
         SELECT toInt64(sum(events)) AS events FROM ${this.db}.late_event_counts AS known
         WHERE ${sql.ofBuild} AND ${inPeriod}
         ${sql.corrected(`
           SELECT toInt64(sum(events)) AS events FROM ${this.db}.late_event_corrections AS known
           WHERE ${sql.ofCorrections} AND ${inPeriod}`)}
       )`,
    );
    return Number(row.late);
  }

  /**
   * Counts of a statement an indicator writes itself (`statement` gets the query's SQL helpers): it selects
   * `bucket`, `grp`, `numerator`, `denominator` and any breakdown columns.
   */
  async countWith(query: EngineQuery, statement: (sql: IndicatorSql) => string): Promise<EngineRow[]> {
    const sql = await this.sqlFor(query);
    return this.counts(sql, statement(sql));
  }

  /** Dossiers counted on an anchor day; the numerator those of one class (channel or method). */
  private async anchoredCounts(
    query: EngineQuery,
    anchor: 'paid' | 'returned',
    numeratorClass: string,
  ): Promise<EngineRow[]> {
    const sql = await this.sqlFor(query);
    return this.counts(
      sql,
      `SELECT ${sql.bucketOf('row.day')} AS bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
              sumIf(row.weight, row.class = '${numeratorClass}') AS numerator, sum(row.weight) AS denominator
       FROM ${sql.dayCounts(anchor)} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
       WHERE ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}
       GROUP BY bucket, grp`,
    );
  }

  /** When the first event was ingested (migration 012); null while the store is empty. */
  async eventStoreStart(): Promise<Date | null> {
    const result = await this.client.query({
      query: `SELECT count() AS inserts, min(first_ingested_at) AS first FROM ${this.db}.event_store_start`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ inserts: string; first: string }>();
    return Number(row.inserts) === 0 ? null : new Date(fromClickHouseTime(row.first));
  }

  /** The latest snapshot build and its correction set (`CorrectionSets.latestBuild`). */
  latestBuild(options: { maxLagSeconds?: number | null } = {}): Promise<SnapshotBuild | null> {
    return this.correctionSets.latestBuild(options);
  }

  /** `CorrectionSets.prepareCorrectionSet`: what `CorrectionSetScheduler` runs. */
  prepareCorrectionSet(): Promise<'none' | 'ready' | 'made'> {
    return this.correctionSets.prepareCorrectionSet();
  }

  /** `CorrectionSets.makeCorrectionSet`. */
  makeCorrectionSet(
    build: { id: string; watermark: string },
    changes: { touches: string; touched_until: string },
    fold: 'now' | 'cut',
  ): Promise<string> {
    return this.correctionSets.makeCorrectionSet(build, changes, fold);
  }

  /** The SQL of a query over its snapshot build (the latest if the query names none). */
  private async sqlFor(query: EngineQuery): Promise<IndicatorSql> {
    if (query.asOf) return new IndicatorSql(this.db, query);
    const snapshot = query.snapshot === undefined ? await this.latestBuild() : query.snapshot;
    return new IndicatorSql(this.db, query, snapshot);
  }

  private async counts(sql: IndicatorSql, statement: string): Promise<EngineRow[]> {
    const rows = await this.rows(sql, statement);
    // A group whose dossiers all moved out since the snapshot sums to zero everywhere: nothing counted.
    const counted = rows.filter((row) =>
      Object.entries(row).some(([name, value]) => name !== 'bucket' && name !== 'grp' && Number(value) !== 0),
    );
    return counted.map((row) => {
      const { bucket, grp, numerator, denominator, ...breakdown } = row as CountRow;
      return {
        bucket: Number(bucket),
        group: grp === '' ? null : String(grp),
        numerator: Number(numerator),
        denominator: Number(denominator),
        breakdown: Object.fromEntries(
          Object.entries(breakdown).map(([name, value]) => [name, Number(value)]),
        ),
      };
    });
  }

  private async rows(
    sql: IndicatorSql,
    statement: string,
    extraParams: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>[]> {
    const result = await this.client.query({
      query: sql.withPublication(statement),
      query_params: { ...sql.params(), ...extraParams },
      format: 'JSONEachRow',
    });
    return result.json<Record<string, unknown>>();
  }
}
