import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Workbook } from 'exceljs';

/**
 * Writes samples/catalogue/: the catalogue of a fictional province, Hòa An (H99), as four CSV files with the
 * canonical English headers and as one workbook with Vietnamese sheet names, Vietnamese headers and real date
 * cells, the way an official would keep it. Both describe the same catalogue.
 *
 *   npm run build:dev-tools && node dist-dev/tools/catalogue-samples/src/main.js [out-dir]
 *
 * The tree has three levels: the province; its departments, its service centre and (until the district level
 * ended on 30 June 2025) two districts; and their communes. On 1 July 2025 the four communes merged into two new
 * ones directly under the province; lineage links the old units to the new.
 */

type Row = (string | number | null)[];

interface SampleSheet {
  csvName: string;
  sheetName: string;
  headers: string[];
  vietnameseHeaders: string[];
  /** Columns holding dates (written as date cells in the workbook). */
  dateColumns: number[];
  rows: Row[];
}

const P = '000.00.00.H99';
const CENTRE = '000.00.01.H99';
const TU_PHAP = '000.00.12.H99';
const XAY_DUNG = '000.00.13.H99';
const NN_MT = '000.00.14.H99';
const DONG_SON = '000.00.31.H99';
const TAY_SON = '000.00.32.H99';
const AN_PHU = '000.01.31.H99';
const BINH_MINH = '000.02.31.H99';
const CAT_TIEN = '000.01.32.H99';
const DA_LAN = '000.02.32.H99';
const AN_BINH = '000.41.00.H99';
const CAT_LAN = '000.42.00.H99';
const DISTRICT_END = '2025-06-30';
const REFORM = '2025-07-01';

const agencies: SampleSheet = {
  csvName: 'agencies.csv',
  sheetName: 'Cơ quan',
  headers: ['code', 'name', 'kind', 'parent_code', 'valid_from', 'valid_to'],
  vietnameseHeaders: [
    'Mã cơ quan',
    'Tên cơ quan',
    'Loại',
    'Mã cơ quan cấp trên',
    'Hiệu lực từ',
    'Hiệu lực đến',
  ],
  dateColumns: [4, 5],
  rows: [
    [P, 'UBND tỉnh Hòa An', 'province', null, '2020-01-01', null],
    [CENTRE, 'Trung tâm Phục vụ hành chính công tỉnh Hòa An', 'centre', P, '2020-01-01', null],
    [TU_PHAP, 'Sở Tư pháp', 'department', P, '2020-01-01', null],
    [XAY_DUNG, 'Sở Xây dựng', 'department', P, '2020-01-01', null],
    [NN_MT, 'Sở Nông nghiệp và Môi trường', 'department', P, '2020-01-01', null],
    [DONG_SON, 'UBND huyện Đông Sơn', 'district', P, '2020-01-01', DISTRICT_END],
    [TAY_SON, 'UBND huyện Tây Sơn', 'district', P, '2020-01-01', DISTRICT_END],
    [AN_PHU, 'UBND xã An Phú', 'commune', DONG_SON, '2020-01-01', DISTRICT_END],
    [BINH_MINH, 'UBND xã Bình Minh', 'commune', DONG_SON, '2020-01-01', DISTRICT_END],
    [CAT_TIEN, 'UBND xã Cát Tiên', 'commune', TAY_SON, '2020-01-01', DISTRICT_END],
    [DA_LAN, 'UBND xã Dạ Lan', 'commune', TAY_SON, '2020-01-01', DISTRICT_END],
    [AN_BINH, 'UBND xã An Bình', 'commune', P, REFORM, null],
    [CAT_LAN, 'UBND xã Cát Lan', 'commune', P, REFORM, null],
  ],
};

const lineage: SampleSheet = {
  csvName: 'lineage.csv',
  sheetName: 'Kế thừa',
  headers: ['from_code', 'to_code', 'effective_date'],
  vietnameseHeaders: ['Mã cơ quan cũ', 'Mã cơ quan mới', 'Ngày hiệu lực'],
  dateColumns: [2],
  rows: [
    [AN_PHU, AN_BINH, REFORM],
    [BINH_MINH, AN_BINH, REFORM],
    [CAT_TIEN, CAT_LAN, REFORM],
    [DA_LAN, CAT_LAN, REFORM],
    [DONG_SON, P, REFORM],
    [TAY_SON, P, REFORM],
  ],
};

