import { z } from 'zod';
import { INDICATOR_IDS, IndicatorId } from '@dvc/indicators';
import { agencyCodeSchema } from '../agencies/agency-code';
import { AgencyInput, agencyInputSchema, LineageInput, lineageInputSchema } from '../agencies/agency.schema';
import { catalogueDateSchema } from '../catalogue-date';
import {
  LevelChangeInput,
  levelChangeInputSchema,
  OfferingInput,
  offeringInputSchema,
  procedureCodeSchema,
  ProcedureInput,
  procedureInputSchema,
} from '../procedures/procedure.schema';
import { TargetInput, targetInputSchema, targetKey } from '../targets/target.schema';
import {
  CellResult,
  headerKey,
  parseAgencyKind,
  parseComparator,
  parseDate,
  parseFlag,
  parseLevel,
  parseMode,
  parseOptions,
  parsePeriod,
  parseThreshold,
} from './import-cells';
import { ImportKind } from './import-report';

/** One column of a layout: its canonical header, the other headers officials use for it, and what it holds. */
export interface ImportColumn {
  name: string;
  aliases: readonly string[];
  /** The header must be present (cells may still be optional, see the description). */
  required: boolean;
  description: string;
  example: string;
}

/** One procedures row: it upserts the procedure, the agency's offering of it and one level change. */
export interface ProcedureRowInput {
  procedure: ProcedureInput & { validTo: string | null };
  offering: OfferingInput & { validTo: string | null };
  level: LevelChangeInput;
}

export interface ImportInputs {
  agencies: AgencyInput;
  lineage: LineageInput;
  procedures: ProcedureRowInput;
  targets: TargetInput & { key: string };
}

/** How a sheet of one kind is laid out and read into the catalogue's zod inputs. */
export interface ImportLayout<K extends ImportKind = ImportKind> {
  kind: K;
  /** Sheet names (besides the kind itself) that hold this kind in a workbook. */
  sheetNames: readonly string[];
  columns: readonly ImportColumn[];
  /** Canonical column name → cell text, to the domain input. */
  rowSchema: z.ZodType<ImportInputs[K], Record<string, string>>;
  /** Which column a domain field's problem belongs to (`parentCode` → `parent_code`). */
  fieldColumns: Readonly<Record<string, string>>;
  /** Two rows with the same key describe the same catalogue row. */
  keyOf(input: ImportInputs[K]): string;
  /** The key in words, for messages. */
  describeKey(input: ImportInputs[K]): string;
  /** Where a duplicate key is reported. */
  keyColumn: string;
}

const column = (
  name: string,
  required: boolean,
  aliases: readonly string[],
  description: string,
  example: string,
): ImportColumn => ({ name, required, aliases, description, example });

const EMPTY = 'empty: this column needs a value';

const fromCell = <T>(parse: (raw: string) => CellResult<T>) =>
  z.string().transform((raw, context) => {
    const result = parse(raw);
    if ('reason' in result) {
      context.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    }
    return result.value;
  });

const required = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z.string().trim().min(1, EMPTY).pipe(schema);

const optional = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .string()
    .trim()
    .transform((text) => text || null)
    .pipe(schema.nullable());

const text = (max: number) => z.string().trim().max(max, `longer than ${max} characters`);
const date = fromCell(parseDate).pipe(catalogueDateSchema);
/** yes/no where an empty cell means `blank`. */
const flag = (blank: boolean) =>
  z
    .string()
    .trim()
    .transform((raw) => raw || (blank ? 'yes' : 'no'))
    .pipe(fromCell(parseFlag));

const outOfOrder = (
  row: Record<string, unknown>,
  from: string,
  to: string,
  context: z.RefinementCtx,
): void => {
  const start = row[from] as string | null;
  const end = row[to] as string | null;
  if (start && end && end < start) {
    context.addIssue({ code: 'custom', message: `${to} ${end} is before ${from} ${start}`, path: [to] });
  }
};

