/** One row of `dossier_events`: the validated event, flattened, timestamps in UTC. */
export interface DossierEventRow {
  source: string;
  event_id: string;
  type: string;
  status_code: number | null;
  occurred_at: string;
  dossier_code: string;
  procedure_code: string;
  agency_code: string;
  channel: string;
  due_at: string | null;
  fee: number | null;
  payment_method: string;
  payment_amount: number | null;
  outcome: string;
  electronic_result: boolean | null;
  return_channel: string;
  to_agency_code: string;
  ingested_at: string;
  ingested_via: IngestTransport;
}

export type IngestTransport = 'kafka' | 'http';

/** The columns of `dossier_events` an insert names, in the order of `toEventTuple`. */
export const DOSSIER_EVENT_COLUMNS = [
  'source',
  'event_id',
  'type',
  'status_code',
  'occurred_at',
  'dossier_code',
  'procedure_code',
  'agency_code',
  'channel',
  'due_at',
  'fee',
  'payment_method',
  'payment_amount',
  'outcome',
  'electronic_result',
  'return_channel',
  'to_agency_code',
  'ingested_at',
  'ingested_via',
] as const satisfies readonly (keyof DossierEventRow)[];

export type DossierEventTuple = DossierEventRow[(typeof DOSSIER_EVENT_COLUMNS)[number]][];

/**
 * A row as JSONCompactEachRow writes it: the values alone, in `DOSSIER_EVENT_COLUMNS` order. Spelled out
 * rather than mapped over the column list: one array literal is the cheapest shape V8 stringifies, and
 * ClickHouse reads values by position instead of matching every key of every row.
 */
export function toEventTuple(row: DossierEventRow): DossierEventTuple {
  return [
    row.source,
    row.event_id,
    row.type,
    row.status_code,
    row.occurred_at,
    row.dossier_code,
    row.procedure_code,
    row.agency_code,
    row.channel,
    row.due_at,
    row.fee,
    row.payment_method,
    row.payment_amount,
    row.outcome,
    row.electronic_result,
    row.return_channel,
    row.to_agency_code,
    row.ingested_at,
    row.ingested_via,
  ];
}
