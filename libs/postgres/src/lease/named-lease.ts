/** What runs a statement: the DataSource, or a transaction's EntityManager. */
export interface LeaseQueryRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/*
 * Named leases in PostgreSQL (the table alerts.evaluator_lease, one row per name): one holder at a time across
 * replicas, taken over once it has run out unrenewed. The alerts evaluator holds "evaluator"; the report
 * scheduler "report-scheduler".
 */

/** Takes or renews the lease `name` for `holder` unless another holder's is still running. */
export async function tryAcquireLease(
  db: LeaseQueryRunner,
  name: string,
  holder: string,
  seconds: number,
): Promise<boolean> {
  const rows = (await db.query(
    `INSERT INTO alerts.evaluator_lease (name, holder, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3))
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE alerts.evaluator_lease.holder = EXCLUDED.holder OR alerts.evaluator_lease.expires_at < now()
     RETURNING holder`,
    [name, holder, seconds],
  )) as unknown[];
  return rows.length === 1;
}

/**
 * Renews the lease `name` for `holder` (inside a transaction, to fence its writes): false if another holder has
 * taken it meanwhile.
 */
export async function renewLease(
  db: LeaseQueryRunner,
  name: string,
  holder: string,
  seconds: number,
): Promise<boolean> {
  const rows = (await db.query(
    `UPDATE alerts.evaluator_lease SET holder = $2, expires_at = now() + make_interval(secs => $3)
     WHERE name = $1 AND (holder = $2 OR expires_at < now())
     RETURNING holder`,
    [name, holder, seconds],
  )) as unknown[];
  // TypeORM answers an UPDATE … RETURNING as [rows, affected].
  return !(rows[1] === 0 || (Array.isArray(rows[0]) && rows[0].length === 0));
}

/** Hands the lease back, if `holder` still has it. */
export async function releaseLease(db: LeaseQueryRunner, name: string, holder: string): Promise<void> {
  await db.query(`DELETE FROM alerts.evaluator_lease WHERE name = $1 AND holder = $2`, [name, holder]);
}
