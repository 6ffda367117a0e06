import { AgencyTree } from '@dvc/catalogue';
import { DossierEvent, dossierEventSchema } from '@dvc/dossier-events';
import { aReceived, anEvent, WireEvent } from '@dvc/testing';
import { IngestGrant, kafkaIngestGrant, UNRESTRICTED } from '../ingest-grant';
import { checkScope } from './check-scope.step';

// District D (communes C1, C2) and department S under province P; commune X, once under S, merged into C1 on
// 2026-06-01 (the day starts at 2026-05-31T17:00:00Z).
const tree = new AgencyTree(
  [
    { code: 'P', parentCode: null },
    { code: 'D', parentCode: 'P' },
    { code: 'C1', parentCode: 'D' },
    { code: 'C2', parentCode: 'D' },
    { code: 'S', parentCode: 'P' },
    { code: 'X', parentCode: 'S' },
  ],
  [{ fromCode: 'X', toCode: 'C1', effectiveDate: '2026-06-01' }],
);
const event = (wire: WireEvent): DossierEvent => dossierEventSchema.parse(wire);
const received = (source: string, agencyCode: string, occurredAt = '2026-03-02T09:00:00+07:00') =>
  event(aReceived('HS-1', 'online', { source, agencyCode, occurredAt }));
const grant = (sources: Record<string, '*' | string[]>): IngestGrant => kafkaIngestGrant(sources);

describe('checkScope step', () => {
  it('passes anything when the grant is unrestricted', () => {
    expect(checkScope(received('any-source', 'NOWHERE'), UNRESTRICTED, null)).toMatchObject({ kind: 'ok' });
  });

  it('dead-letters a source the grant does not hold as forbidden_source, naming who may write what', () => {
    const result = checkScope(received('other', 'C1'), grant({ vendor: '*' }), tree);
    expect(result).toEqual({
      kind: 'dead_letter',
      step: 'scope',
      reason: 'forbidden_source',
      errors: ['source: DVC_KAFKA_SOURCES may not write events of source "other" (only "vendor")'],
    });
    expect(checkScope(received('vendor', 'C1'), grant({}), tree)).toMatchObject({
      reason: 'forbidden_source',
    });
  });

  it('passes a held source for every agency when it is granted "*"', () => {
    expect(checkScope(received('vendor', 'NOWHERE'), grant({ vendor: '*' }), null)).toMatchObject({
      kind: 'ok',
    });
  });

  it("passes an agency in the source's subtrees, in any spelling, and refuses one elsewhere", () => {
    const granted = grant({ vendor: ['d', 'S'] });
    for (const agency of ['D', 'C1', 'c2', 'S', 'X'])
      expect([agency, checkScope(received('vendor', agency), granted, tree).kind]).toEqual([agency, 'ok']);
    for (const agency of ['P', 'UNKNOWN']) {
      const result = checkScope(received('vendor', agency), granted, tree);
      expect(result).toMatchObject({ kind: 'dead_letter', step: 'scope', reason: 'agency_out_of_scope' });
      expect(result.kind === 'dead_letter' && result.errors[0]).toContain(
        `${agency} is not under D, S on 2026-03-02`,
      );
    }
  });

  it("judges a merged unit by the event's local day: the taker's from the merger on", () => {
    const forD = grant({ vendor: ['D'] });
    const lastDayBefore = '2026-05-31T16:59:59Z';
    const firstDayAfter = '2026-05-31T17:00:00Z';
    expect(checkScope(received('vendor', 'X', lastDayBefore), forD, tree)).toMatchObject({
      reason: 'agency_out_of_scope',
      errors: [expect.stringContaining('on 2026-05-31')],
    });
    expect(checkScope(received('vendor', 'X', firstDayAfter), forD, tree)).toMatchObject({ kind: 'ok' });
    // Its own parent's source keeps it as reported.
    expect(checkScope(received('vendor', 'X', firstDayAfter), grant({ vendor: ['S'] }), tree)).toMatchObject({
      kind: 'ok',
    });
  });

  it('passes an event naming no agency: it only adds to a dossier of its own source', () => {
    const processing = event(anEvent('processing', 'HS-1', { source: 'vendor' }));
    expect(checkScope(processing, grant({ vendor: ['D'] }), tree)).toMatchObject({ kind: 'ok' });
    expect(checkScope({ ...processing, source: 'other' }, grant({ vendor: ['D'] }), tree)).toMatchObject({
      reason: 'forbidden_source',
    });
  });

  it('checks agencyCode, not the agency a dossier is transferred to', () => {
    const transfer = event(
      anEvent('transferred', 'HS-1', { source: 'vendor', agencyCode: 'C1', toAgencyCode: 'S' }),
    );
    expect(checkScope(transfer, grant({ vendor: ['D'] }), tree)).toMatchObject({ kind: 'ok' });
  });
});
