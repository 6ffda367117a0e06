import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyFlow } from '../figures/dossier-flow';
import { ii06aReport } from '../kinds/ii06a.report';
import { reportPeriod } from '../periods/report-period';
import { reportPdf } from './report-pdf';

/*
 * The PDF read by poppler (poppler-utils, installed by .ci/run): its text comes back with every Vietnamese
 * diacritic, it is A4 landscape, and the pages render to PNG (kept in REPORT_PDF_PNG_DIR, if set, to look at).
 */
const FIELDS = [
  'Đất đai',
  'Tư pháp - Hộ tịch',
  'Xây dựng',
  'Y tế',
  'Giáo dục và Đào tạo',
  'Lao động, Thương binh và Xã hội',
];

function table(rowCount: number) {
  return ii06aReport(
    {
      period: reportPeriod('2026-03', 'statutory'),
      scope: { agency: '000.00.12.H12', agencyName: 'Sở Xây dựng tỉnh Bình Thuận' },
      reporter: 'Sở Xây dựng',
      recipient: 'Văn phòng Ủy ban nhân dân tỉnh',
      asOf: '2026-03-16T01:00:00.000Z',
    },
    {
      rows: 'field',
      groups: Array.from({ length: rowCount }, (_, index) => ({
        key: `${FIELDS[index % FIELDS.length]}${index >= FIELDS.length ? ` ${index}` : ''}`,
        flow: {
          ...emptyFlow(),
          receivedOnline: 1000 + index,
          receivedOther: 20,
          carriedOver: 3,
          resolvedOnTime: 1000,
          resolvedLate: 2,
          inProgressWithinDue: 21 + index,
        },
      })),
      labelOf: (key) => String(key),
    },
  );
}

describe('PDF of a report (pdfkit with DejaVu; read back by poppler)', () => {
  const dir = process.env.REPORT_PDF_PNG_DIR ?? mkdtempSync(join(tmpdir(), 'report-pdf-'));

  it('renders Vietnamese text that poppler reads back exactly, on A4 landscape pages', async () => {
    const pdf = await reportPdf(table(6));
    const file = join(dir, 'ii06a.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Biểu số II.06a/VPCP/KSTT',
      'Đơn vị nhận báo cáo: Văn phòng Ủy ban nhân dân tỉnh',
      'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      'Tại: Sở Xây dựng tỉnh Bình Thuận',
      'Số hồ sơ nhận giải quyết',
      'Từ kỳ trước',
      'Lao động, Thương binh và Xã hội',
      'NGƯỜI LẬP BIỂU',
      'THỦ TRƯỞNG ĐƠN VỊ',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/Tổng số\s+6\.\d{3}/);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSansCondensed/);
    expect(fonts).not.toMatch(/Helvetica/);

    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(dir, 'ii06a')]);
    const pngs = readdirSync(dir).filter((name) => name.startsWith('ii06a') && name.endsWith('.png'));
    expect(pngs).toHaveLength(1);
    expect(readFileSync(join(dir, pngs[0])).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  it('repeats the header on every page of a long report', async () => {
    const file = join(dir, 'long.pdf');
    writeFileSync(file, await reportPdf(table(60)));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], {
        encoding: 'utf8',
      });
      expect(text).toContain('Số hồ sơ đã giải quyết');
    }
  }, 60_000);
});
