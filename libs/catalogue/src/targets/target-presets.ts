import { DomainError } from '@dvc/domain-errors';
import { TargetInput } from './target.schema';

const province = { agencyCode: null, subtree: true, period: { kind: 'year' } } as const;

/**
 * The targets of the seed documents (docs/domain.md#targets), for the whole province, checked yearly. "At level
 * 3" in the plans means offered online at level 3 or above (`procedures.online`); level 4 is exact. The Bắc
 * Giang target of 90% of archived records digitised has no indicator in the product and is not shipped.
 */
export const TARGET_PRESETS: readonly (TargetInput & { key: string })[] = [
  {
    ...province,
    key: 'binh-thuan-2018.dossiers-online',
    indicatorId: 'dossiers.online',
    options: {},
    comparator: '>=',
    threshold: 0.3,
    legalBasis: 'Chỉ thị Bình Thuận 2018: ≥30% hồ sơ được xử lý trực tuyến',
    activeFrom: '2018-01-01',
  },
  {
    ...province,
    key: 'binh-thuan-2018.level3-growth',
    indicatorId: 'procedures.level_growth',
    options: { level: 3 },
    comparator: '>=',
    threshold: 7,
    legalBasis: 'Chỉ thị Bình Thuận 2018: mỗi năm tăng 7% TTHC mức độ 3',
    activeFrom: '2018-01-01',
  },
  {
    ...province,
    key: 'binh-thuan-2018.level4-growth',
    indicatorId: 'procedures.level_growth',
    options: { level: 4 },
    comparator: '>=',
    threshold: 8,
    legalBasis: 'Chỉ thị Bình Thuận 2018: mỗi năm tăng 8% TTHC mức độ 4',
    activeFrom: '2018-01-01',
  },
  {
    ...province,
    key: 'bac-giang-2015.level3-2017',
    indicatorId: 'procedures.online',
    options: {},
    comparator: '>=',
    threshold: 0.5,
    legalBasis: 'Kế hoạch Bắc Giang 2015: đến hết 2017, 50% DVC mức độ 3',
    activeFrom: '2017-01-01',
    activeTo: '2017-12-31',
  },
  {
    ...province,
    key: 'bac-giang-2015.level4-2017',
    indicatorId: 'procedures.level4',
    options: {},
    comparator: '>=',
    threshold: 0.1,
    legalBasis: 'Kế hoạch Bắc Giang 2015: đến hết 2017, 10% DVC mức độ 4',
    activeFrom: '2017-01-01',
    activeTo: '2017-12-31',
  },
  {
    ...province,
    key: 'bac-giang-2015.level3-2018-2020',
    indicatorId: 'procedures.online',
    options: {},
    comparator: '>=',
    threshold: 1,
    legalBasis: 'Kế hoạch Bắc Giang 2015: 2018-2020, 100% DVC mức độ 3',
    activeFrom: '2018-01-01',
    activeTo: '2020-12-31',
  },
  {
    ...province,
    key: 'bac-giang-2015.level4-2018-2020',
    indicatorId: 'procedures.level4',
    options: {},
    comparator: '>=',
    threshold: 0.2,
    legalBasis: 'Kế hoạch Bắc Giang 2015: 2018-2020, 20% DVC mức độ 4',
    activeFrom: '2018-01-01',
    activeTo: '2020-12-31',
  },
  {
    ...province,
    key: 'quang-ninh-2020.uptake',
    indicatorId: 'services.uptake',
    options: {},
    comparator: '>=',
    threshold: 0.9,
    legalBasis: 'Kế hoạch Quảng Ninh 2020: 90% DVC mức độ 3, 4 phát sinh hồ sơ',
    activeFrom: '2020-01-01',
  },
  {
    ...province,
    key: 'quang-ninh-2020.dossiers-online-level4',
    indicatorId: 'dossiers.online',
    options: { level: 4 },
    comparator: '>',
    threshold: 0.4,
    legalBasis: 'Kế hoạch Quảng Ninh 2020: trên 40% hồ sơ trực tuyến với DVC mức độ 4',
    activeFrom: '2020-01-01',
  },
  {
    ...province,
    key: 'quang-ninh-2020.dossiers-online-level3',
    indicatorId: 'dossiers.online',
    options: { level: 3 },
    comparator: '>',
    threshold: 0.5,
    legalBasis: 'Kế hoạch Quảng Ninh 2020: trên 50% hồ sơ trực tuyến với DVC mức độ 3',
    activeFrom: '2020-01-01',
  },
  {
    ...province,
    key: 'quang-ninh-2020.portal',
    indicatorId: 'procedures.portal',
    options: {},
    comparator: '>',
    threshold: 0.3,
    legalBasis: 'Kế hoạch Quảng Ninh 2020: trên 30% DVC trực tuyến tích hợp Cổng DVC quốc gia',
    activeFrom: '2020-01-01',
  },
  {
    ...province,
    key: 'national-766.dossiers-online',
    indicatorId: 'dossiers.online',
    options: {},
    comparator: '>=',
    threshold: 0.5,
    legalBasis: 'Quyết định 766/QĐ-TTg (2022): hồ sơ trực tuyến ≥50%',
    activeFrom: '2022-01-01',
    activeTo: '2025-12-31',
  },
  {
    ...province,
    key: 'national-2023.dossiers-online',
    indicatorId: 'dossiers.online',
    options: {},
    comparator: '>=',
    threshold: 0.6,
    legalBasis: 'Chỉ tiêu 2023 của Bộ: hồ sơ trực tuyến ≥60%',
    activeFrom: '2023-01-01',
    activeTo: '2025-12-31',
  },
  {
    ...province,
    key: 'national-2022.uptake',
    indicatorId: 'services.uptake',
    options: {},
    comparator: '>=',
    threshold: 0.8,
    legalBasis: 'Mục tiêu quốc gia 2022-2025: ≥80% DVCTT phát sinh hồ sơ',
    activeFrom: '2022-01-01',
    activeTo: '2025-12-31',
  },
  {
    ...province,
    key: 'national-2022.on-time',
    indicatorId: 'dossiers.on_time',
    options: {},
    comparator: '>=',
    threshold: 0.98,
    legalBasis: 'Mục tiêu quốc gia 2022-2025: ≥98% hồ sơ giải quyết đúng hạn',
    activeFrom: '2022-01-01',
    activeTo: '2025-12-31',
  },
  {
    ...province,
    key: 'national-2022.payments-online',
    indicatorId: 'payments.online',
    options: {},
    comparator: '>=',
    threshold: 0.6,
    legalBasis: 'Mục tiêu quốc gia 2022-2025: ≥60% thanh toán trực tuyến',
    activeFrom: '2022-01-01',
    activeTo: '2025-12-31',
  },
];

