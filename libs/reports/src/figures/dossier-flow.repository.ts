import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '@dvc/clickhouse';
import { AppConfig } from '@dvc/config';
import {
  DateRange,
  EngineQuery,
  IndicatorEngineRepository,
  LOCAL_TIME_ZONE,
  pinnedPublication,
  previousDay,
  statementParts,
  Structure,
} from '@dvc/indicators';
import { DOSSIER_FLOW_KEYS, DossierFlow, FlowGroup } from './dossier-flow';

/** The scope, period and moment a report's dossier flows are counted for. */
export interface FlowQuery {
  period: DateRange;
  agency: string | null;
  structure: Structure;
  groupBy: 'field' | 'agency' | null;
  /** ISO instant: count only events ingested by then (an issued report's moment). null: everything now. */
  asOf: string | null;
  now: Date;
}

export interface FlowAnswer {
  groups: FlowGroup[];
  /** The end of the period, or the moment counted if earlier (ISO). */
  countedUntil: string;
  /** The moment of ingestion the figures show (ISO): asOf, or the instant the query started. */
  asOf: string;
}

const DAY_MS = 86_400_000;
const endOfLocalDay = (date: string) => Date.parse(`${date}T00:00:00+07:00`) + DAY_MS - 1;
const tz = `'${LOCAL_TIME_ZONE}'`;

/**
 * The dossier flows of form II.06a over the indicator engine's read model (the snapshot and its correction
 * set, or the events folded at `asOf`): one statement per report, every column counted in one pass, so the
 * conservation law holds by construction for every group. Carried over: open at the end of the day before
 * the period (or at the moment counted, if that comes first); received: in (start, end]; a dossier leaves at its first resolution, withdrawal or stop, the
 * earliest of them, and leaves in the period if it was carried over or received in it; in progress: open at
 * the end (or at the moment counted, if earlier). Early / on time / late compare the resolution's local day
 * with the due day, as dossiers.on_time does.
 */
@Injectable()
export class DossierFlowRepository {
  private readonly db: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
    private readonly engine: IndicatorEngineRepository,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
  }

  async flows(query: FlowQuery): Promise<FlowAnswer> {
    const asOf = query.asOf === null ? query.now.getTime() : Date.parse(query.asOf);
    const end = Math.min(endOfLocalDay(query.period.to), query.now.getTime(), asOf);
    // Counted before the period began (asOf or now earlier than its first day): what is open then is carried
    // over and still in progress, nothing is received or leaves.
    const start = Math.min(endOfLocalDay(previousDay(query.period.from)), end);
    const engineQuery: EngineQuery = {
      buckets: [query.period],
      instants: [toClickHouseTime(end)],
      agency: query.agency,
      structure: query.structure,
      subtree: true,
      field: null,
      procedure: null,
      groupBy: query.groupBy,
      asOf: query.asOf === null ? null : toClickHouseTime(asOf),
    };
    const snapshot = query.asOf === null ? await this.engine.latestBuild() : null;
    const sql = statementParts(this.db, engineQuery, snapshot);
    const facts = sql.facts([
      'received_at',
      'received_date',
      'channel',
      'agency_code',
      'procedure_code',
      'due_date',
      'resolved_at',
      'resolved_date',
      'closed_at',
      'closed_date',
    ]);
    const received = `received_at > {flow_start:DateTime64(3, 'UTC')} AND received_at <= {flow_end:DateTime64(3, 'UTC')}`;
    const leaves = `(received_at > {flow_start:DateTime64(3, 'UTC')} OR exit_at > {flow_start:DateTime64(3, 'UTC')})
                    AND received_at <= {flow_end:DateTime64(3, 'UTC')} AND exit_at <= {flow_end:DateTime64(3, 'UTC')}`;
    const resolvedLeaving = `${leaves} AND by_resolution`;
    const openAtEnd = `received_at <= {flow_end:DateTime64(3, 'UTC')} AND exit_at > {flow_end:DateTime64(3, 'UTC')}`;
    const endDay = `toDate32({flow_end:DateTime64(3, 'UTC')}, ${tz})`;
    const statement = `
      SELECT grp,
             sumIf(weight, ${received} AND channel = 'online') AS receivedOnline,
             sumIf(weight, ${received} AND channel != 'online') AS receivedOther,
             sumIf(weight, received_at <= {flow_start:DateTime64(3, 'UTC')} AND exit_at > {flow_start:DateTime64(3, 'UTC')}) AS carriedOver,
             sumIf(weight, ${resolvedLeaving} AND resolved_date < due_date) AS resolvedEarly,
             sumIf(weight, ${resolvedLeaving} AND resolved_date = due_date) AS resolvedOnTime,
             sumIf(weight, ${resolvedLeaving} AND resolved_date > due_date) AS resolvedLate,
             sumIf(weight, ${leaves} AND NOT by_resolution) AS closedWithoutResult,
             sumIf(weight, ${openAtEnd} AND due_date >= ${endDay}) AS inProgressWithinDue,
             sumIf(weight, ${openAtEnd} AND due_date < ${endDay}) AS inProgressOverdue
      FROM (
        SELECT ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp, row.weight AS weight,
               row.received_at AS received_at, row.channel AS channel, row.due_date AS due_date,
               row.resolved_date AS resolved_date, least(row.resolved_at, row.closed_at) AS exit_at,
               row.resolved_at <= row.closed_at AS by_resolution
        FROM ${facts} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
        -- Received in the period, or before it and still open on its first day: the others count nowhere.
        WHERE (row.received_date >= {from:Date32}
               OR least(row.resolved_date, row.closed_date) >= toDate32({flow_start:DateTime64(3, 'UTC')}, ${tz}))
          AND row.received_date <= {to:Date32}
          AND ${sql.inScope('row.agency_code')}
      )
      GROUP BY grp`;
    const result = await this.client.query({
      query: `${pinnedPublication(this.db)} ${statement}`,
      query_params: { ...sql.params, flow_start: toClickHouseTime(start), flow_end: toClickHouseTime(end) },
      format: 'JSONEachRow',
    });
    const rows = await result.json<Record<string, string>>();
    const groups = rows.map((row) => ({
      key: row.grp === '' ? null : row.grp,
      flow: Object.fromEntries(
        DOSSIER_FLOW_KEYS.map((key) => [key, Number(row[key])]),
      ) as unknown as DossierFlow,
    }));
    return {
      groups: groups.filter(({ flow }) => Object.values(flow).some((count) => count !== 0)),
      countedUntil: new Date(end).toISOString(),
      asOf: new Date(asOf).toISOString(),
    };
  }
}