const agencies: ImportLayout<'agencies'> = {
  kind: 'agencies',
  sheetNames: ['Cơ quan', 'Đơn vị', 'Danh mục cơ quan'],
  columns: [
    column(
      'code',
      true,
      ['mã cơ quan', 'mã định danh', 'mã đơn vị', 'agency_code'],
      'Agency identifier (QCVN 102:2016); a local code is accepted with a warning',
      '000.00.12.H99',
    ),
    column('name', true, ['tên cơ quan', 'tên đơn vị', 'tên'], 'Vietnamese name', 'Sở Tư pháp'),
    column(
      'kind',
      true,
      ['loại', 'loại cơ quan', 'cấp'],
      'province, department, district, commune, centre, other (or tỉnh, sở, huyện, xã, trung tâm, khác)',
      'department',
    ),
    column(
      'parent_code',
      false,
      ['mã cơ quan cấp trên', 'mã đơn vị cấp trên', 'cấp trên', 'mã cơ quan cha', 'parent'],
      'The unit above, in this file or already in the catalogue; empty for the top unit',
      '000.00.00.H99',
    ),
    column(
      'valid_from',
      true,
      ['hiệu lực từ', 'từ ngày', 'ngày hiệu lực', 'ngày bắt đầu'],
      'First day in force',
      '2020-01-01',
    ),
    column(
      'valid_to',
      false,
      ['hiệu lực đến', 'đến ngày', 'ngày hết hiệu lực', 'ngày kết thúc'],
      'Last day in force (inclusive); empty while in force',
      '2025-06-30',
    ),
  ],
  rowSchema: z
    .object({
      code: required(agencyCodeSchema),
      name: required(text(300)),
      kind: required(fromCell(parseAgencyKind)),
      parent_code: optional(agencyCodeSchema),
      valid_from: required(date),
      valid_to: optional(date),
    })
    .superRefine((row, context) => outOfOrder(row, 'valid_from', 'valid_to', context))
    .transform((row): z.input<typeof agencyInputSchema> => ({
      code: row.code,
      name: row.name,
      kind: row.kind,
      parentCode: row.parent_code,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    }))
    .pipe(agencyInputSchema),
  fieldColumns: {
    code: 'code',
    name: 'name',
    kind: 'kind',
    parentCode: 'parent_code',
    validFrom: 'valid_from',
    validTo: 'valid_to',
  },
  keyOf: (input) => input.code,
  describeKey: (input) => `code ${input.code}`,
  keyColumn: 'code',
};

const lineage: ImportLayout<'lineage'> = {
  kind: 'lineage',
  sheetNames: ['Kế thừa', 'Sáp nhập', 'Sắp xếp'],
  columns: [
    column(
      'from_code',
      true,
      ['mã cơ quan cũ', 'mã đơn vị cũ', 'từ mã', 'from'],
      'The old unit (in this file or the catalogue)',
      '000.01.31.H99',
    ),
    column(
      'to_code',
      true,
      ['mã cơ quan mới', 'mã đơn vị mới', 'sang mã', 'to'],
      'The unit that took over its work (in this file or the catalogue)',
      '000.41.00.H99',
    ),
    column(
      'effective_date',
      true,
      ['ngày hiệu lực', 'từ ngày', 'ngày sáp nhập'],
      'First day the new unit took over',
      '2025-07-01',
    ),
  ],
  rowSchema: z
    .object({
      from_code: required(agencyCodeSchema),
      to_code: required(agencyCodeSchema),
      effective_date: required(date),
    })
    .transform((row) => ({ fromCode: row.from_code, toCode: row.to_code, effectiveDate: row.effective_date }))
    .pipe(lineageInputSchema),
  fieldColumns: { fromCode: 'from_code', toCode: 'to_code', effectiveDate: 'effective_date' },
  keyOf: (input) => `${input.fromCode} → ${input.toCode}`,
  describeKey: (input) => `lineage ${input.fromCode} → ${input.toCode}`,
  keyColumn: 'from_code',
};

/** `1.00422` is what Excel leaves of `1.004220` typed into a number cell. */
const procedureCode = fromCell((raw) =>
  /^\d+\.\d{1,5}$/.test(raw.trim())
    ? {
        reason:
          'expected a procedure code like 1.004227; Excel may have read it as a number and dropped ' +
          'trailing zeros: format the column as Text',
      }
    : { value: raw },
).pipe(procedureCodeSchema);

