import { legalBasisSlug, TargetInput, targetInputSchema, targetKey } from './target.schema';

const KEY_PATTERN = /^[a-z0-9][a-z0-9.:_-]*$/i;

/** A target as the schema reads it, without a key; tests say only what matters to them. */
const aTarget = (overrides: Partial<TargetInput> = {}): TargetInput =>
  targetInputSchema.parse({
    indicatorId: 'dossiers.online',
    period: { kind: 'year' },
    comparator: '>=',
    threshold: 0.5,
    legalBasis: 'Quyết định 766/QĐ-TTg',
    activeFrom: '2022-01-01',
    ...overrides,
  });

describe('target keys', () => {
  it('are derived from indicator, options, scope, period, start, comparator and legal basis', () => {
    expect(targetKey(aTarget())).toBe(
      'dossiers.online:default:province:year:2022-01-01:ge:quyet-dinh-766-qd-ttg',
    );
    expect(
      targetKey(
        aTarget({
          indicatorId: 'procedures.level_growth',
          options: { level: 4, denominator: 'online_procedures' },
          agencyCode: '000.00.12.H12',
          subtree: false,
          period: { kind: 'rolling', days: 30 },
          comparator: '<',
          legalBasis: 'Kế hoạch chuyển đổi số 2026',
        }),
      ),
    ).toBe(
      'procedures.level_growth:denominator-online-procedures.level-4:000.00.12.H12:only:rolling-30d:' +
        '2022-01-01:lt:ke-hoach-chuyen-doi-so-2026',
    );
  });

  it('tell apart two targets differing only in comparator', () => {
    expect(targetKey(aTarget({ comparator: '>=' }))).not.toBe(targetKey(aTarget({ comparator: '>' })));
    expect(targetKey(aTarget({ comparator: '<=' }))).not.toBe(targetKey(aTarget({ comparator: '<' })));
  });

  it('tell apart two targets differing only in legal basis', () => {
    const national = aTarget({ legalBasis: 'Quyết định 766/QĐ-TTg', threshold: 0.5 });
    const province = aTarget({ legalBasis: 'Kế hoạch 2022 của UBND tỉnh', threshold: 0.6 });
    expect(targetKey(national)).not.toBe(targetKey(province));
    // Long bases that agree on their first 40 letters are told apart by a hash of the whole.
    const longBasis = 'Kế hoạch chuyển đổi số tỉnh Hòa An giai đoạn 2021-2025, năm ';
    expect(targetKey(aTarget({ legalBasis: `${longBasis}2024` }))).not.toBe(
      targetKey(aTarget({ legalBasis: `${longBasis}2025` })),
    );
  });

  it('keep the key of a target whose threshold is corrected', () => {
    expect(targetKey(aTarget({ threshold: 0.6 }))).toBe(targetKey(aTarget({ threshold: 0.5 })));
  });

  it('keep a key given by hand', () => {
    expect(targetKey(aTarget({ key: 'national-766.dossiers-online', comparator: '>' }))).toBe(
      'national-766.dossiers-online',
    );
  });

  it('pass the key pattern and 200 characters, whatever the options, agency and basis', () => {
    const longest = aTarget({
      indicatorId: 'procedures.level_growth',
      options: { 'tên tùy chọn dài': 'giá trị có dấu, dấu cách và ký hiệu ≥ % / =', level: 4, online: true },
      agencyCode: `H${'9'.repeat(63)}`,
      subtree: false,
      period: { kind: 'rolling', days: 366 },
      legalBasis: `Đề án ${'rất dài '.repeat(60)}`,
    });
    for (const target of [
      longest,
      aTarget(),
      aTarget({ legalBasis: '—' }),
      aTarget({ options: { x: '' } }),
    ]) {
      const key = targetKey(target);
      expect({ key, valid: KEY_PATTERN.test(key) && key.length <= 200 }).toEqual({ key, valid: true });
    }
  });
});

describe('legal basis slug', () => {
  it('is lowercase ASCII: diacritics stripped, đ read as d, other signs as dashes, trimmed', () => {
    expect(legalBasisSlug('  Chỉ thị Bình Thuận 2018: ≥30% hồ sơ ')).toBe('chi-thi-binh-thuan-2018-30-ho-so');
    expect(legalBasisSlug('Đề án 06/ĐA-UBND (Đắk Lắk)')).toBe('de-an-06-da-ubnd-dak-lak');
    expect(legalBasisSlug('Ưu tiên ỨNG DỤNG ở Quảng Ngãi')).toBe('uu-tien-ung-dung-o-quang-ngai');
  });

  it('is at most 40 characters', () => {
    const slug = legalBasisSlug('Mục tiêu quốc gia 2022-2025: ≥98% hồ sơ giải quyết đúng hạn');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toMatch(/^muc-tieu-quoc-gia-2022-2025-98-[0-9a-f]{8}$/);
  });

  it('is not empty for a basis without a Latin letter or digit', () => {
    expect(legalBasisSlug('—')).toMatch(/^basis-[0-9a-f]{8}$/);
    expect(legalBasisSlug('—')).not.toBe(legalBasisSlug('…'));
  });
});
