import type { Principal } from '@dvc/access';
import { grantNeedsAgencyTree, ingestGrantFor, kafkaIngestGrant, UNRESTRICTED } from './ingest-grant';

const caller = (role: Principal['role'], scope: Partial<Principal> = {}) => ({
  role,
  name: `a ${role}`,
  agencyCode: null,
  sourceId: null,
  ...scope,
});

describe('ingestGrantFor (HTTP)', () => {
  it('lets an admin ingest anything', () => {
    expect(ingestGrantFor(caller('admin'))).toBe(UNRESTRICTED);
  });

  it("holds a source token to its sourceId, and to its agency's subtree when it has one", () => {
    expect(ingestGrantFor(caller('source', { sourceId: 'motcua', name: 'Mot cua' }))).toEqual({
      kind: 'sources',
      holder: 'the token of Mot cua',
      sources: new Map([['motcua', 'any']]),
    });
    const scoped = ingestGrantFor(caller('source', { sourceId: 'motcua', agencyCode: '000.00.30.h12' }));
    expect(scoped).toMatchObject({ sources: new Map([['motcua', ['000.00.30.H12']]]) });
    expect(grantNeedsAgencyTree(scoped)).toBe(true);
  });

  it.each(['analyst', 'operator', 'department'] as const)('lets a %s write nothing', (role) => {
    expect(ingestGrantFor(caller(role, { agencyCode: role === 'department' ? 'D' : null }))).toMatchObject({
      kind: 'sources',
      sources: new Map(),
    });
  });
});

describe('kafkaIngestGrant', () => {
  it('checks nothing without DVC_KAFKA_SOURCES', () => {
    expect(kafkaIngestGrant(undefined)).toBe(UNRESTRICTED);
    expect(grantNeedsAgencyTree(UNRESTRICTED)).toBe(false);
  });

  it('holds each listed source to its agencies ("*": any), and no other source', () => {
    const grant = kafkaIngestGrant({ tinh: '*', vendor: ['000.00.30.h12'] });
    expect(grant).toEqual({
      kind: 'sources',
      holder: 'DVC_KAFKA_SOURCES',
      sources: new Map<string, unknown>([
        ['tinh', 'any'],
        ['vendor', ['000.00.30.H12']],
      ]),
    });
    expect(grantNeedsAgencyTree(grant)).toBe(true);
    expect(grantNeedsAgencyTree(kafkaIngestGrant({ tinh: '*' }))).toBe(false);
  });
});