const procedures: ImportLayout<'procedures'> = {
  kind: 'procedures',
  sheetNames: ['Thủ tục', 'Thủ tục hành chính', 'TTHC', 'Mức độ'],
  columns: [
    column(
      'procedure_code',
      true,
      ['mã thủ tục', 'mã TTHC', 'mã thủ tục hành chính'],
      'National code (1.004227), optionally with a local suffix; format the column as Text',
      '1.004227',
    ),
    column(
      'procedure_name',
      true,
      ['tên thủ tục', 'tên TTHC', 'tên thủ tục hành chính'],
      'Vietnamese name; the same on every row of the procedure',
      'Cấp phiếu lý lịch tư pháp',
    ),
    column('field', true, ['lĩnh vực'], 'Lĩnh vực; the same on every row of the procedure', 'Tư pháp'),
    column(
      'agency_code',
      true,
      ['mã cơ quan', 'mã cơ quan thực hiện', 'mã đơn vị'],
      'The agency offering it (in this file or the catalogue)',
      '000.00.12.H99',
    ),
    column(
      'effective_from',
      true,
      ['áp dụng từ', 'từ ngày', 'ngày áp dụng', 'hiệu lực từ'],
      'First day at this level; one row per level change',
      '2024-07-01',
    ),
    column('level', true, ['mức độ', 'mức', 'mức độ DVCTT'], 'Decree 43/2011 level: 1-4 or "mức 3"', '4'),
    column(
      'mode',
      true,
      ['hình thức', 'phương thức', 'toàn trình/một phần', 'loại DVCTT'],
      'Decree 42/2022: none, partial (một phần), full (toàn trình)',
      'toàn trình',
    ),
    column(
      'portal',
      true,
      ['tích hợp cổng DVCQG', 'cổng DVCQG', 'DVCQG', 'tích hợp'],
      'Integrated with the National Public Service Portal: yes/no, có/không, x/empty',
      'có',
    ),
    column('fee', true, ['thu phí', 'có phí', 'phí/lệ phí', 'lệ phí'], 'Charges a fee: yes/no', 'không'),
    column(
      'offering_valid_to',
      false,
      ['cơ quan thực hiện đến', 'ngừng thực hiện', 'thực hiện đến ngày'],
      'Last day this agency offers it; empty while offered (fill it on one row or on all rows of the offering)',
      '',
    ),
    column(
      'procedure_valid_to',
      false,
      ['thủ tục hết hiệu lực', 'hết hiệu lực', 'bãi bỏ sau ngày'],
      'Last day the procedure is in force; empty while in force (one row or all rows of the procedure)',
      '',
    ),
  ],
  rowSchema: z
    .object({
      procedure_code: required(procedureCode),
      procedure_name: required(text(1000)),
      field: required(text(200)),
      agency_code: required(agencyCodeSchema),
      effective_from: required(date),
      level: required(fromCell(parseLevel)),
      mode: required(fromCell(parseMode)),
      portal: flag(false),
      fee: flag(false),
      offering_valid_to: optional(date),
      procedure_valid_to: optional(date),
    })
    .transform((row) => ({
      procedure: {
        code: row.procedure_code,
        name: row.procedure_name,
        field: row.field,
        validTo: row.procedure_valid_to,
      },
      offering: {
        procedureCode: row.procedure_code,
        agencyCode: row.agency_code,
        validTo: row.offering_valid_to,
      },
      level: {
        procedureCode: row.procedure_code,
        agencyCode: row.agency_code,
        effectiveFrom: row.effective_from,
        level: row.level,
        mode: row.mode,
        portal: row.portal,
        fee: row.fee,
      },
    }))
    .pipe(
      z.object({
        procedure: procedureInputSchema.extend({ validTo: catalogueDateSchema.nullable() }),
        offering: offeringInputSchema.extend({ validTo: catalogueDateSchema.nullable() }),
        level: levelChangeInputSchema,
      }),
    ),
  fieldColumns: {
    'procedure.code': 'procedure_code',
    'procedure.name': 'procedure_name',
    'procedure.field': 'field',
    'procedure.validTo': 'procedure_valid_to',
    'offering.procedureCode': 'procedure_code',
    'offering.agencyCode': 'agency_code',
    'offering.validTo': 'offering_valid_to',
    'level.procedureCode': 'procedure_code',
    'level.agencyCode': 'agency_code',
    'level.effectiveFrom': 'effective_from',
    'level.level': 'level',
    'level.mode': 'mode',
    'level.portal': 'portal',
    'level.fee': 'fee',
  },
  keyOf: ({ level }) => `${level.procedureCode} | ${level.agencyCode} | ${level.effectiveFrom}`,
  describeKey: ({ level }) =>
    `procedure ${level.procedureCode} at ${level.agencyCode} from ${level.effectiveFrom}`,
  keyColumn: 'procedure_code',
};

/** A threshold's unit: a share in [0, 1], percentage points, or a count of dossiers. */
const THRESHOLD_UNITS: Partial<Record<IndicatorId, 'points' | 'count'>> = {
  'procedures.level_growth': 'points',
  'dossiers.open': 'count',
  'dossiers.overdue': 'count',
};

