import type { AgencyTree } from '@dvc/catalogue';
import { DossierEvent, normaliseCode } from '@dvc/dossier-events';
import { localDateOf } from '@dvc/indicators';
import type { IngestGrant } from '../ingest-grant';
import { deadLetter, ok, StepResult } from './step-result';

/**
 * Scope: a validated event is written only for a source the caller holds, and for an agency under one of that
 * source's roots on the event's local day (the reported structure, or the one in force that day: see
 * `AgencyTree.countsUnder`). An event naming no agency passes: it only adds to a dossier of its own source,
 * whose agency the describing events (which must name one) carry. `tree` may be null only for grants that name
 * no agency.
 */
export function checkScope(
  event: DossierEvent,
  grant: IngestGrant,
  tree: AgencyTree | null,
): StepResult<DossierEvent> {
  if (grant.kind === 'unrestricted') return ok(event);
  const agencies = grant.sources.get(event.source);
  if (agencies === undefined) {
    const allowed = [...grant.sources.keys()];
    return deadLetter('scope', 'forbidden_source', [
      `source: ${grant.holder} may not write events of source "${event.source}"` +
        (allowed.length ? ` (only ${allowed.map((source) => `"${source}"`).join(', ')})` : ''),
    ]);
  }
  if (agencies === 'any' || event.agencyCode === undefined) return ok(event);
  if (!tree) throw new Error('checkScope: a grant naming agencies needs the agency tree');
  const agency = normaliseCode(event.agencyCode);
  const day = localDateOf(event.occurredAt);
  if (agencies.some((root) => tree.countsUnder(agency, root, day))) return ok(event);
  return deadLetter('scope', 'agency_out_of_scope', [
    `agencyCode: ${agency} is not under ${agencies.join(', ')} on ${day}, the agencies source "${event.source}" ` +
      `writes for through ${grant.holder}`,
  ]);
}
