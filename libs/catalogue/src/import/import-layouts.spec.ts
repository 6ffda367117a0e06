import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headerKey } from './import-cells';
import { IMPORT_LAYOUTS, kindOfSheetName, mapRow, resolveHeaders } from './import-layouts';

const anAgencyRow = (cells: Record<string, string> = {}) => ({
  code: '000.00.12.H99',
  name: 'Sở Tư pháp',
  kind: 'department',
  parent_code: '000.00.00.H99',
  valid_from: '2020-01-01',
  valid_to: '',
  ...cells,
});

const aProcedureRow = (cells: Record<string, string> = {}) => ({
  procedure_code: '1.004227',
  procedure_name: 'Cấp phiếu lý lịch tư pháp',
  field: 'Tư pháp',
  agency_code: '000.00.12.H99',
  effective_from: '01/07/2025',
  level: 'mức 4',
  mode: 'toàn trình',
  portal: 'x',
  fee: '',
  ...cells,
});

const aTargetRow = (cells: Record<string, string> = {}) => ({
  indicator_id: 'dossiers.online',
  period: 'year',
  comparator: '>=',
  threshold: '50%',
  legal_basis: 'Quyết định 766/QĐ-TTg',
  active_from: '2026-01-01',
  ...cells,
});

describe('import layouts', () => {
  it('reads an agency row into the catalogue input, codes normalised and dates as YYYY-MM-DD', () => {
    expect(
      mapRow(
        IMPORT_LAYOUTS.agencies,
        anAgencyRow({ code: ' 000.00.12.h99 ', kind: 'Sở', valid_from: '1/1/2020' }),
      ),
    ).toEqual({
      ok: true,
      input: {
        code: '000.00.12.H99',
        name: 'Sở Tư pháp',
        kind: 'department',
        parentCode: '000.00.00.H99',
        validFrom: '2020-01-01',
        validTo: null,
      },
    });
  });

  it('names every bad column of a row, each with its reason', () => {
    const mapped = mapRow(
      IMPORT_LAYOUTS.agencies,
      anAgencyRow({ code: 'bad/code!', name: '', kind: 'ministry', valid_from: '31/02/2024' }),
    );
    expect(mapped).toEqual({
      ok: false,
      problems: [
        { column: 'code', reason: expect.stringMatching(/^expected an agency code like 000.00.12.H12/) },
        { column: 'name', reason: 'empty: this column needs a value' },
        { column: 'kind', reason: expect.stringMatching(/^expected province, department/) },
        { column: 'valid_from', reason: 'not a calendar date' },
      ],
    });
  });

  it('puts problems found across fields on the column to fix', () => {
    expect(mapRow(IMPORT_LAYOUTS.agencies, anAgencyRow({ valid_to: '31/12/2019' }))).toEqual({
      ok: false,
      problems: [{ column: 'valid_to', reason: 'valid_to 2019-12-31 is before valid_from 2020-01-01' }],
    });
    expect(mapRow(IMPORT_LAYOUTS.agencies, anAgencyRow({ parent_code: '000.00.12.H99' }))).toEqual({
      ok: false,
      problems: [{ column: 'parent_code', reason: 'an agency cannot be its own parent' }],
    });
  });

  it('reads a procedures row into the procedure, the offering and the level change', () => {
    expect(mapRow(IMPORT_LAYOUTS.procedures, aProcedureRow())).toEqual({
      ok: true,
      input: {
        procedure: { code: '1.004227', name: 'Cấp phiếu lý lịch tư pháp', field: 'Tư pháp', validTo: null },
        offering: { procedureCode: '1.004227', agencyCode: '000.00.12.H99', validTo: null },
        level: {
          procedureCode: '1.004227',
          agencyCode: '000.00.12.H99',
          effectiveFrom: '2025-07-01',
          level: 4,
          mode: 'full',
          portal: true,
          fee: false,
        },
      },
    });
  });

  it('explains a procedure code Excel turned into a number', () => {
    const mapped = mapRow(
      IMPORT_LAYOUTS.procedures,
      aProcedureRow({ procedure_code: '1.00422', level: '5' }),
    );
    expect(mapped).toEqual({
      ok: false,
      problems: [
        { column: 'procedure_code', reason: expect.stringMatching(/format the column as Text/) },
        { column: 'level', reason: 'expected a level from 1 to 4 (3 or "mức 3")' },
      ],
    });
  });

  it('reads a target row: a percentage becomes a share, an empty subtree means yes, the key is derived', () => {
    expect(mapRow(IMPORT_LAYOUTS.targets, aTargetRow({ options: 'variant=online_only' }))).toEqual({
      ok: true,
      input: {
        key: 'dossiers.online:variant-online-only:province:year:2026-01-01:ge:quyet-dinh-766-qd-ttg',
        indicatorId: 'dossiers.online',
        options: { variant: 'online_only' },
        agencyCode: null,
        subtree: true,
        period: { kind: 'year' },
        comparator: '>=',
        threshold: 0.5,
        legalBasis: 'Quyết định 766/QĐ-TTg',
        activeFrom: '2026-01-01',
        activeTo: null,
      },
    });
  });

  it('reads thresholds in the unit of their indicator', () => {
    const thresholdOf = (cells: Record<string, string>) => {
      const mapped = mapRow(IMPORT_LAYOUTS.targets, aTargetRow(cells));
      return mapped.ok ? mapped.input.threshold : mapped.problems;
    };
    expect(thresholdOf({ threshold: '0,3' })).toBe(0.3);
    expect(thresholdOf({ indicator_id: 'procedures.level_growth', threshold: '7%' })).toBe(7);
    expect(thresholdOf({ indicator_id: 'dossiers.overdue', comparator: '<=', threshold: '20' })).toBe(20);
    expect(thresholdOf({ threshold: '30' })).toEqual([
      { column: 'threshold', reason: expect.stringMatching(/is a share: write it between 0 and 1/) },
    ]);
    expect(thresholdOf({ indicator_id: 'dossiers.overdue', threshold: '5%' })).toEqual([
      { column: 'threshold', reason: 'dossiers.overdue counts dossiers: write a number, not a %' },
    ]);
  });

  it('refuses an unknown indicator and a target whose end is before its start', () => {
    expect(
      mapRow(IMPORT_LAYOUTS.targets, aTargetRow({ indicator_id: 'dossiers.fast', active_to: '2025-12-31' })),
    ).toEqual({
      ok: false,
      problems: [
        { column: 'indicator_id', reason: expect.stringMatching(/^unknown indicator; expected one of/) },
      ],
    });
    expect(mapRow(IMPORT_LAYOUTS.targets, aTargetRow({ active_to: '2025-12-31' }))).toEqual({
      ok: false,
      problems: [{ column: 'active_to', reason: 'active_to 2025-12-31 is before active_from 2026-01-01' }],
    });
  });

  it('matches Vietnamese headers and reports missing, doubled and unknown columns', () => {
    expect(
      resolveHeaders(IMPORT_LAYOUTS.agencies, [
        'Mã cơ quan',
        'Tên cơ quan',
        'Loại',
        'Mã cơ quan cấp trên',
        'Hiệu lực từ',
        'Ghi chú',
      ]),
    ).toEqual({
      columns: new Map([
        ['code', 'Mã cơ quan'],
        ['name', 'Tên cơ quan'],
        ['kind', 'Loại'],
        ['parent_code', 'Mã cơ quan cấp trên'],
        ['valid_from', 'Hiệu lực từ'],
      ]),
      errors: [],
      warnings: [{ column: 'Ghi chú', reason: 'column ignored: not part of the agencies layout' }],
    });
    const broken = resolveHeaders(IMPORT_LAYOUTS.agencies, ['code', 'Mã cơ quan', 'name', 'kind']);
    expect(broken.errors).toEqual([
      { column: 'Mã cơ quan', reason: '"code" and "Mã cơ quan" both mean code: keep one' },
      {
        column: 'valid_from',
        reason: 'missing column: add a column headed "valid_from" or "hiệu lực từ" or "từ ngày"',
      },
    ]);
  });

  it('recognises sheets by their English or Vietnamese names', () => {
    expect(kindOfSheetName('agencies')).toBe('agencies');
    expect(kindOfSheetName('Cơ quan')).toBe('agencies');
    expect(kindOfSheetName('THỦ TỤC')).toBe('procedures');
    expect(kindOfSheetName('Chỉ tiêu')).toBe('targets');
    expect(kindOfSheetName('Kế thừa')).toBe('lineage');
    expect(kindOfSheetName('Sheet1')).toBeNull();
  });

  it.each(Object.values(IMPORT_LAYOUTS))('gives every header of the $kind layout one meaning', (layout) => {
    const keys = layout.columns.flatMap((column) => [column.name, ...column.aliases].map(headerKey));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(Object.values(IMPORT_LAYOUTS))(
    'documents every column, alias and sheet name of $kind',
    (layout) => {
      const docs = readFileSync(
        join(__dirname, '..', '..', '..', '..', 'docs', 'catalogue-import.md'),
        'utf8',
      );
      const section = docs.slice(docs.indexOf(`### ${layout.kind}`));
      for (const column of layout.columns) {
        const line = section.split('\n').find((text) => text.startsWith(`| \`${column.name}\``));
        expect(line).toBeDefined();
        for (const alias of column.aliases) expect(line).toContain(alias);
      }
      const sheets = docs.split('\n').find((text) => text.startsWith(`| \`${layout.kind}\``));
      for (const name of layout.sheetNames) expect(sheets).toContain(`\`${name}\``);
    },
  );
});
