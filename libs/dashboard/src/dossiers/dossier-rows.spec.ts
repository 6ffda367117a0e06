import { csvCell, daysOverdue, dossiersCsv } from './dossier-rows';
import { DossierToActOn } from './dossiers.schema';

const aDossier = (fields: Partial<DossierToActOn> = {}): DossierToActOn => ({
  source: 'one-stop',
  dossierCode: 'H99.1-261202-0001',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  agencyCode: '000.41.00.H99',
  agencyName: 'UBND xã An Bình',
  receivedAt: '2026-11-20T02:00:00.000Z',
  dueAt: '2026-11-30T10:00:00.000Z',
  daysOverdue: 2,
  ...fields,
});

describe('days overdue', () => {
  it('counts whole local days after the due day', () => {
    expect(daysOverdue('2026-11-30T10:00:00.000Z', '2026-12-02')).toBe(2);
    expect(daysOverdue('2026-12-01T16:59:59.000Z', '2026-12-02')).toBe(1);
  });

  it('is 0 on the due day and before it, in Vietnam time', () => {
    // 17:00 UTC on 1 December is midnight of 2 December in Hanoi: due today.
    expect(daysOverdue('2026-12-01T17:00:00.000Z', '2026-12-02')).toBe(0);
    expect(daysOverdue('2026-12-05T10:00:00.000Z', '2026-12-02')).toBe(0);
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('writes a BOM, Vietnamese headers and one CRLF line per dossier', () => {
    const csv = dossiersCsv([
      aDossier(),
      aDossier({ dossierCode: 'B', procedureName: null, daysOverdue: 0 }),
    ]);
    expect(csv.startsWith('\uFEFFMã hồ sơ,Mã thủ tục,Tên thủ tục,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      'H99.1-261202-0001,1.001193,Đăng ký khai sinh,000.41.00.H99,UBND xã An Bình,2026-11-20T02:00:00.000Z,2026-11-30T10:00:00.000Z,2,one-stop',
    );
    expect(lines[2]).toBe(
      'B,1.001193,,000.41.00.H99,UBND xã An Bình,2026-11-20T02:00:00.000Z,2026-11-30T10:00:00.000Z,0,one-stop',
    );
    expect(lines[3]).toBe('');
  });
});