type Procedure = { code: string; name: string; field: string };
const KHAI_SINH = { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch' };
const KET_HON = { code: '1.000894', name: 'Đăng ký kết hôn', field: 'Hộ tịch' };
const TRICH_LUC = { code: '2.000635', name: 'Cấp bản sao trích lục hộ tịch', field: 'Hộ tịch' };
const CHUNG_THUC = { code: '2.000815', name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực' };
const LY_LICH = {
  code: '2.001417',
  name: 'Cấp phiếu lý lịch tư pháp cho công dân',
  field: 'Lý lịch tư pháp',
};
const LUAT_SU = { code: '1.008725', name: 'Cấp chứng chỉ hành nghề luật sư', field: 'Luật sư' };
const XAY_NHA = {
  code: '1.009994',
  name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
  field: 'Hoạt động xây dựng',
};
const DAT_DAI = {
  code: '1.004227',
  name: 'Đăng ký đất đai, tài sản gắn liền với đất lần đầu',
  field: 'Đất đai',
};

/** One row per level change: level 1-4, mode none/partial/full, portal and fee as yes/no. */
const level = (
  procedure: Procedure,
  agency: string,
  from: string,
  levelNumber: number,
  portal: boolean,
  fee: boolean,
  offeredUntil: string | null = null,
): Row => [
  procedure.code,
  procedure.name,
  procedure.field,
  agency,
  from,
  levelNumber,
  levelNumber === 4 ? 'full' : levelNumber === 3 ? 'partial' : 'none',
  portal ? 'yes' : 'no',
  fee ? 'yes' : 'no',
  offeredUntil,
];

const oldCommunes = [AN_PHU, BINH_MINH, CAT_TIEN, DA_LAN];
const newCommunes = [AN_BINH, CAT_LAN];

const procedures: SampleSheet = {
  csvName: 'procedures.csv',
  sheetName: 'Thủ tục',
  headers: [
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
  ],
  vietnameseHeaders: [
    'Mã thủ tục',
    'Tên thủ tục',
    'Lĩnh vực',
    'Mã cơ quan',
    'Áp dụng từ',
    'Mức độ',
    'Hình thức',
    'Tích hợp cổng DVCQG',
    'Thu phí',
    'Cơ quan thực hiện đến',
  ],
  dateColumns: [4, 9],
  rows: [
    // Communes before the reform: birth registration online at level 3, An Phú upgraded to 4 mid-2024.
    ...oldCommunes.map((commune) => level(KHAI_SINH, commune, '2023-01-01', 3, true, false, DISTRICT_END)),
    level(KHAI_SINH, AN_PHU, '2024-07-01', 4, true, false, DISTRICT_END),
    ...newCommunes.map((commune) => level(KHAI_SINH, commune, REFORM, 4, true, false)),
    ...oldCommunes.map((commune) => level(KET_HON, commune, '2023-01-01', 3, true, false, DISTRICT_END)),
    ...newCommunes.map((commune) => level(KET_HON, commune, REFORM, 3, true, false)),
    level(KET_HON, AN_BINH, '2026-01-01', 4, true, false),
    ...oldCommunes.map((commune) => level(CHUNG_THUC, commune, '2023-01-01', 2, false, true, DISTRICT_END)),
    ...newCommunes.map((commune) => level(CHUNG_THUC, commune, REFORM, 3, false, true)),
    // Districts issued civil-status extracts until they ended; the new communes took it over.
    ...[DONG_SON, TAY_SON].flatMap((district) => [
      level(TRICH_LUC, district, '2023-01-01', 3, true, true, DISTRICT_END),
      level(TRICH_LUC, district, '2025-01-01', 4, true, true, DISTRICT_END),
    ]),
    ...newCommunes.map((commune) => level(TRICH_LUC, commune, REFORM, 4, true, true)),
    level(LY_LICH, TU_PHAP, '2023-01-01', 3, true, true),
    level(LY_LICH, TU_PHAP, REFORM, 4, true, true),
    level(LY_LICH, CENTRE, '2024-01-01', 3, true, true),
    level(LUAT_SU, TU_PHAP, '2023-01-01', 2, false, true),
    level(LUAT_SU, TU_PHAP, '2025-03-01', 3, true, true),
    level(XAY_NHA, XAY_DUNG, '2023-01-01', 3, true, true),
    ...[DONG_SON, TAY_SON].map((district) =>
      level(XAY_NHA, district, '2023-01-01', 2, false, true, DISTRICT_END),
    ),
    level(DAT_DAI, NN_MT, '2023-01-01', 2, false, true),
    level(DAT_DAI, NN_MT, REFORM, 3, true, true),
  ],
};

const targets: SampleSheet = {
  csvName: 'targets.csv',
  sheetName: 'Chỉ tiêu',
  headers: [
    'key',
    'indicator_id',
    'options',
    'agency_code',
    'subtree',
    'period',
    'comparator',
    'threshold',
    'legal_basis',
    'active_from',
    'active_to',
  ],
  vietnameseHeaders: [
    'Mã chỉ tiêu',
    'Chỉ số',
    'Tùy chọn',
    'Mã cơ quan',
    'Gồm đơn vị trực thuộc',
    'Kỳ',
    'So sánh',
    'Ngưỡng',
    'Căn cứ',
    'Áp dụng từ',
    'Áp dụng đến',
  ],
  dateColumns: [9, 10],
  rows: [
    [
      'hoa-an.dossiers-online-2026',
      'dossiers.online',
      null,
      null,
      'yes',
      'year',
      '>=',
      '50%',
      'Quyết định 766/QĐ-TTg',
      '2026-01-01',
      '2026-12-31',
    ],
    [
      'hoa-an.level4-growth',
      'procedures.level_growth',
      'level=4',
      null,
      'yes',
      'year',
      '>=',
      8,
      'Kế hoạch chuyển đổi số tỉnh Hòa An: mỗi năm tăng 8 điểm % TTHC mức độ 4',
      '2026-01-01',
      null,
    ],
    [
      'hoa-an.tu-phap-level4',
      'procedures.level4',
      null,
      TU_PHAP,
      'yes',
      'year',
      '>=',
      '80%',
      'Kế hoạch chuyển đổi số tỉnh Hòa An 2026',
      '2026-01-01',
      '2026-12-31',
    ],
    [
      'hoa-an.centre-on-time-30d',
      'dossiers.on_time',
      null,
      CENTRE,
      'no',
      'rolling-30d',
      '>=',
      '98%',
      'Kế hoạch chuyển đổi số tỉnh Hòa An 2026',
      '2026-01-01',
      null,
    ],
  ],
};

const SHEETS = [agencies, lineage, procedures, targets];

/** Excel and officials' tools want the quotes only where needed; a BOM makes Excel read the file as UTF-8. */
function toCsv(sheet: SampleSheet): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${[sheet.headers, ...sheet.rows].map((row) => row.map(cell).join(',')).join('\n')}\n`;
}

/** The Vietnamese rendering: what an official's own workbook would look like. */
const VIETNAMESE: Record<string, string> = {
  province: 'tỉnh',
  department: 'sở',
  district: 'huyện',
  commune: 'xã',
  centre: 'trung tâm',
  none: 'không',
  partial: 'một phần',
  full: 'toàn trình',
  yes: 'có',
  no: 'không',
  year: 'năm',
};

async function toWorkbook(): Promise<Buffer> {
  const workbook = new Workbook();
  for (const sheet of SHEETS) {
    const worksheet = workbook.addWorksheet(sheet.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow(sheet.vietnameseHeaders).font = { bold: true };
    for (const row of sheet.rows) {
      worksheet.addRow(
        row.map((value, column) => {
          if (value === null) return null;
          if (sheet.dateColumns.includes(column)) return new Date(`${value}T00:00:00Z`);
          return typeof value === 'string' ? (VIETNAMESE[value] ?? value) : value;
        }),
      );
    }
    sheet.dateColumns.forEach((column) => (worksheet.getColumn(column + 1).numFmt = 'dd/mm/yyyy'));
    worksheet.columns.forEach((column, index) => {
      const longest = Math.max(
        ...[sheet.vietnameseHeaders[index], ...sheet.rows.map((row) => String(row[index] ?? ''))].map(
          (text) => text.length,
        ),
      );
      column.width = Math.min(60, Math.max(12, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? join('samples', 'catalogue'));
  mkdirSync(outDir, { recursive: true });
  for (const sheet of SHEETS) writeFileSync(join(outDir, sheet.csvName), toCsv(sheet));
  writeFileSync(join(outDir, 'catalogue.xlsx'), await toWorkbook());
  console.log(`wrote ${SHEETS.map((sheet) => sheet.csvName).join(', ')} and catalogue.xlsx to ${outDir}`);
}

void main();
