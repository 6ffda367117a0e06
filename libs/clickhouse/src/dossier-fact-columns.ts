const TIME = `DateTime64(3, 'UTC')`;

/**
 * The facts every dossier statement reads of a received dossier, with their ClickHouse types, in table order: the
 * columns of `dossier_snapshot` (after its `build_id`) and of `dossier_fact_corrections` (after `set_id`,
 * `weight`). The one definition of them. The migrations that created those tables (005, 007, 008, 009) spell the
 * list out, since an applied migration's text is checksummed and must not change; `dossier-fact-columns.spec.ts`
 * pins each of them, and the current schema dump, to this list. A new fact is a new migration adding the column
 * to both tables, an entry here, and its computation from `dossier_state` (`FACTS_FROM_STATE` in
 * `@dvc/indicators`, which the compiler holds to these names).
 */
export const DOSSIER_FACT_COLUMNS = [
  { name: 'source', type: 'LowCardinality(String)' },
  { name: 'dossier_code', type: 'String' },
  { name: 'received_at', type: TIME },
  { name: 'received_date', type: 'Date32' },
  { name: 'channel', type: 'LowCardinality(String)' },
  { name: 'agency_code', type: 'LowCardinality(String)' },
  { name: 'procedure_code', type: 'LowCardinality(String)' },
  { name: 'due_at', type: TIME },
  { name: 'due_date', type: 'Date32' },
  { name: 'resolved_at', type: TIME },
  { name: 'resolved_date', type: 'Date32' },
  { name: 'closed_at', type: TIME },
  { name: 'closed_date', type: 'Date32' },
  { name: 'returned_at', type: TIME },
  { name: 'returned_date', type: 'Date32' },
  { name: 'return_channel', type: 'LowCardinality(String)' },
  { name: 'paid_at', type: TIME },
  { name: 'paid_date', type: 'Date32' },
  { name: 'payment_method', type: 'LowCardinality(String)' },
] as const;

export type DossierFactColumn = (typeof DOSSIER_FACT_COLUMNS)[number]['name'];
