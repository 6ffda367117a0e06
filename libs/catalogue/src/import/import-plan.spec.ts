import { Agency } from '../agencies/agency.schema';
import { catalogueState, chooseSheets, planImport, readRows } from './import-plan';
import { ImportProblems } from './import-report';
import { Sheet } from './sheet-reader';

/** A sheet as the reader yields it: headers on row 1, then one record per given row from row 2. */
const aSheet = (name: string, headers: string[], rows: string[][]): Sheet => ({
  name,
  headerRow: 1,
  headers,
  records: rows.map((cells, index) => ({
    row: index + 2,
    values: Object.fromEntries(headers.map((header, column) => [header, cells[column] ?? ''])),
  })),
});

const AGENCY_HEADERS = ['code', 'name', 'kind', 'parent_code', 'valid_from'];
const agencyRow = (code: string, parent = '', name = `Đơn vị ${code}`) => [
  code,
  name,
  parent ? 'department' : 'province',
  parent,
  '2020-01-01',
];
const PROCEDURE_HEADERS = [
  'procedure_code',
  'procedure_name',
  'field',
  'agency_code',
  'effective_from',
  'level',
  'mode',
  'portal',
  'fee',
  'offering_valid_to',
];
const procedureRow = (code: string, agency: string, from: string, level = '3', name = `Thủ tục ${code}`) => [
  code,
  name,
  'Tư pháp',
  agency,
  from,
  level,
  level === '4' ? 'full' : 'partial',
  'yes',
  'no',
  '',
];

const province: Agency = {
  code: '000.00.00.H99',
  name: 'Tỉnh Hòa An',
  kind: 'province',
  parentCode: null,
  validFrom: '2020-01-01',
  validTo: null,
};

function plan(sheets: Sheet[], catalogue = catalogueState({ agencies: [province] })) {
  const problems = new ImportProblems();
  const chosen = chooseSheets(sheets, undefined, problems);
  const result = planImport(readRows(chosen, problems), catalogue, problems);
  return { plan: result, ...problems.sorted(sheets.map((sheet) => sheet.name)), bad: problems.badRowCount };
}

