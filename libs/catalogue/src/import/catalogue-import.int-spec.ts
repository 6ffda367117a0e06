import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { parseAppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { createTestClickHouse, POSTGRES_ENGINES, TestClickHouse, TestPostgres } from '@dvc/testing';
import { AgenciesService } from '../agencies/agencies.service';
import { CatalogueModule } from '../catalogue.module';
import { CatalogueStore } from '../storage/catalogue-store';
import { CatalogueImportService, ImportStage } from './catalogue-import.service';
import { ImportCounts } from './import-report';

type Cell = string | number | Date;

/** An XLSX workbook with one sheet per entry, headers on row 1. */
async function aWorkbook(sheets: Record<string, { headers: string[]; rows: Cell[][] }>): Promise<Buffer> {
  const workbook = new Workbook();
  for (const [name, { headers, rows }] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(headers);
    sheet.addRows(rows);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const PROVINCE = '000.00.00.H12';
const pad = (n: number) => String(n).padStart(2, '0');
const departments = Array.from({ length: 10 }, (_, i) => `000.00.${pad(11 + i)}.H12`);
const districts = Array.from({ length: 10 }, (_, i) => `000.00.${pad(31 + i)}.H12`);
const communes = districts.flatMap((district) =>
  Array.from({ length: 5 }, (_, j) => `000.${pad(j + 1)}.${district.slice(7)}`),
);
/** Every unit that offers procedures: the 3-level tree under the province. */
const offeringAgencies = [...departments, ...districts, ...communes];

const AGENCY_HEADERS = ['code', 'name', 'kind', 'parent_code', 'valid_from', 'valid_to'];
const anAgency = (code: string, kind: string, parent: string): Cell[] => [
  code,
  `Đơn vị ${code}`,
  kind,
  parent,
  '01/01/2020',
  '',
];
const agencyRows = (): Cell[][] => [
  anAgency(PROVINCE, 'tỉnh', ''),
  ...departments.map((code) => anAgency(code, 'sở', PROVINCE)),
  ...districts.map((code) => anAgency(code, 'huyện', PROVINCE)),
  ...communes.map((code) => anAgency(code, 'xã', `000.00.${code.slice(7)}`)),
];

const PROCEDURE_HEADERS = [
  'Mã thủ tục',
  'Tên thủ tục',
  'Lĩnh vực',
  'Mã cơ quan',
  'Áp dụng từ',
  'Mức độ',
  'Hình thức',
  'Tích hợp cổng DVCQG',
  'Thu phí',
];
const procedureCode = (n: number) => `1.${String(100000 + n).padStart(6, '0')}`;
/** Procedure n at one agency: level 3 from 2024 (a real date cell), level 4 from 1 July 2025 (typed DD/MM/YYYY). */
const procedureRows = (n: number): Cell[][] => {
  const common = [
    procedureCode(n),
    `Thủ tục số ${n}`,
    n % 2 ? 'Tư pháp' : 'Đất đai',
    offeringAgencies[n % 70],
  ];
  return [
    [...common, new Date(Date.UTC(2024, 0, 1)), 3, 'một phần', n % 3 ? 'có' : 'không', 'x'],
    [...common, '01/07/2025', 'mức 4', 'toàn trình', 'có', ''],
  ];
};

const TARGET_HEADERS = [
  'key',
  'indicator_id',
  'options',
  'agency_code',
  'period',
  'comparator',
  'threshold',
  'legal_basis',
  'active_from',
];
const targetRows = (): Cell[][] => [
  ['h12.online', 'dossiers.online', '', '', 'year', '>=', '50%', 'Quyết định 766/QĐ-TTg', '2026-01-01'],
  ['h12.level4', 'procedures.level4', '', departments[0], 'year', '>=', 0.2, 'Kế hoạch 2026', '2026-01-01'],
  ['', 'dossiers.on_time', '', districts[0], 'rolling-30d', '≥', '98%', 'Kế hoạch 2026', '01/01/2026'],
];

const GOOD_PROCEDURES = 2458;

/**
 * 5,000 data rows: 71 agencies (province, 10 departments, 10 districts with 5 communes each), 2 lineage links,
 * 2,458 procedures with two level changes each, 3 targets; plus 10 bad rows mixed in. Returns the row numbers
 * of the bad rows as the workbook has them.
 */
function aLargeCatalogue() {
  const agencies = agencyRows();
  const unknownParent = anAgency('000.00.21.H12', 'sở', '000.00.99.H12');
  const badCode = anAgency('SỞ TƯ PHÁP', 'sở', PROVINCE);
  agencies.splice(30, 0, unknownParent);
  agencies.splice(60, 0, badCode);

  const procedures = Array.from({ length: GOOD_PROCEDURES }, (_, n) => procedureRows(n)).flat();
  const badLevel = [...procedureRows(9001)[0].slice(0, 5), 'mức 5', 'một phần', 'có', 'không'];
  const badDate = [...procedureRows(9002)[0].slice(0, 4), '31/02/2024', 3, 'một phần', 'có', 'không'];
  const duplicated = procedures[10];
  const duplicate = [...duplicated.slice(0, 5), 4, 'toàn trình', 'có', 'không'];
  const excelNumberCode = ['1.10042', ...procedureRows(9003)[0].slice(1)];
  const underBadAgency = [
    ...procedureRows(9004)[0].slice(0, 3),
    '000.00.21.H12',
    ...procedureRows(9004)[0].slice(4),
  ];
  procedures.splice(1000, 0, badLevel);
  procedures.splice(2000, 0, badDate);
  procedures.splice(3000, 0, duplicate);
  procedures.splice(4000, 0, excelNumberCode);
  procedures.splice(4500, 0, underBadAgency);

  const lineage = [
    [districts[8], PROVINCE, '2025-07-01'],
    [districts[9], PROVINCE, new Date(Date.UTC(2025, 6, 1))],
  ];
  const targets = targetRows();
  const shareAsNumber = [
    'h12.bad',
    'dossiers.online',
    '',
    '',
    'year',
    '>=',
    30,
    'Kế hoạch 2026',
    '2026-01-01',
  ];
  targets.push(shareAsNumber);

  const rowOf = (rows: Cell[][], row: Cell[]) => rows.indexOf(row) + 2;
  return {
    sheets: {
      agencies: { headers: AGENCY_HEADERS, rows: agencies },
      'Kế thừa': { headers: ['from_code', 'to_code', 'effective_date'], rows: lineage },
      'Thủ tục': { headers: PROCEDURE_HEADERS, rows: procedures },
      'Chỉ tiêu': { headers: TARGET_HEADERS, rows: targets },
    },
    rows: agencies.length + lineage.length + procedures.length + targets.length,
    bad: {
      unknownParent: rowOf(agencies, unknownParent),
      badCode: rowOf(agencies, badCode),
      badLevel: rowOf(procedures, badLevel),
      badDate: rowOf(procedures, badDate),
      duplicate: rowOf(procedures, duplicate),
      duplicated: rowOf(procedures, duplicated),
      excelNumberCode: rowOf(procedures, excelNumberCode),
      underBadAgency: rowOf(procedures, underBadAgency),
      shareAsNumber: rowOf(targets, shareAsNumber),
    },
  };
}

const GOOD_COUNTS: ImportCounts = {
  agencies: 71,
  lineage: 2,
  procedures: GOOD_PROCEDURES,
  offerings: GOOD_PROCEDURES,
  levels: 2 * GOOD_PROCEDURES,
  targets: 3,
};
const NOTHING: ImportCounts = { agencies: 0, lineage: 0, procedures: 0, offerings: 0, levels: 0, targets: 0 };

describe.each(POSTGRES_ENGINES)('catalogue import on %s', (_name, start) => {
  let engine: TestPostgres;
  let clickhouse: TestClickHouse;
  let moduleRef: TestingModule;
  let imports: CatalogueImportService;
  let store: CatalogueStore;
  let dataSource: DataSource;

  beforeEach(async () => {
    [engine, clickhouse] = await Promise.all([start(), createTestClickHouse()]);
    const config = parseAppConfig({ ...clickhouse.env, DATABASE_URL: engine.url });
    @Module({ imports: [PlatformModule.forRoot(config), CatalogueModule] })
    class ImportTestModule {}
    moduleRef = await Test.createTestingModule({ imports: [ImportTestModule] }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    imports = moduleRef.get(CatalogueImportService);
    store = moduleRef.get(CatalogueStore);
    dataSource = moduleRef.get(DataSource);
  });
  afterEach(async () => {
    await moduleRef.close();
    await Promise.all([engine.stop(), clickhouse.drop()]);
  });

  const countRows = async (): Promise<ImportCounts> => {
    const count = async (table: string) =>
      Number((await dataSource.query(`SELECT count(*) AS n FROM catalogue.${table}`))[0].n);
    return {
      agencies: await count('agencies'),
      lineage: await count('agency_lineage'),
      procedures: await count('procedures'),
      offerings: await count('offerings'),
      levels: await count('offering_levels'),
      targets: await count('targets'),
    };
  };

  it('imports a 5,000-row workbook: bad rows reported by row and column, good rows written once', async () => {
    const { sheets, rows, bad } = aLargeCatalogue();
    expect(rows).toBe(5000);
    const file = { content: await aWorkbook(sheets), format: 'xlsx' as const };
    const revision = await store.revision();

    const dryRun = await imports.import(file, { dryRun: true });
    expect(await countRows()).toEqual(NOTHING);
    expect(await store.revision()).toBe(revision);

    const progress: [number, number, ImportStage][] = [];
    const report = await imports.import(file, { onProgress: (...call) => progress.push(call) });
    expect(report.errors.map(({ sheet, row, column }) => ({ sheet, row, column }))).toEqual([
      { sheet: 'agencies', row: bad.unknownParent, column: 'parent_code' },
      { sheet: 'agencies', row: bad.badCode, column: 'code' },
      { sheet: 'Thủ tục', row: bad.badLevel, column: 'Mức độ' },
      { sheet: 'Thủ tục', row: bad.badDate, column: 'Áp dụng từ' },
      { sheet: 'Thủ tục', row: bad.duplicate, column: 'Mã thủ tục' },
      { sheet: 'Thủ tục', row: bad.excelNumberCode, column: 'Mã thủ tục' },
      { sheet: 'Thủ tục', row: bad.underBadAgency, column: 'Mã cơ quan' },
      { sheet: 'Chỉ tiêu', row: bad.shareAsNumber, column: 'threshold' },
    ]);
    expect(report.errors).toEqual([
      expect.objectContaining({
        value: '000.00.99.H12',
        reason: 'parent_code 000.00.99.H12 is neither in this file nor in the catalogue',
      }),
      expect.objectContaining({
        value: 'SỞ TƯ PHÁP',
        reason: expect.stringMatching(/^expected an agency code/),
      }),
      expect.objectContaining({ value: 'mức 5', reason: 'expected a level from 1 to 4 (3 or "mức 3")' }),
      expect.objectContaining({ value: '31/02/2024', reason: 'not a calendar date' }),
      expect.objectContaining({
        reason:
          `procedure ${procedureCode(5)} at ${offeringAgencies[5]} from 2024-01-01 is already on row ` +
          `${bad.duplicated} with different values: keep one of the two rows`,
      }),
      expect.objectContaining({
        value: '1.10042',
        reason: expect.stringMatching(/format the column as Text$/),
      }),
      expect.objectContaining({
        value: '000.00.21.H12',
        reason: `agency_code 000.00.21.H12 is on row ${bad.unknownParent} of sheet "agencies", which has errors`,
      }),
      expect.objectContaining({ value: '30', reason: expect.stringMatching(/is a share/) }),
    ]);
    expect(report).toMatchObject({
      kinds: ['agencies', 'lineage', 'procedures', 'targets'],
      dryRun: false,
      ok: false,
      failure: null,
      rows: 5000,
      valid: 4992,
      changes: GOOD_COUNTS,
      written: GOOD_COUNTS,
      warnings: [],
    });
    expect(dryRun).toEqual({ ...report, dryRun: true, written: NOTHING });
    const changed = Object.values(GOOD_COUNTS).reduce((sum, count) => sum + count, 0);
    expect(progress.at(-1)).toEqual([changed, changed, 'write']);
    expect(progress.filter(([, , stage]) => stage === 'check').at(-1)).toEqual([5000, 5000, 'check']);

    expect(await countRows()).toEqual(GOOD_COUNTS);
    expect(await store.revision()).toBe(revision + 1);
    const codes = await dataSource.query('SELECT code FROM catalogue.agencies ORDER BY code COLLATE "C"');
    expect(codes.map((row: { code: string }) => row.code)).toEqual(
      [PROVINCE, ...offeringAgencies].sort((a, b) => (a < b ? -1 : 1)),
    );
    const levels = await dataSource.query(
      `SELECT effective_from::text AS "from", level, mode, portal, fee FROM catalogue.offering_levels
       WHERE procedure_code = $1 ORDER BY effective_from`,
      [procedureCode(4)],
    );
    expect(levels).toEqual([
      { from: '2024-01-01', level: 3, mode: 'partial', portal: true, fee: true },
      { from: '2025-07-01', level: 4, mode: 'full', portal: true, fee: false },
    ]);
    const communes = await dataSource.query(
      `SELECT count(*)::int AS n FROM catalogue.agencies
       WHERE kind = 'commune' AND parent_code IN (SELECT code FROM catalogue.agencies WHERE kind = 'district')`,
    );
    expect(communes).toEqual([{ n: 50 }]);

    const again = await imports.import(file);
    expect(again).toEqual({ ...report, changes: NOTHING, written: NOTHING });
    expect(await store.revision()).toBe(revision + 1);
    expect(await countRows()).toEqual(GOOD_COUNTS);
  });

  it('imports a CSV file of one kind against the catalogue, and updates what changed', async () => {
    const csv = (text: string) => ({ content: Buffer.from(text), format: 'csv' as const });
    await imports.import(
      csv(`code,name,kind,parent_code,valid_from\n${PROVINCE},Tỉnh,province,,2020-01-01\n`),
      { kind: 'agencies' },
    );
    const report = await imports.import(
      csv(
        'Mã cơ quan;Tên cơ quan;Loại;Mã cơ quan cấp trên;Hiệu lực từ\n' +
          `${PROVINCE};Tỉnh Hòa An;tỉnh;;01/01/2020\n` +
          `000.00.11.H12;Sở Tư pháp;sở;${PROVINCE};01/01/2020\n`,
      ),
      { kind: 'agencies' },
    );
    expect(report).toMatchObject({ ok: true, rows: 2, valid: 2, written: { ...NOTHING, agencies: 2 } });
    expect(await dataSource.query('SELECT code, name FROM catalogue.agencies ORDER BY code')).toEqual([
      { code: PROVINCE, name: 'Tỉnh Hòa An' },
      { code: '000.00.11.H12', name: 'Sở Tư pháp' },
    ]);
    await expect(imports.import(csv('code,name\n'), {})).rejects.toThrow(/say which kind a CSV file holds/);
  });

  it('reports a row that moves a unit to another parent, writes the other rows, and guards the write', async () => {
    const csv = (text: string) => ({ content: Buffer.from(text), format: 'csv' as const });
    const header = 'code,name,kind,parent_code,valid_from\n';
    await imports.import(
      csv(
        header +
          `${PROVINCE},Tỉnh,province,,2020-01-01\n` +
          `000.00.11.H12,Sở Tư pháp,department,${PROVINCE},2020-01-01\n` +
          `000.00.31.H12,Huyện A,district,${PROVINCE},2020-01-01\n`,
      ),
      { kind: 'agencies' },
    );
    const report = await imports.import(
      csv(
        header +
          `000.00.11.H12,Sở Tư pháp,department,000.00.31.H12,2020-01-01\n` +
          `000.00.31.H12,Huyện A (mới),district,${PROVINCE},2020-01-01\n`,
      ),
      { kind: 'agencies' },
    );
    expect(report).toMatchObject({
      ok: false,
      failure: null,
      rows: 2,
      valid: 1,
      written: { ...NOTHING, agencies: 1 },
      errors: [
        {
          sheet: 'agencies',
          row: 2,
          column: 'parent_code',
          value: '000.00.31.H12',
          reason: expect.stringMatching(
            /^the parent of agency 000\.00\.11\.H12 cannot change \(from 000\.00\.00\.H12 to 000\.00\.31\.H12\).*End this unit \(validTo\) and create a new one under 000\.00\.31\.H12 with a lineage link/,
          ),
        },
      ],
    });
    expect(
      await dataSource.query('SELECT code, name, parent_code FROM catalogue.agencies ORDER BY code'),
    ).toEqual([
      { code: PROVINCE, name: 'Tỉnh', parent_code: null },
      { code: '000.00.11.H12', name: 'Sở Tư pháp', parent_code: PROVINCE },
      { code: '000.00.31.H12', name: 'Huyện A (mới)', parent_code: PROVINCE },
    ]);

    // A unit moved between the check and the write (or a caller skipping the check) is refused by the write.
    const agencies = moduleRef.get(AgenciesService);
    const moved = {
      code: '000.00.11.H12',
      name: 'Sở',
      kind: 'department' as const,
      parentCode: '000.00.31.H12',
      validFrom: '2020-01-01',
    };
    await expect(store.write((manager) => agencies.upsertMany(manager, [moved]))).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/^the parent of agency 000\.00\.11\.H12 cannot change/),
    });
    expect(
      (await dataSource.query(`SELECT parent_code FROM catalogue.agencies WHERE code = '000.00.11.H12'`))[0],
    ).toEqual({
      parent_code: PROVINCE,
    });
  });

  it('reads the shipped samples: the four CSV files and the Vietnamese workbook hold the same catalogue', async () => {
    const samples = join(__dirname, '..', '..', '..', '..', 'samples', 'catalogue');
    const sample = (name: string) => readFileSync(join(samples, name));
    for (const kind of ['agencies', 'lineage', 'procedures', 'targets'] as const) {
      const report = await imports.import({ content: sample(`${kind}.csv`), format: 'csv' }, { kind });
      expect(report).toMatchObject({ ok: true, errors: [], warnings: [] });
    }
    const workbook = await imports.import({ content: sample('catalogue.xlsx'), format: 'xlsx' });
    expect(workbook).toMatchObject({ ok: true, rows: 59, valid: 59, changes: NOTHING, warnings: [] });
    expect(await countRows()).toEqual({
      agencies: 13,
      lineage: 6,
      procedures: 8,
      offerings: 29,
      levels: 36,
      targets: 4,
    });
  });

  it('writes nothing at all when the transaction fails, and says so', async () => {
    await dataSource.query(`
      CREATE FUNCTION catalogue.refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.legal_basis = 'boom' THEN RAISE EXCEPTION 'target refused by a trigger'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_boom BEFORE INSERT ON catalogue.targets
        FOR EACH ROW EXECUTE FUNCTION catalogue.refuse_boom();
    `);
    const content = await aWorkbook({
      agencies: { headers: AGENCY_HEADERS, rows: agencyRows() },
      targets: { headers: TARGET_HEADERS, rows: [[...targetRows()[0].slice(0, 7), 'boom', '2026-01-01']] },
    });
    const revision = await store.revision();
    const report = await imports.import({ content, format: 'xlsx' });
    expect(report).toMatchObject({
      ok: false,
      failure: expect.stringMatching(/^nothing was written: .*target refused by a trigger/),
      errors: [],
      changes: { ...NOTHING, agencies: 71, targets: 1 },
      written: NOTHING,
    });
    expect(await countRows()).toEqual(NOTHING);
    expect(await store.revision()).toBe(revision);
  });
});
