import { DomainError } from '@dvc/domain-errors';
import { latestEndedPeriod, periodHeading, readReportPeriod, reportPeriod } from './report-period';

const range = (text: string, cut: 'statutory' | 'calendar') => {
  const { from, to } = reportPeriod(text, cut);
  return `${from}..${to}`;
};

describe('statutory cut-off periods (Decree 09/2019/NĐ-CP)', () => {
  it.each([
    ['2026-01', '2025-12-15..2026-01-14'],
    ['2026-02', '2026-01-15..2026-02-14'],
    ['2026-03', '2026-02-15..2026-03-14'],
    ['2026-12', '2026-11-15..2026-12-14'],
    ['2026-Q1', '2025-12-15..2026-03-14'],
    ['2026-Q2', '2026-03-15..2026-06-14'],
    ['2026-Q3', '2026-06-15..2026-09-14'],
    ['2026-Q4', '2026-09-15..2026-12-14'],
    ['2026-6M', '2025-12-15..2026-06-14'],
    ['2026-H1', '2025-12-15..2026-06-14'],
    ['2026-9M', '2025-12-15..2026-09-14'],
    ['2026', '2025-12-15..2026-12-14'],
    ['2000-01', '1999-12-15..2000-01-14'],
  ])('%s runs %s', (text, expected) => expect(range(text, 'statutory')).toBe(expected));

  it('tiles the year: each month starts the day after the one before ends, across the year end', () => {
    const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03'].map((text) =>
      reportPeriod(text, 'statutory'),
    );
    for (let i = 1; i < months.length; i++) {
      const dayAfter = new Date(`${months[i - 1].to}T00:00:00Z`);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
      expect(months[i].from).toBe(dayAfter.toISOString().slice(0, 10));
    }
    // The statutory year 2026 begins the day after the statutory year 2025 ends.
    expect(reportPeriod('2025', 'statutory').to).toBe('2025-12-14');
    expect(reportPeriod('2026', 'statutory').from).toBe('2025-12-15');
  });
});

describe('calendar periods', () => {
  it.each([
    ['2026-01', '2026-01-01..2026-01-31'],
    ['2026-02', '2026-02-01..2026-02-28'],
    ['2028-02', '2028-02-01..2028-02-29'],
    ['2026-Q1', '2026-01-01..2026-03-31'],
    ['2026-Q4', '2026-10-01..2026-12-31'],
    ['2026-6M', '2026-01-01..2026-06-30'],
    ['2026-9M', '2026-01-01..2026-09-30'],
    ['2026', '2026-01-01..2026-12-31'],
  ])('%s runs %s', (text, expected) => expect(range(text, 'calendar')).toBe(expected));
});

describe('reading and naming periods', () => {
  it('names the kind of period and its dates as the form header does', () => {
    expect(periodHeading(reportPeriod('2026-03', 'statutory'))).toBe(
      'Kỳ báo cáo: Tháng 3 năm 2026 (Từ ngày 15/02/2026 đến ngày 14/03/2026; kỳ chốt số liệu theo Nghị định 09/2019/NĐ-CP)',
    );
    expect(reportPeriod('2026-Q2', 'calendar').labelVi).toBe('Quý II năm 2026');
    expect(reportPeriod('2026-h1', 'calendar')).toMatchObject({
      key: '2026-6M',
      labelVi: '6 tháng đầu năm 2026',
    });
    expect(reportPeriod('2026-9M', 'calendar').labelVi).toBe('9 tháng năm 2026');
    expect(reportPeriod(' 2026 ', 'calendar')).toMatchObject({
      key: '2026',
      kind: 'year',
      labelVi: 'Năm 2026',
    });
  });

  it.each(['2026-13', '2026-00', '2026-Q5', '2026-3M', '26-01', '1999', 'ytd', ''])(
    'refuses %p with the forms it accepts',
    (text) => {
      expect(() => readReportPeriod(text)).toThrow(DomainError);
      expect(() => readReportPeriod(text)).toThrow(/expected 2026-03 \(a month\)/);
    },
  );

  it('finds the latest period that has ended, on either cut', () => {
    expect(latestEndedPeriod('month', 'statutory', '2026-03-20').key).toBe('2026-03');
    expect(latestEndedPeriod('month', 'statutory', '2026-03-14').key).toBe('2026-02');
    expect(latestEndedPeriod('month', 'calendar', '2026-03-20').key).toBe('2026-02');
    expect(latestEndedPeriod('month', 'statutory', '2026-01-10').key).toBe('2025-12');
    expect(latestEndedPeriod('quarter', 'statutory', '2026-01-05').key).toBe('2025-Q4');
    expect(latestEndedPeriod('year', 'statutory', '2026-12-16').key).toBe('2026');
    expect(latestEndedPeriod('year', 'calendar', '2026-12-16').key).toBe('2025');
    expect(latestEndedPeriod('months', 'statutory', '2026-09-16').key).toBe('2026-9M');
  });
});