describe('planning an import', () => {
  it('accepts parents from the file (in any order) or the catalogue, and names a parent found in neither', () => {
    const { plan: result, errors } = plan([
      aSheet('agencies', AGENCY_HEADERS, [
        agencyRow('000.01.12.H99', '000.00.12.H99'),
        agencyRow('000.00.12.H99', '000.00.00.H99'),
        agencyRow('000.00.13.H99', '000.00.99.H12'),
      ]),
    ]);
    expect(errors).toEqual([
      {
        sheet: 'agencies',
        row: 4,
        column: 'parent_code',
        value: '000.00.99.H12',
        reason: 'parent_code 000.00.99.H12 is neither in this file nor in the catalogue',
      },
    ]);
    expect(result.agencies.map((agency) => agency.code)).toEqual(['000.01.12.H99', '000.00.12.H99']);
  });

  it('reports every bad cell of a row: a bad kind, a bad date and an unknown parent together', () => {
    const row = agencyRow('000.00.13.H99', '000.00.99.H12');
    const { errors } = plan([
      aSheet('agencies', AGENCY_HEADERS, [[row[0], row[1], 'ministry', row[3], '31/02/2020']]),
    ]);
    expect(errors.map(({ column, reason }) => [column, reason])).toEqual([
      ['kind', expect.stringMatching(/^expected province, department/)],
      ['valid_from', 'not a calendar date'],
      ['parent_code', 'parent_code 000.00.99.H12 is neither in this file nor in the catalogue'],
    ]);
  });

  it('rejects the rows that lean on a bad row, across sheets, and says which row to fix', () => {
    const {
      plan: result,
      errors,
      bad,
    } = plan([
      aSheet('Thủ tục', PROCEDURE_HEADERS, [
        procedureRow('1.004227', '000.00.12.H99', '2024-01-01'),
        procedureRow('1.004228', '000.00.00.H99', '2024-01-01'),
      ]),
      aSheet('Cơ quan', AGENCY_HEADERS, [
        agencyRow('000.00.12.H99', '000.00.13.H99'),
        [...agencyRow('000.00.13.H99', '000.00.00.H99').slice(0, 4), '31/02/2020'],
      ]),
    ]);
    expect(errors.map(({ sheet, row, column, reason }) => ({ sheet, row, column, reason }))).toEqual([
      {
        sheet: 'Thủ tục',
        row: 2,
        column: 'agency_code',
        reason: 'agency_code 000.00.12.H99 is on row 2 of sheet "Cơ quan", which has errors',
      },
      {
        sheet: 'Cơ quan',
        row: 2,
        column: 'parent_code',
        reason: 'parent_code 000.00.13.H99 is on row 3, which has errors',
      },
      { sheet: 'Cơ quan', row: 3, column: 'valid_from', reason: 'not a calendar date' },
    ]);
    expect(bad).toBe(3);
    expect(result.levels.map((level) => level.procedureCode)).toEqual(['1.004228']);
  });

  it('reports a key repeated with other values, and imports an identical repeat once with a warning', () => {
    const {
      plan: result,
      errors,
      warnings,
    } = plan([
      aSheet('procedures', PROCEDURE_HEADERS, [
        procedureRow('1.004227', '000.00.00.H99', '2024-01-01', '3'),
        procedureRow('1.004227', '000.00.00.H99', '2024-01-01', '4'),
        procedureRow('1.004227', '000.00.00.H99', '2024-01-01', '3'),
        procedureRow('1.004227', '000.00.00.H99', '2024-07-01', '4'),
      ]),
    ]);
    expect(errors).toEqual([
      {
        sheet: 'procedures',
        row: 3,
        column: 'procedure_code',
        value: '1.004227',
        reason:
          'procedure 1.004227 at 000.00.00.H99 from 2024-01-01 is already on row 2 with different values: ' +
          'keep one of the two rows',
      },
    ]);
    expect(warnings).toEqual([
      {
        sheet: 'procedures',
        row: 4,
        column: 'procedure_code',
        reason: 'repeats row 2 (procedure 1.004227 at 000.00.00.H99 from 2024-01-01); imported once',
      },
    ]);
    expect(result.procedures).toHaveLength(1);
    expect(result.offerings).toHaveLength(1);
    expect(result.levels.map((level) => [level.effectiveFrom, level.level])).toEqual([
      ['2024-01-01', 3],
      ['2024-07-01', 4],
    ]);
  });

  it('holds a procedure to one name; an end date may sit on any one of its rows', () => {
    const ended = procedureRow('1.004227', '000.00.00.H99', '2024-07-01');
    ended[9] = '2025-06-30';
    const { plan: result, errors } = plan([
      aSheet('procedures', PROCEDURE_HEADERS, [
        procedureRow('1.004227', '000.00.00.H99', '2024-01-01'),
        ended,
        procedureRow('1.004227', '000.00.00.H99', '2025-01-01', '4', 'Cấp phiếu LLTP'),
      ]),
    ]);
    expect(errors).toEqual([
      {
        sheet: 'procedures',
        row: 4,
        column: 'procedure_name',
        value: 'Cấp phiếu LLTP',
        reason: 'procedure 1.004227 is named "Thủ tục 1.004227" on row 2: a procedure has one name',
      },
    ]);
    expect(result.offerings).toEqual([
      { procedureCode: '1.004227', agencyCode: '000.00.00.H99', validTo: '2025-06-30' },
    ]);
  });

  it('refuses parents that would form a loop', () => {
    const { plan: result, errors } = plan([
      aSheet('agencies', AGENCY_HEADERS, [
        agencyRow('000.00.12.H99', '000.00.13.H99'),
        agencyRow('000.00.13.H99', '000.00.12.H99'),
        agencyRow('000.00.14.H99', '000.00.00.H99'),
      ]),
    ]);
    expect(errors.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 2, column: 'parent_code' },
      { row: 3, column: 'parent_code' },
    ]);
    expect(errors[0].reason).toMatch(/^parents would form a loop: /);
    expect(result.agencies.map((agency) => agency.code)).toEqual(['000.00.14.H99']);
  });

  it('refuses a row that moves a unit to another parent, as a row error; its children still go in', () => {
    const district = {
      ...province,
      code: '000.00.31.H99',
      kind: 'district' as const,
      parentCode: province.code,
    };
    const {
      plan: result,
      errors,
      bad,
    } = plan(
      [
        aSheet('agencies', AGENCY_HEADERS, [
          agencyRow('000.00.32.H99', '000.00.00.H99'),
          agencyRow('000.00.31.H99', '000.00.32.H99', 'Huyện A (sáp nhập)'),
          agencyRow('000.01.31.H99', '000.00.31.H99'),
          // The same parent again is no change.
          agencyRow('000.00.00.H99', '', 'UBND tỉnh Hòa An'),
        ]),
      ],
      catalogueState({ agencies: [province, district] }),
    );
    expect(errors).toEqual([
      {
        sheet: 'agencies',
        row: 3,
        column: 'parent_code',
        value: '000.00.32.H99',
        reason:
          'the parent of agency 000.00.31.H99 cannot change (from 000.00.00.H99 to 000.00.32.H99): a unit keeps ' +
          'its parent for life, so what was reported under it stays there. End this unit (validTo) and create a ' +
          'new one under 000.00.32.H99 with a lineage link from 000.00.31.H99 instead',
      },
    ]);
    expect(bad).toBe(1);
    expect(result.agencies.map((agency) => agency.code)).toEqual([
      '000.00.32.H99',
      '000.01.31.H99',
      '000.00.00.H99',
    ]);
  });

  it('plans only what differs from the catalogue', () => {
    const department = {
      ...province,
      code: '000.00.12.H99',
      kind: 'department' as const,
      parentCode: province.code,
      name: 'Sở Tư pháp',
    };
    const { plan: result } = plan(
      [
        aSheet('agencies', AGENCY_HEADERS, [
          agencyRow('000.00.00.H99', '', 'Tỉnh Hòa An'),
          agencyRow('000.00.12.H99', '000.00.00.H99', 'Sở Tư pháp tỉnh Hòa An'),
        ]),
      ],
      catalogueState({ agencies: [province, department] }),
    );
    expect(result.agencies).toEqual([
      expect.objectContaining({ code: '000.00.12.H99', name: 'Sở Tư pháp tỉnh Hòa An' }),
    ]);
  });

  it('keeps targets that differ only in comparator or legal basis apart, and updates a corrected threshold', () => {
    const targetRow = (comparator: string, threshold: string, legalBasis: string) => [
      'dossiers.online',
      'year',
      comparator,
      threshold,
      legalBasis,
      '2026-01-01',
    ];
    const sheet = aSheet(
      'targets',
      ['indicator_id', 'period', 'comparator', 'threshold', 'legal_basis', 'active_from'],
      [
        targetRow('>=', '50%', 'Quyết định 766/QĐ-TTg'),
        targetRow('>', '50%', 'Quyết định 766/QĐ-TTg'),
        targetRow('>=', '60%', 'Kế hoạch 2026 của UBND tỉnh'),
      ],
    );
    const first = plan([sheet]);
    expect(first.errors).toEqual([]);
    expect(first.plan.targets.map((target) => target.key)).toEqual([
      'dossiers.online:default:province:year:2026-01-01:ge:quyet-dinh-766-qd-ttg',
      'dossiers.online:default:province:year:2026-01-01:gt:quyet-dinh-766-qd-ttg',
      'dossiers.online:default:province:year:2026-01-01:ge:ke-hoach-2026-cua-ubnd-tinh',
    ]);

    const stored = first.plan.targets.map((target, index) => ({
      ...target,
      id: `id-${index}`,
      key: target.key as string,
      activeTo: target.activeTo ?? null,
    }));
    const corrected = aSheet('targets', sheet.headers, [targetRow('>=', '55%', 'Quyết định 766/QĐ-TTg')]);
    const again = plan([corrected], catalogueState({ agencies: [province], targets: stored }));
    expect(again.plan.targets).toEqual([
      expect.objectContaining({ key: stored[0].key, threshold: 0.55, legalBasis: 'Quyết định 766/QĐ-TTg' }),
    ]);
  });

  it('warns about local agency codes and ignored sheets and columns', () => {
    const { warnings, errors } = plan([
      aSheet('agencies', [...AGENCY_HEADERS, 'ghi chú'], [agencyRow('H99-TTHCC', '000.00.00.H99')]),
      aSheet('Sheet2', ['a', 'b'], []),
    ]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      {
        sheet: 'agencies',
        row: 1,
        column: 'ghi chú',
        reason: 'column ignored: not part of the agencies layout',
      },
      {
        sheet: 'agencies',
        row: 2,
        column: 'code',
        reason: '"H99-TTHCC" is not a QCVN 102:2016 identifier (like 000.00.12.H12); kept as a local code',
      },
      {
        sheet: 'Sheet2',
        row: null,
        column: null,
        reason: 'sheet ignored: its name is not one of the kinds imported',
      },
    ]);
  });

  it('reports a missing column once, on the header row, and reads none of that sheet', () => {
    const { errors, bad } = plan([
      aSheet(
        'agencies',
        ['code', 'name', 'kind'],
        [
          ['000.00.12.H99', 'Sở', 'department'],
          ['000.00.13.H99', 'Sở', 'department'],
        ],
      ),
    ]);
    expect(errors).toEqual([
      {
        sheet: 'agencies',
        row: 1,
        column: 'valid_from',
        value: null,
        reason: 'missing column: add a column headed "valid_from" or "hiệu lực từ" or "từ ngày"',
      },
    ]);
    expect(bad).toBe(2);
  });

  it('refuses a workbook without a sheet it can name', () => {
    expect(() => plan([aSheet('Sheet1', AGENCY_HEADERS, [])])).toThrow(/^no sheet to import/);
  });
});