const threshold = (
  indicatorId: IndicatorId,
  { number, percent }: { number: number; percent: boolean },
): CellResult<number> => {
  const unit = THRESHOLD_UNITS[indicatorId] ?? 'share';
  if (unit === 'count' && percent)
    return { reason: `${indicatorId} counts dossiers: write a number, not a %` };
  // 30% → 0.3 without 0.30000000000000004.
  const value = unit === 'share' && percent ? Math.round(number * 1e6) / 1e8 : number;
  if (unit === 'share' && (value < 0 || value > 1)) {
    return { reason: `${indicatorId} is a share: write it between 0 and 1 (0.3) or as a percentage (30%)` };
  }
  return { value };
};

const targets: ImportLayout<'targets'> = {
  kind: 'targets',
  sheetNames: ['Chỉ tiêu', 'Mục tiêu'],
  columns: [
    column(
      'key',
      false,
      ['mã chỉ tiêu', 'khóa'],
      'Stable key: importing a row with the same key updates that target; empty: derived from the other columns but the threshold',
      'h99.online-2026',
    ),
    column(
      'indicator_id',
      true,
      ['chỉ số', 'mã chỉ số', 'indicator'],
      `Indicator id: ${INDICATOR_IDS.join(', ')}`,
      'dossiers.online',
    ),
    column(
      'options',
      false,
      ['tùy chọn', 'tham số'],
      'Indicator options: {"level": 4} or level=4; denominator=online_procedures; empty for none',
      'level=4',
    ),
    column(
      'agency_code',
      false,
      ['mã cơ quan', 'mã đơn vị', 'đơn vị'],
      'The agency held to it (in this file or the catalogue); empty: the whole province',
      '000.00.12.H99',
    ),
    column(
      'subtree',
      false,
      ['gồm đơn vị trực thuộc', 'cả đơn vị trực thuộc', 'trực thuộc'],
      'Whether the units under the agency count with it: yes/no; empty: yes',
      'yes',
    ),
    column(
      'period',
      true,
      ['kỳ', 'chu kỳ', 'kỳ đánh giá'],
      'year, quarter, month or rolling-Nd (năm, quý, tháng, N ngày)',
      'year',
    ),
    column('comparator', true, ['so sánh', 'phép so sánh'], '>=, >, <= or < (≥ and ≤ too)', '>='),
    column(
      'threshold',
      true,
      ['ngưỡng', 'giá trị', 'mức chỉ tiêu'],
      'A share as 0.5, 0,5 or 50%; percentage points for procedures.level_growth; a count for dossiers.open/overdue',
      '50%',
    ),
    column(
      'legal_basis',
      true,
      ['căn cứ', 'căn cứ pháp lý', 'văn bản'],
      'Where the target comes from',
      'Quyết định 766/QĐ-TTg',
    ),
    column(
      'active_from',
      true,
      ['áp dụng từ', 'từ ngày', 'hiệu lực từ'],
      'First day it applies',
      '2026-01-01',
    ),
    column(
      'active_to',
      false,
      ['áp dụng đến', 'đến ngày', 'hiệu lực đến'],
      'Last day it applies; empty while it applies',
      '2026-12-31',
    ),
  ],
  rowSchema: z
    .object({
      key: optional(z.string()),
      indicator_id: required(
        z.enum(INDICATOR_IDS, {
          error: () => `unknown indicator; expected one of ${INDICATOR_IDS.join(', ')}`,
        }),
      ),
      options: fromCell(parseOptions),
      agency_code: optional(agencyCodeSchema),
      subtree: flag(true),
      period: required(fromCell(parsePeriod)),
      comparator: required(fromCell(parseComparator)),
      threshold: required(fromCell(parseThreshold)),
      legal_basis: required(text(500)),
      active_from: required(date),
      active_to: optional(date),
    })
    .superRefine((row, context) => outOfOrder(row, 'active_from', 'active_to', context))
    .transform((row, context): z.input<typeof targetInputSchema> => {
      const limit = threshold(row.indicator_id, row.threshold);
      if ('reason' in limit) {
        context.addIssue({ code: 'custom', message: limit.reason, path: ['threshold'] });
        return z.NEVER;
      }
      return {
        ...(row.key ? { key: row.key } : {}),
        indicatorId: row.indicator_id,
        options: row.options,
        agencyCode: row.agency_code,
        subtree: row.subtree,
        period: row.period,
        comparator: row.comparator,
        threshold: limit.value,
        legalBasis: row.legal_basis,
        activeFrom: row.active_from,
        activeTo: row.active_to,
      };
    })
    .pipe(targetInputSchema)
    .transform((input) => ({ ...input, key: targetKey(input) })),
  fieldColumns: {
    key: 'key',
    indicatorId: 'indicator_id',
    options: 'options',
    agencyCode: 'agency_code',
    subtree: 'subtree',
    period: 'period',
    comparator: 'comparator',
    threshold: 'threshold',
    legalBasis: 'legal_basis',
    activeFrom: 'active_from',
    activeTo: 'active_to',
  },
  keyOf: (input) => input.key,
  describeKey: (input) => `target ${input.key}`,
  keyColumn: 'key',
};

