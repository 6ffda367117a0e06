import fc from 'fast-check';
import {
  agencyRollup,
  buildCatalogueSnapshot,
  CatalogueContents,
  CataloguePublicationsRepository,
} from '@dvc/catalogue';
import { parseAppConfig } from '@dvc/config';
import { dossierEventSchema } from '@dvc/dossier-events';
import { DossierEventRepository, toEventRow } from '@dvc/ingestion';
import { aReceived, createTestClickHouse, TestClickHouse } from '@dvc/testing';
import { countDossiersOnline, highestLevelsOn, resolveIntakes } from '@dvc/indicators-reference';
import { Structure } from './indicator-query.schema';
import { EngineQuery } from './engine/engine-query';
import { IndicatorEngineRepository } from './engine/indicator-engine.repository';
import { previousDay } from './local-calendar';
import { receiptsStatement } from './indicators/dossiers-online.indicator';
import { procedureLevels } from './indicators/procedure-levels';

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const day = fc
  .integer({ min: 0, max: 5 * 365 })
  .map((offset) => new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
const optionalEnd = fc.option(day, { nil: null });

/** A random catalogue: a forest of agencies, lineage links, procedures offered with level histories. */
const catalogueArbitrary = fc
  .record({ agencyCount: fc.integer({ min: 1, max: 8 }), procedureCount: fc.integer({ min: 1, max: 5 }) })
  .chain(({ agencyCount, procedureCount }) => {
    const agencyCodes = Array.from({ length: agencyCount }, (_, i) => `00${i}.00.00.H99`);
    const procedureCodes = Array.from({ length: procedureCount }, (_, i) => `1.00000${i}`);
    return fc.record({
      agencies: fc.tuple(
        ...agencyCodes.map((code, i) =>
          fc.record({
            code: fc.constant(code),
            name: fc.constant(`Đơn vị ${i}`),
            kind: fc.constant('other' as const),
            // Parents come earlier in the list: a forest, never a loop.
            parentCode:
              i === 0
                ? fc.constant(null)
                : fc.option(fc.constantFrom(...agencyCodes.slice(0, i)), { nil: null }),
            validFrom: fc.constant('2020-01-01'),
            validTo: optionalEnd,
          }),
        ),
      ),
      lineage: fc.uniqueArray(
        fc.record({
          fromCode: fc.constantFrom(...agencyCodes),
          toCode: fc.constantFrom(...agencyCodes),
          effectiveDate: day,
        }),
        { maxLength: 4, selector: (link) => `${link.fromCode}>${link.toCode}` },
      ),
      procedures: fc.tuple(
        ...procedureCodes.map((code) =>
          fc.record({
            code: fc.constant(code),
            name: fc.constant('Thủ tục'),
            field: fc.constant('Tư pháp'),
            validTo: optionalEnd,
          }),
        ),
      ),
      offerings: fc.uniqueArray(
        fc.record({
          procedureCode: fc.constantFrom(...procedureCodes),
          agencyCode: fc.constantFrom(...agencyCodes),
          validTo: optionalEnd,
          levels: fc.uniqueArray(
            fc.record({ effectiveFrom: day, level: fc.integer({ min: 1, max: 4 }), portal: fc.boolean() }),
            {
              minLength: 1,
              maxLength: 3,
              selector: (level) => level.effectiveFrom,
            },
          ),
        }),
        { maxLength: 12, selector: (offering) => `${offering.procedureCode}@${offering.agencyCode}` },
      ),
    });
  })
  .map((raw): CatalogueContents => ({
    agencies: [...raw.agencies],
    lineage: raw.lineage.filter((link) => link.fromCode !== link.toCode),
    procedures: [...raw.procedures],
    offerings: raw.offerings.map(({ procedureCode, agencyCode, validTo }) => ({
      procedureCode,
      agencyCode,
      validTo,
    })),
    levels: raw.offerings.flatMap(({ procedureCode, agencyCode, levels }) =>
      levels.map((level) => ({ procedureCode, agencyCode, ...level, mode: 'none' as const, fee: false })),
    ),
  }));

const scopeArbitrary = fc.record({
  agencyIndex: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
  structure: fc.constantFrom<Structure>('reported', 'current'),
});

/** The agency codes a scope covers, from the same rollup the mirror publishes; an unknown code covers itself. */
function agencyCodesIn(
  contents: CatalogueContents,
  agency: string | null,
  structure: Structure,
): Set<string> | null {
  if (agency === null) return null;
  if (!contents.agencies.some((known) => known.code === agency)) return new Set([agency]);
  const pairs = agencyRollup(contents.agencies, contents.lineage);
  return new Set(
    pairs.filter((p) => p.structure === structure && p.ancestorCode === agency).map((p) => p.agencyCode),
  );
}

const scopeQuery = (
  range: { from: string; to: string },
  agency: string | null,
  structure: Structure,
): EngineQuery => ({
  buckets: [range],
  instants: ['2030-01-01 00:00:00.000'],
  agency,
  structure,
  subtree: true,
  field: null,
  procedure: null,
  groupBy: null,
  asOf: null,
});

describe('indicator queries over the catalogue mirror agree with the plain-TypeScript rules (chDB)', () => {
  let clickhouse: TestClickHouse;
  let publications: CataloguePublicationsRepository;
  let engine: IndicatorEngineRepository;
  let events: DossierEventRepository;

  beforeAll(async () => {
    clickhouse = await createTestClickHouse();
    const config = parseAppConfig(clickhouse.env);
    publications = new CataloguePublicationsRepository(clickhouse.client, config);
    engine = new IndicatorEngineRepository(clickhouse.client, config);
    events = new DossierEventRepository(clickhouse.client, config);
  });
  afterAll(() => clickhouse.drop());

  it('finds the same procedures at the same highest levels for any day and scope', async () => {
    let revision = 0;
    await fc.assert(
      fc.asyncProperty(
        catalogueArbitrary,
        fc.array(fc.tuple(fc.nat(), scopeArbitrary), { minLength: 1, maxLength: 6 }),
        async (contents, queries) => {
          await publications.publish(buildCatalogueSnapshot(contents), ++revision);
          const spans = buildCatalogueSnapshot(contents).offeringLevels.map((row) => ({
            procedureCode: row.procedure_code,
            agencyCode: row.agency_code,
            level: row.level,
            portal: row.portal,
            validFrom: row.valid_from,
            validTo: row.valid_to,
          }));
          // Days where something starts or ends, and the days either side: where off-by-one mistakes show.
          const edges = [...new Set(spans.flatMap((span) => [span.validFrom, span.validTo]))].flatMap(
            (edge) => [previousDay(edge), edge, nextDay(edge)],
          );
          for (const [pick, { agencyIndex, structure }] of queries) {
            const date = edges.length ? edges[pick % edges.length] : '2026-01-01';
            const agency = agencyIndex === null ? null : `00${agencyIndex}.00.00.H99`;
            const expected = highestLevelsOn(spans, date, agencyCodesIn(contents, agency, structure));
            expect({
              date,
              agency,
              structure,
              levels: (
                await procedureLevels(engine, scopeQuery({ from: date, to: date }, agency, structure), [date])
              ).map(({ procedureCode, level, portal }) => ({ procedureCode, level, portal })),
            }).toEqual({
              date,
              agency,
              structure,
              levels: expected,
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('counts dossiers of the same agencies for any scope, known codes or not', async () => {
    let revision = 1000;
    await fc.assert(
      fc.asyncProperty(
        catalogueArbitrary,
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('online', 'direct', 'postal' as const)),
          { minLength: 1, maxLength: 20 },
        ),
        fc.array(scopeArbitrary, { minLength: 1, maxLength: 4 }),
        async (contents, dossiers, scopes) => {
          await publications.publish(buildCatalogueSnapshot(contents), ++revision);
          await clickhouse.client.command({ query: `TRUNCATE TABLE ${clickhouse.database}.dossier_events` });
          await clickhouse.client.command({ query: `TRUNCATE TABLE ${clickhouse.database}.dossier_state` });
          // Agency indexes past the catalogue's are codes it does not know.
          const wire = dossiers.map(([agencyIndex, channel], i) =>
            aReceived(`HS-${i}`, channel, { agencyCode: `00${agencyIndex}.00.00.H99` }),
          );
          const parsed = wire.map((event) => dossierEventSchema.parse(event));
          await events.insert(parsed.map((event) => toEventRow(event, { at: new Date(), via: 'http' })));
          const march = { from: '2026-03-01', to: '2026-03-31' };
          for (const { agencyIndex, structure } of scopes) {
            const agency = agencyIndex === null ? null : `00${agencyIndex}.00.00.H99`;
            const expected = countDossiersOnline(resolveIntakes(parsed), march, {
              agencyCodes: agencyCodesIn(contents, agency, structure),
            });
            const [counts = { numerator: 0, denominator: 0 }] = await engine.counts(
              scopeQuery(march, agency, structure),
              receiptsStatement({ channel: 'online', excludePostal: false, level: null }),
            );
            expect({
              agency,
              structure,
              numerator: counts.numerator,
              denominator: counts.denominator,
            }).toEqual({
              agency,
              structure,
              numerator: expected.numerator,
              denominator: expected.denominator,
            });
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads no procedure in force past the open end (2149-06-06), where ClickHouse Date would wrap', async () => {
    const contents: CatalogueContents = {
      agencies: [
        {
          code: 'P',
          name: 'Tỉnh',
          kind: 'province',
          parentCode: null,
          validFrom: '2020-01-01',
          validTo: null,
        },
      ],
      lineage: [],
      procedures: [{ code: '1.000001', name: 'Thủ tục', field: 'Tư pháp', validTo: null }],
      offerings: [{ procedureCode: '1.000001', agencyCode: 'P', validTo: null }],
      levels: [
        {
          procedureCode: '1.000001',
          agencyCode: 'P',
          effectiveFrom: '2024-01-01',
          level: 2,
          mode: 'none',
          portal: false,
          fee: false,
        },
      ],
    };
    await publications.publish(buildCatalogueSnapshot(contents), 5000);
    const inForce = async (date: string) =>
      (await procedureLevels(engine, scopeQuery({ from: date, to: date }, null, 'reported'), [date])).length;
    expect(await inForce('2149-06-06')).toBe(1);
    expect(await inForce('2149-06-07')).toBe(0);
  });
});
