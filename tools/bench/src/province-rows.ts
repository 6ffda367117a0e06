import { LifecycleEvent } from '@dvc/synthetic-province';

/**
 * Rows of the synthetic province in the two shapes the indicators benchmark loads: ClickHouse `dossier_events`
 * rows (one per delivered event) as TSV, and one PostgreSQL `dossiers` row per dossier as a one-stop-shop
 * system keeps it, in COPY text format. Both written straight from the generator's plain facts, without
 * building an object per event.
 */

/** The dossier_events columns the TSV carries, in order (the rest take their defaults). */
export const EVENT_COLUMNS = [
  'source',
  'event_id',
  'type',
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
  'ingested_at',
  'ingested_via',
] as const;

/** The same columns as a file() structure. Instants are written as integer milliseconds (DateTime64(3) ticks). */
export const EVENT_STRUCTURE = [
  'source String',
  'event_id String',
  'type String',
  'occurred_at DateTime64(3)',
  'dossier_code String',
  'procedure_code String',
  'agency_code String',
  'channel String',
  'due_at Nullable(DateTime64(3))',
  'fee Nullable(UInt64)',
  'payment_method String',
  'payment_amount Nullable(UInt64)',
  'outcome String',
  'electronic_result Nullable(Bool)',
  'return_channel String',
  'ingested_at DateTime64(3)',
  'ingested_via String',
].join(', ');

const NULL = '\\N';
/** How long after it happened an event reaches the pipeline: at once, a repeat later, a re-send next day. */
export const ARRIVAL_DELAY_MS = { first: 2_000, duplicate: 300_000, resent: 86_400_000 };

/** One dossier_events TSV line; `suffix` ('' or '-resent') is appended to the event id. */
export function eventLine(
  source: string,
  dossierCode: string,
  event: LifecycleEvent,
  suffix: string,
  arrivalDelayMs: number,
): string {
  const at = Math.floor(event.occurredAt);
  return (
    `${source}\t${dossierCode}-${event.sequence}${suffix}\t${event.type}\t${at}\t${dossierCode}\t` +
    `${event.procedureCode ?? ''}\t${event.agencyCode ?? ''}\t${event.channel ?? ''}\t` +
    `${event.dueAt === null ? NULL : Math.floor(event.dueAt)}\t${event.fee ?? NULL}\t` +
    `${event.paymentMethod ?? ''}\t${event.paymentAmount ?? NULL}\t${event.outcome ?? ''}\t` +
    `${event.electronicResult === null ? NULL : event.electronicResult}\t${event.returnChannel ?? ''}\t` +
    `${at + arrivalDelayMs}\tkafka\n`
  );
}

/** The PostgreSQL table of the baseline: one row per dossier, updated in place as the dossier moves on. */
export const POSTGRES_DOSSIERS_TABLE = `CREATE TABLE dossiers (
  code text PRIMARY KEY,
  source text NOT NULL,
  agency_code text NOT NULL,
  procedure_code text NOT NULL,
  channel text NOT NULL,
  status text NOT NULL,
  submitted_at timestamptz,
  received_at timestamptz,
  due_at timestamptz,
  fee bigint,
  paid_at timestamptz,
  payment_method text,
  resolved_at timestamptz,
  outcome text,
  withdrawn_at timestamptz,
  returned_at timestamptz,
  return_channel text
)`;

export const POSTGRES_DOSSIER_COLUMNS = [
  'code',
  'source',
  'agency_code',
  'procedure_code',
  'channel',
  'status',
  'submitted_at',
  'received_at',
  'due_at',
  'fee',
  'paid_at',
  'payment_method',
  'resolved_at',
  'outcome',
  'withdrawn_at',
  'returned_at',
  'return_channel',
] as const;

const NONE = Number.POSITIVE_INFINITY;
const time = (ms: number) => (Number.isFinite(ms) ? new Date(Math.floor(ms)).toISOString() : NULL);

/**
 * A dossier's row folded from its events by the rules dossier_state applies (docs/indicators.md, "From events
 * to dossiers"): the latest intake event says whether and when it was received, through which channel, where;
 * the latest event carrying a due date gives the due date; the first resolution, withdrawal, return and
 * non-zero payment count. So both engines hold the same dossiers and must give the same figures.
 */