/** The document a preset comes from: its key up to the first dot ("binh-thuan-2018"). */
export const presetDocument = (key: string): string => key.slice(0, key.indexOf('.'));

/** Every document the presets come from, national ones first. */
export const PRESET_DOCUMENTS: readonly string[] = [
  ...new Set(TARGET_PRESETS.map((preset) => presetDocument(preset.key))),
].sort((left, right) => Number(isNational(right)) - Number(isNational(left)) || left.localeCompare(right));

function isNational(document: string): boolean {
  return document.startsWith('national-');
}

/**
 * The presets of the documents that apply to a province: national documents apply to every province, a
 * province's own plan (Bình Thuận's, Bắc Giang's, Quảng Ninh's) only to the one that chose it. `documents`
 * names them ("national" for every national one); absent, the national ones.
 */
export function presetsOf(documents: readonly string[] = ['national']): (TargetInput & { key: string })[] {
  const unknown = documents.filter(
    (document) => document !== 'national' && !PRESET_DOCUMENTS.includes(document),
  );
  if (unknown.length) {
    throw new DomainError(
      'invalid',
      `unknown preset document ${unknown.map((document) => `"${document}"`).join(', ')}; known: national, ${PRESET_DOCUMENTS.join(', ')}`,
    );
  }
  const wanted = (document: string) =>
    documents.includes(document) || (documents.includes('national') && isNational(document));
  return TARGET_PRESETS.filter((preset) => wanted(presetDocument(preset.key)));
}
