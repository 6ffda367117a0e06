import { Workbook } from 'exceljs';
import { DomainError } from '@dvc/domain-errors';
import { aZipBomb } from '@dvc/testing';
import { IMPORT_LIMITS, readWorkbookRows } from './workbook-limits';

// Each read starts a worker thread, whose start-up (loading exceljs) takes seconds on a busy machine.
jest.setTimeout(60_000);

async function aWorkbook(rows: number, columns = 2): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('agencies');
  for (let row = 0; row < rows; row++)
    sheet.addRow(Array.from({ length: columns }, (_, column) => `r${row}c${column}`));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const refusal = async (read: Promise<unknown>) => {
  const error = await read.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { kind: (error as DomainError).kind, message: (error as DomainError).message };
};

describe('reading a workbook within limits', () => {
  it('reads every row within the limits, in a worker', async () => {
    const sheets = await readWorkbookRows(await aWorkbook(3), { ...IMPORT_LIMITS, rows: 3, cells: 6 });
    expect(sheets).toEqual([
      {
        name: 'agencies',
        rows: [1, 2, 3].map((row) => ({
          row,
          values: [
            [1, `r${row - 1}c0`],
            [2, `r${row - 1}c1`],
          ],
        })),
      },
    ]);
  });

  it('refuses a workbook with more rows or cells than a catalogue file may hold: 413', async () => {
    const content = await aWorkbook(101, 3);
    expect(await refusal(readWorkbookRows(content, { ...IMPORT_LIMITS, rows: 100 }))).toEqual({
      kind: 'too_large',
      message: 'the workbook has more than 100 rows; a catalogue file may hold at most that many',
    });
    expect(await refusal(readWorkbookRows(content, { ...IMPORT_LIMITS, cells: 300 }))).toMatchObject({
      kind: 'too_large',
      message: expect.stringMatching(/more than 300 filled cells/),
    });
  });

  it('refuses a zip bomb by its directory before unzipping anything', async () => {
    const bomb = await aZipBomb(IMPORT_LIMITS.unzippedBytes / (1024 * 1024) + 1);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(readWorkbookRows(bomb))).toEqual({
      kind: 'too_large',
      message: expect.stringMatching(
        /^the workbook unzips to 201 MB, more than the 200 MB a catalogue file may/,
      ),
    });
  });

  it('stops a reader whose heap outgrows its bound (sizes a zip can lie about): 413', async () => {
    const content = await aWorkbook(20_000, 10);
    expect(await refusal(readWorkbookRows(content, { ...IMPORT_LIMITS, workerHeapMegabytes: 8 }))).toEqual({
      kind: 'too_large',
      message: 'reading the workbook needs more than 8 MB: split it into smaller files',
    });
  });

  it('refuses bytes that are not a zip as unreadable: 400', async () => {
    expect(await refusal(readWorkbookRows(Buffer.from('PK\u0003\u0004 not really')))).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^cannot read the XLSX workbook/),
    });
  });
});
