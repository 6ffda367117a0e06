/**
 * A unit keeps its parent for life: dossiers already reported under a district stay that district's, and a
 * reorganisation ends units and starts new ones joined by lineage. Moving a unit would silently rewrite what was
 * reported under its old parent.
 *
 * Null when `parentCode` is the parent `existing` already has, or when there is no existing agency (a new
 * unit); otherwise why the change is refused and what to do instead.
 */
export function parentChangeRefusal(
  existing: { code: string; parentCode: string | null } | null | undefined,
  parentCode: string | null | undefined,
): string | null {
  const to = parentCode ?? null;
  if (!existing || existing.parentCode === to) return null;
  const from = existing.parentCode ?? 'none';
  return (
    `the parent of agency ${existing.code} cannot change (from ${from} to ${to ?? 'none'}): a unit keeps its ` +
    'parent for life, so what was reported under it stays there. End this unit (validTo) and create a new one ' +
    `${to ? `under ${to}` : 'without a parent'} with a lineage link from ${existing.code} instead`
  );
}
