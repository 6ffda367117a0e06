import type { Principal } from '@dvc/access';
import type { KafkaSources } from '@dvc/config';
import { normaliseCode } from '@dvc/dossier-events';

/** For one source: every agency, or the agencies under these roots (each root's subtree). */
export type AgencyGrant = 'any' | readonly string[];

/**
 * What a caller may ingest (docs: libs/access/README.md, "Ingest scoping"): anything, or events of the listed
 * sources only, each for its agencies. `holder` names who holds the grant, for rejection messages.
 */
export type IngestGrant =
  { kind: 'unrestricted' } | { kind: 'sources'; holder: string; sources: ReadonlyMap<string, AgencyGrant> };

export const UNRESTRICTED: IngestGrant = { kind: 'unrestricted' };

/**
 * HTTP: an admin ingests anything (backfills, corrections); a source token its own `sourceId`, for its agency's
 * subtree if the token has one (else every agency); any other role nothing (the route refuses them anyway).
 */
export function ingestGrantFor(
  principal: Pick<Principal, 'role' | 'name' | 'sourceId' | 'agencyCode'>,
): IngestGrant {
  if (principal.role === 'admin') return UNRESTRICTED;
  const holder = `the token of ${principal.name}`;
  if (principal.role !== 'source' || !principal.sourceId)
    return { kind: 'sources', holder, sources: new Map() };
  const agencies: AgencyGrant = principal.agencyCode ? [normaliseCode(principal.agencyCode)] : 'any';
  return { kind: 'sources', holder, sources: new Map([[principal.sourceId, agencies]]) };
}

/** Kafka: DVC_KAFKA_SOURCES when set (a source not listed writes nothing); unset, anything the broker admits. */
export function kafkaIngestGrant(sources: KafkaSources | undefined): IngestGrant {
  if (!sources) return UNRESTRICTED;
  return {
    kind: 'sources',
    holder: 'DVC_KAFKA_SOURCES',
    sources: new Map(
      Object.entries(sources).map(([source, agencies]) => [
        source,
        agencies === '*' ? 'any' : agencies.map(normaliseCode),
      ]),
    ),
  };
}

/** Whether checking a batch against the grant needs the agency tree. */
export function grantNeedsAgencyTree(grant: IngestGrant): boolean {
  return grant.kind === 'sources' && [...grant.sources.values()].some((agencies) => agencies !== 'any');
}
