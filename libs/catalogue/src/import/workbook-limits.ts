import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CellValue } from 'exceljs';
import { fromBuffer, Entry } from 'yauzl';
import { DomainError } from '@dvc/domain-errors';

export interface ImportLimits {
  rows: number;
  cells: number;
  unzippedBytes: number;
  zipEntries: number;
  workerHeapMegabytes: number;
  readSeconds: number;
}

/**
 * What one catalogue file may hold. A province's catalogue is a few thousand agencies and procedures and some
 * tens of thousands of offerings; these leave an order of magnitude above that and keep a hostile file (a zip
 * bomb, a million empty rows) from taking the process's memory or time.
 */
export const IMPORT_LIMITS: ImportLimits = {
  /** Data rows and header rows of every sheet together. */
  rows: 100_000,
  /** Non-empty cells of every sheet together. */
  cells: 2_000_000,
  /** An XLSX's parts as unzipped, as its zip directory declares them. */
  unzippedBytes: 200 * 1024 * 1024,
  /** Parts of an XLSX (a workbook has a dozen plus two per sheet). */
  zipEntries: 10_000,
  /** The reading worker's heap: whatever a file declares, it cannot take more. */
  workerHeapMegabytes: 512,
  readSeconds: 120,
};

export interface WorkbookRows {
  name: string;
  rows: { row: number; values: [column: number, value: CellValue][] }[];
}

const tooLarge = (message: string) => new DomainError('too_large', message);

/** Refuses an XLSX whose zip directory declares more unzipped bytes or parts than a catalogue needs. */
export async function checkZipDirectory(content: Buffer, limits = IMPORT_LIMITS): Promise<void> {
  const entries = await new Promise<Entry[]>((resolve, reject) =>
    fromBuffer(content, { lazyEntries: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip)
        return reject(new DomainError('invalid', `cannot read the XLSX workbook: ${error?.message}`));
      const found: Entry[] = [];
      zip.on('entry', (entry: Entry) => {
        found.push(entry);
        if (found.length > limits.zipEntries) {
          zip.close();
          resolve(found);
        } else zip.readEntry();
      });
      zip.on('end', () => resolve(found));
      zip.on('error', (zipError: Error) =>
        reject(new DomainError('invalid', `cannot read the XLSX workbook: ${zipError.message}`)),
      );
      zip.readEntry();
    }),
  );
  if (entries.length > limits.zipEntries)
    throw tooLarge(
      `the workbook has more than ${limits.zipEntries} parts; a catalogue workbook has a few dozen`,
    );
  const unzipped = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (unzipped > limits.unzippedBytes) {
    throw tooLarge(
      `the workbook unzips to ${megabytes(unzipped)} MB, more than the ${megabytes(limits.unzippedBytes)} MB ` +
        'a catalogue file may: split it, or remove empty rows and formatting',
    );
  }
}

/**
 * The cells of an XLSX workbook, read as a stream in a worker thread (other requests go on meanwhile) with a
 * bounded heap and time, stopped at the row and cell limits.
 */
export async function readWorkbookRows(content: Buffer, limits = IMPORT_LIMITS): Promise<WorkbookRows[]> {
  await checkZipDirectory(content, limits);
  const worker = new Worker(join(__dirname, 'workbook-rows.worker.js'), {
    workerData: { content: new Uint8Array(content), maxRows: limits.rows, maxCells: limits.cells },
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMegabytes },
  });
  type Reply = { sheets: WorkbookRows[] } | { exceeded: 'rows' | 'cells' } | { error: string };
  let timer: NodeJS.Timeout | undefined;
  const reply = await new Promise<Reply>((resolve, reject) => {
    timer = setTimeout(() => {
      void worker.terminate();
      reject(
        tooLarge(`reading the workbook took more than ${limits.readSeconds} s: split it into smaller files`),
      );
    }, limits.readSeconds * 1000);
    worker.once('message', resolve);
    worker.once('error', (error: Error & { code?: string }) =>
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? tooLarge(
              `reading the workbook needs more than ${limits.workerHeapMegabytes} MB: split it into smaller files`,
            )
          : error,
      ),
    );
    worker.once('exit', (code) => reject(new Error(`the workbook reader stopped (exit code ${code})`)));
  }).finally(() => {
    clearTimeout(timer);
    void worker.terminate();
  });
  if ('exceeded' in reply) {
    throw tooLarge(
      reply.exceeded === 'rows'
        ? `the workbook has more than ${limits.rows} rows; a catalogue file may hold at most that many`
        : `the workbook has more than ${limits.cells} filled cells; a catalogue file may hold at most that many`,
    );
  }
  if ('error' in reply) throw new DomainError('invalid', `cannot read the XLSX workbook: ${reply.error}`);
  return reply.sheets;
}

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));
