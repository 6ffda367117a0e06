import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { periodHeading } from '../periods/report-period';
import { ReportRow, ReportTable } from '../report-table';

/** DejaVu covers every Vietnamese letter with its diacritics (ă, ơ, ư, đ and the stacked tone marks). */
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  regular: join(FONT_DIR, 'DejaVuSansCondensed.ttf'),
  bold: join(FONT_DIR, 'DejaVuSansCondensed-Bold.ttf'),
  italic: join(FONT_DIR, 'DejaVuSansCondensed-Oblique.ttf'),
};
const MARGIN = 28;
const ROW_HEIGHT = 16;
const HEADER_HEIGHTS = [26, 40, 14];

/**
 * The report as a printable PDF, A4 landscape: the same title block, two-level header, column numbers, rows,
 * total, notes and signature block as the XLSX; the header repeats on every page.
 */
export function reportPdf(table: ReportTable): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: {
      Title: `${table.formCode} — ${table.title}`,
      Creator: 'DVC metrics',
      CreationDate: new Date(table.asOf),
    },
  });
  for (const [name, path] of Object.entries(FONTS)) doc.registerFont(name, path);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  // A wide form (DVCTT: 35 columns) gives the names less room and writes its cells smaller, so numbers and
  // verdicts stay on one line.
  const wide = table.columns.length > 20;
  const nameWidth = wide ? 110 : 150;
  const countWidth = (width - 24 - nameWidth) / Math.max(1, table.columns.length - 2);
  const widths = table.columns.map((_, index) => (index === 0 ? 24 : index === 1 ? nameWidth : countWidth));
  const cellSize = wide ? 6 : 8;
  const lefts = widths.map((_, index) => MARGIN + widths.slice(0, index).reduce((a, b) => a + b, 0));
  const text = (
    value: string,
    x: number,
    y: number,
    w: number,
    options: { font?: keyof typeof FONTS; size?: number; align?: 'left' | 'center' | 'right' } = {},
  ) => {
    doc.font(options.font ?? 'regular').fontSize(options.size ?? 10);
    doc.text(value, x, y, { width: w, align: options.align ?? 'left', lineBreak: true });
  };
  const cell = (
    x: number,
    y: number,
    w: number,
    h: number,
    value: string,
    font: keyof typeof FONTS,
    align: 'left' | 'center' | 'right',
    size = 8,
  ) => {
    doc.rect(x, y, w, h).lineWidth(0.5).stroke();
    doc.font(font).fontSize(size);
    const textHeight = doc.heightOfString(value, { width: w - 4 });
    doc.text(value, x + 2, y + Math.max(1, (h - textHeight) / 2), { width: w - 4, align });
  };

  // Title block.
  const half = width / 2;
  text(table.formCode, MARGIN, MARGIN, half, { font: 'bold' });
  text(table.formBasis, MARGIN, MARGIN + 13, half, { font: 'italic', size: 9 });
  text(`Đơn vị báo cáo: ${table.reporter}`, MARGIN + half, MARGIN, half, { align: 'right' });
  text(`Đơn vị nhận báo cáo: ${table.recipient}`, MARGIN + half, MARGIN + 13, half, { align: 'right' });
  text(table.title, MARGIN, MARGIN + 38, width, { font: 'bold', size: 13, align: 'center' });
  text(table.scopeLine, MARGIN, MARGIN + 56, width, { font: 'bold', align: 'center' });
  text(periodHeading(table.period), MARGIN, MARGIN + 70, width, { font: 'italic', size: 9, align: 'center' });
  text(table.unit, MARGIN, MARGIN + 84, width, { font: 'italic', size: 9, align: 'right' });

  const header = (top: number): number => {
    const [upper, lower, numbers] = HEADER_HEIGHTS;
    for (let index = 0; index < table.columns.length;) {
      const column = table.columns[index];
      if (column.group === undefined) {
        cell(lefts[index], top, widths[index], upper + lower, column.label, 'bold', 'center', cellSize);
        index += 1;
        continue;
      }
      let end = index;
      while (end + 1 < table.columns.length && table.columns[end + 1].group === column.group) end += 1;
      const spanned = widths.slice(index, end + 1).reduce((a, b) => a + b, 0);
      cell(lefts[index], top, spanned, upper, column.group, 'bold', 'center', cellSize);
      for (let member = index; member <= end; member++)
        cell(
          lefts[member],
          top + upper,
          widths[member],
          lower,
          table.columns[member].label,
          'bold',
          'center',
          cellSize,
        );
      index = end + 1;
    }
    table.columns.forEach((_, index) =>
      cell(
        lefts[index],
        top + upper + lower,
        widths[index],
        numbers,
        `(${index + 1})`,
        'italic',
        'center',
        7,
      ),
    );
    return top + upper + lower + numbers;
  };
  const bottom = doc.page.height - MARGIN;
  let y = header(MARGIN + 100);
  const body: { row: ReportRow; bold: boolean }[] = [
    ...table.rows.map((row) => ({ row, bold: false })),
    { row: table.total, bold: true },
  ];
  for (const { row, bold } of body) {
    if (y + ROW_HEIGHT > bottom) {
      doc.addPage();
      y = header(MARGIN);
    }
    row.cells.forEach((value, index) => {
      const kind = table.columns[index].kind;
      const shown = value === null ? '' : typeof value === 'number' ? value.toLocaleString('vi-VN') : value;
      const align = index === 0 ? 'center' : kind === 'text' ? 'left' : 'right';
      cell(lefts[index], y, widths[index], ROW_HEIGHT, shown, bold ? 'bold' : 'regular', align, cellSize);
    });
    y += ROW_HEIGHT;
  }

  // Notes and the signature block, on a new page if they do not fit.
  doc.font('italic').fontSize(8);
  const noteHeight = (note: string) => Math.max(14, doc.heightOfString(note, { width }) + 4);
  const tail = table.notes.reduce((sum, note) => sum + noteHeight(note), 0) + 80;
  if (y + 10 + tail > bottom) {
    doc.addPage();
    y = MARGIN;
  } else y += 10;
  for (const note of table.notes) {
    text(note, MARGIN, y, width, { font: 'italic', size: 8 });
    // A note longer than the page is wide wraps: the next starts under its last line.
    y += noteHeight(note);
  }
  y += 10;
  const third = width / 3;
  text('NGƯỜI LẬP BIỂU', MARGIN, y, third, { font: 'bold', align: 'center' });
  text('(Ký, ghi rõ họ tên)', MARGIN, y + 14, third, { font: 'italic', size: 9, align: 'center' });
  text('…, ngày … tháng … năm …', MARGIN + 2 * third, y - 14, third, {
    font: 'italic',
    size: 9,
    align: 'center',
  });
  text('THỦ TRƯỞNG ĐƠN VỊ', MARGIN + 2 * third, y, third, { font: 'bold', align: 'center' });
  text('(Ký tên, đóng dấu)', MARGIN + 2 * third, y + 14, third, { font: 'italic', size: 9, align: 'center' });
  doc.end();
  return done;
}
