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