/** Every layout, in the order an import writes them. */
export const IMPORT_LAYOUTS: { [K in ImportKind]: ImportLayout<K> } = {
  agencies,
  lineage,
  procedures,
  targets,
};

/** The kind a worksheet holds, by its name (`Thủ tục` → procedures); null when the name says nothing. */
export function kindOfSheetName(name: string): ImportKind | null {
  const key = headerKey(name);
  for (const layout of Object.values(IMPORT_LAYOUTS)) {
    if ([layout.kind, ...layout.sheetNames].some((sheetName) => headerKey(sheetName) === key))
      return layout.kind;
  }
  return null;
}

export interface ResolvedHeaders {
  /** Canonical column → header as written in the file. */
  columns: Map<string, string>;
  errors: { column: string; reason: string }[];
  warnings: { column: string; reason: string }[];
}

/** Matches a sheet's headers to a layout's columns, by name or alias, ignoring case, accents and notes. */
export function resolveHeaders(layout: ImportLayout, headers: readonly string[]): ResolvedHeaders {
  const byKey = new Map<string, ImportColumn>();
  for (const spec of layout.columns) {
    for (const name of [spec.name, ...spec.aliases]) byKey.set(headerKey(name), spec);
  }
  const columns = new Map<string, string>();
  const errors: ResolvedHeaders['errors'] = [];
  const warnings: ResolvedHeaders['warnings'] = [];
  for (const header of headers) {
    if (!header) continue;
    const spec = byKey.get(headerKey(header));
    if (!spec) {
      warnings.push({ column: header, reason: `column ignored: not part of the ${layout.kind} layout` });
    } else if (columns.has(spec.name)) {
      errors.push({
        column: header,
        reason: `"${columns.get(spec.name)}" and "${header}" both mean ${spec.name}: keep one`,
      });
    } else {
      columns.set(spec.name, header);
    }
  }
  for (const spec of layout.columns) {
    if (spec.required && !columns.has(spec.name)) {
      const names = [spec.name, ...spec.aliases.slice(0, 2)].map((name) => `"${name}"`).join(' or ');
      errors.push({ column: spec.name, reason: `missing column: add a column headed ${names}` });
    }
  }
  return { columns, errors, warnings };
}

export type RowMapping<K extends ImportKind> =
  { ok: true; input: ImportInputs[K] } | { ok: false; problems: { column: string | null; reason: string }[] };

/** One row's cells (by canonical column; missing columns read as empty) to the domain input, or what is wrong. */
export function mapRow<K extends ImportKind>(
  layout: ImportLayout<K>,
  cells: Readonly<Record<string, string>>,
): RowMapping<K> {
  const values = Object.fromEntries(layout.columns.map((spec) => [spec.name, cells[spec.name] ?? '']));
  const result = layout.rowSchema.safeParse(values);
  if (result.success) return { ok: true, input: result.data };
  const seen = new Set<string>();
  const problems = result.error.issues
    .map((issue) => ({ column: columnOfPath(layout, issue.path), reason: issue.message }))
    // One problem per column: a cell that fails its own check may fail the domain schema the same way.
    .filter((problem) => {
      const key = problem.column ?? '';
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { ok: false, problems };
}

function columnOfPath(layout: ImportLayout, path: readonly PropertyKey[]): string | null {
  const names = new Set(layout.columns.map((spec) => spec.name));
  const first = String(path[0] ?? '');
  if (names.has(first)) return first;
  for (let length = path.length; length > 0; length--) {
    const column = layout.fieldColumns[path.slice(0, length).map(String).join('.')];
    if (column) return column;
  }
  return null;
}