export class DossierFold {
  private code = '';
  private source = '';
  private agencyCode = '';
  private procedureCode = '';
  private channel = '';
  private submittedAt = NONE;
  private intakeType = '';
  private intakeAt = -NONE;
  private dueSetAt = -NONE;
  private dueAt = NONE;
  private fee: number | null = null;
  private paidAt = NONE;
  private paymentMethod = '';
  private resolvedAt = NONE;
  private outcome = '';
  private withdrawnAt = NONE;
  private returnedAt = NONE;
  private returnChannel = '';

  get started(): boolean {
    return this.code !== '';
  }

  start(source: string, code: string): void {
    this.code = code;
    this.source = source;
    this.agencyCode = this.procedureCode = this.channel = this.intakeType = '';
    this.paymentMethod = this.outcome = this.returnChannel = '';
    this.submittedAt = this.dueAt = this.paidAt = this.resolvedAt = this.withdrawnAt = this.returnedAt = NONE;
    this.intakeAt = this.dueSetAt = -NONE;
    this.fee = null;
  }

  apply(event: LifecycleEvent): void {
    const at = Math.floor(event.occurredAt);
    switch (event.type) {
      case 'submitted':
        this.submittedAt = Math.min(this.submittedAt, at);
        this.channel ||= event.channel ?? '';
        this.describe(event);
        break;
      case 'received':
      case 'refused':
        if (at >= this.intakeAt) {
          this.intakeAt = at;
          this.intakeType = event.type;
          if (event.channel) this.channel = event.channel;
          this.describe(event);
          if (event.fee !== null) this.fee = event.fee;
        }
        break;
      case 'paid':
        if ((event.paymentAmount ?? 0) > 0 && at < this.paidAt) {
          this.paidAt = at;
          this.paymentMethod = event.paymentMethod ?? '';
        }
        break;
      case 'resolved':
        if (at < this.resolvedAt) {
          this.resolvedAt = at;
          this.outcome = event.outcome ?? '';
        }
        break;
      case 'withdrawn':
      case 'stopped':
        this.withdrawnAt = Math.min(this.withdrawnAt, at);
        break;
      case 'returned':
        if (at < this.returnedAt) {
          this.returnedAt = at;
          this.returnChannel = event.returnChannel ?? '';
        }
        break;
    }
    const carriesDue =
      event.type === 'received' || event.type === 'supplement_received' || event.type === 'rescheduled';
    if (carriesDue && event.dueAt !== null) {
      const due = Math.floor(event.dueAt);
      if (at > this.dueSetAt || (at === this.dueSetAt && due > this.dueAt))
        [this.dueSetAt, this.dueAt] = [at, due];
    }
  }

  /** The COPY text line of the dossier as it stands. */
  line(): string {
    const received = this.intakeType === 'received';
    const status =
      this.intakeType === 'refused'
        ? 'refused'
        : !received
          ? 'submitted'
          : Number.isFinite(this.withdrawnAt)
            ? 'withdrawn'
            : Number.isFinite(this.returnedAt)
              ? 'returned'
              : Number.isFinite(this.resolvedAt)
                ? 'resolved'
                : 'processing';
    return (
      `${this.code}\t${this.source}\t${this.agencyCode}\t${this.procedureCode}\t${this.channel}\t${status}\t` +
      `${time(this.submittedAt)}\t${received ? time(this.intakeAt) : NULL}\t${time(this.dueAt)}\t` +
      `${this.fee ?? NULL}\t${time(this.paidAt)}\t${this.paymentMethod || NULL}\t${time(this.resolvedAt)}\t` +
      `${this.outcome || NULL}\t${time(this.withdrawnAt)}\t${time(this.returnedAt)}\t${this.returnChannel || NULL}\n`
    );
  }

  private describe(event: LifecycleEvent): void {
    if (event.agencyCode !== null) this.agencyCode = event.agencyCode;
    if (event.procedureCode !== null) this.procedureCode = event.procedureCode;
  }
}
