import { TargetPeriod } from '../targets/target.schema';

/**
 * What officials type into a spreadsheet cell, read as the catalogue's values. Pure functions: each returns the
 * value or the reason it cannot be read, in words that make sense next to the cell.
 */
export type CellResult<T> = { value: T } | { reason: string };

const ok = <T>(value: T): CellResult<T> => ({ value });
const problem = (reason: string): CellResult<never> => ({ reason });

/** Lower case, no Vietnamese diacritics, single spaces: `"  Mức  độ 3"` → `"muc do 3"`. */
export function foldText(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One spelling per header or sheet name: `"Mã cơ quan (QCVN 102) *"`, `"ma co quan"` and `"Mã_Cơ_Quan"` all
 * become `ma_co_quan`. Notes in parentheses and required-markers are dropped.
 */
export function headerKey(raw: string): string {
  return foldText(raw.replace(/\([^)]*\)/g, ' '))
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Days from 1899-12-30 (Excel's day zero, which absorbs its 1900 leap-year bug for later dates). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A local calendar day as YYYY-MM-DD. Accepts YYYY-MM-DD (with or without a time after it), DD/MM/YYYY as
 * Vietnamese Excel shows dates (also with `-` or `.`), and Excel's day serial numbers (a date cell formatted as a
 * number). Whether the day exists is checked later, against the catalogue's date rules.
 */
export function parseDate(raw: string): CellResult<string> {
  const text = raw.trim();
  const pad = (part: string) => part.padStart(2, '0');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso) return ok(`${iso[1]}-${pad(iso[2])}-${pad(iso[3])}`);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dayFirst) return ok(`${dayFirst[3]}-${pad(dayFirst[2])}-${pad(dayFirst[1])}`);
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const date = new Date(EXCEL_EPOCH_MS + Math.floor(Number(text)) * 86_400_000);
    return ok(date.toISOString().slice(0, 10));
  }
  return problem('expected a date as YYYY-MM-DD or DD/MM/YYYY');
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x', 'co', 'dung']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'khong', 'sai', '']);

/** yes/no, true/false, 1/0, có/không, or x for yes and an empty cell for no. */
export function parseFlag(raw: string): CellResult<boolean> {
  const word = foldText(raw);
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return problem('expected yes or no (also có/không, x or empty, 1/0, true/false)');
}

/** Decree 43/2011 level: `3`, `3.0` (Excel numbers), `mức 3`, `mức độ 3`, `level 3`. */
export function parseLevel(raw: string): CellResult<number> {
  const match = /^(?:(?:muc(?: do)?|level) ?)?(\d+)(?:\.0+)?$/.exec(foldText(raw));
  const level = match ? Number(match[1]) : NaN;
  return level >= 1 && level <= 4 ? ok(level) : problem('expected a level from 1 to 4 (3 or "mức 3")');
}

const MODES: Record<string, 'none' | 'partial' | 'full'> = {
  none: 'none',
  khong: 'none',
  partial: 'partial',
  'mot phan': 'partial',
  full: 'full',
  'toan trinh': 'full',
};

/** Decree 42/2022 mode: none / partial / full, or không / một phần / toàn trình. */
export function parseMode(raw: string): CellResult<'none' | 'partial' | 'full'> {
  const mode = MODES[foldText(raw).replace(/[_-]/g, ' ')];
  return mode ? ok(mode) : problem('expected none, partial (một phần) or full (toàn trình)');
}

const KINDS: Record<string, 'province' | 'department' | 'district' | 'commune' | 'centre' | 'other'> = {
  province: 'province',
  tinh: 'province',
  department: 'department',
  so: 'department',
  'so, ban, nganh': 'department',
  nganh: 'department',
  district: 'district',
  huyen: 'district',
  quan: 'district',
  'thi xa': 'district',
  commune: 'commune',
  xa: 'commune',
  phuong: 'commune',
  'thi tran': 'commune',
  centre: 'centre',
  center: 'centre',
  'trung tam': 'centre',
  other: 'other',
  khac: 'other',
};

/** province, department, district, commune, centre, other, or tỉnh, sở, huyện, xã, trung tâm, khác. */
export function parseAgencyKind(
  raw: string,
): CellResult<'province' | 'department' | 'district' | 'commune' | 'centre' | 'other'> {
  const kind = KINDS[foldText(raw)];
  return kind
    ? ok(kind)
    : problem(
        'expected province, department, district, commune, centre or other (tỉnh, sở, huyện, xã, trung tâm, khác)',
      );
}

/** year, quarter, month, rolling-30d (also năm, quý, tháng, "30 ngày"). */
export function parsePeriod(raw: string): CellResult<TargetPeriod> {
  const text = foldText(raw);
  if (text === 'year' || text === 'nam') return ok({ kind: 'year' });
  if (text === 'quarter' || text === 'quy') return ok({ kind: 'quarter' });
  if (text === 'month' || text === 'thang') return ok({ kind: 'month' });
  const rolling = /^(?:rolling[- ]?(\d+) ?(?:d|days?)?|(\d+) ?ngay(?: gan nhat)?)$/.exec(text);
  const days = rolling ? Number(rolling[1] ?? rolling[2]) : NaN;
  if (days >= 1 && days <= 366) return ok({ kind: 'rolling', days });
  return problem('expected year, quarter, month or rolling-Nd (N days, 1-366), e.g. rolling-30d');
}

const COMPARATORS: Record<string, '>=' | '>' | '<=' | '<'> = {
  '>=': '>=',
  '=>': '>=',
  '≥': '>=',
  '>': '>',
  '<=': '<=',
  '=<': '<=',
  '≤': '<=',
  '<': '<',
};

export function parseComparator(raw: string): CellResult<'>=' | '>' | '<=' | '<'> {
  const comparator = COMPARATORS[raw.replace(/\s+/g, '')];
  return comparator ? ok(comparator) : problem('expected >=, >, <= or <');
}

/** A number as typed: `0.3`, `0,3` (Vietnamese decimal comma), `30%`. Units are decided by the indicator. */
export function parseThreshold(raw: string): CellResult<{ number: number; percent: boolean }> {
  const match = /^([+-]?\d+(?:[.,]\d+)?)\s*(%?)$/.exec(raw.trim());
  if (!match) return problem('expected a number such as 0.5, 0,5 or 50%');
  return ok({ number: Number(match[1].replace(',', '.')), percent: match[2] === '%' });
}

type OptionValue = string | number | boolean;

/** Indicator options as JSON (`{"level": 4}`) or as `level=4; denominator=online_procedures`. */
export function parseOptions(raw: string): CellResult<Record<string, OptionValue>> {
  const text = raw.trim();
  if (!text) return ok({});
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return problem('not valid JSON; write {"level": 4} or level=4');
    }
    const entries =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
    if (!entries.every(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))) {
      return problem('option values must be text, numbers or true/false');
    }
    return ok(Object.fromEntries(entries) as Record<string, OptionValue>);
  }
  const options: Record<string, OptionValue> = {};
  for (const part of text.split(/[;,\n]/)) {
    if (!part.trim()) continue;
    const match = /^\s*([A-Za-z_][\w.]*)\s*[=:]\s*(.*?)\s*$/.exec(part);
    if (!match || match[2] === '')
      return problem(`cannot read "${part.trim()}"; write name=value, e.g. level=4`);
    const value = match[2];
    options[match[1]] = /^-?\d+(\.\d+)?$/.test(value)
      ? Number(value)
      : value === 'true' || value === 'false'
        ? value === 'true'
        : value;
  }
  return ok(options);
}
