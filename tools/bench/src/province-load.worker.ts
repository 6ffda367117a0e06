import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { LifecycleEvent, syntheticProvince, visitProvinceHistory } from '@dvc/synthetic-province';
import { ARRIVAL_DELAY_MS, DossierFold, eventLine } from './province-rows';

/** What a load worker is told: its share of the days, and where to write. */
export interface LoadWorkerData {
  index: number;
  workers: number;
  seed: number;
  from: string;
  to: string;
  dossiersPerDay: number;
  now: number;
  dir: string;
  /** A dossier_events file is handed over once it holds this many bytes. */
  fileBytes: number;
  /** Files handed over and not yet inserted before the worker waits. */
  maxPendingFiles: number;
}

export type LoadWorkerMessage =
  | { kind: 'events'; worker: number; file: string; rows: number; bytes: number }
  | {
      kind: 'done';
      worker: number;
      days: number;
      dossiers: number;
      events: number;
      rows: number;
      busyMs: number;
      waitMs: number;
      postgresFile: string;
      postgresRows: number;
    };

/**
 * Generates every `workers`-th day of the synthetic province, writes its events as dossier_events TSV files
 * (handed to the main thread, which inserts them) and its dossiers as PostgreSQL COPY text (one file, loaded
 * after). Waits for the main thread when it is `maxPendingFiles` files ahead of the inserts.
 */
async function run(data: LoadWorkerData, port: NonNullable<typeof parentPort>): Promise<void> {
  const source = syntheticProvince(data.seed).source;
  let buffer = Buffer.allocUnsafe(data.fileBytes + (1 << 20));
  let position = 0;
  let fileRows = 0;
  let files = 0;
  let credits = data.maxPendingFiles;
  const creditWaiters: (() => void)[] = [];
  port.on('message', () => {
    credits++;
    creditWaiters.shift()?.();
  });

  const postgresFile = join(data.dir, `dossiers-${data.index}.copy`);
  const postgres = openSync(postgresFile, 'w');
  let postgresText: string[] = [];
  const fold = new DossierFold();
  const totals = { days: 0, dossiers: 0, events: 0, rows: 0, postgresRows: 0 };
  const write = (line: string) => {
    // A line is a few hundred bytes; a day may run past fileBytes, so grow rather than cut it.
    if (buffer.length - position < 4096) {
      const larger = Buffer.allocUnsafe(Math.ceil(buffer.length * 1.5));
      buffer.copy(larger, 0, 0, position);
      buffer = larger;
    }
    position += buffer.write(line, position, 'latin1');
    fileRows++;
  };
  const endDossier = () => {
    if (!fold.started) return;
    postgresText.push(fold.line());
    totals.postgresRows++;
  };
  const visitor = {
    dossier: (code: string) => {
      endDossier();
      fold.start(source, code);
    },
    event: (code: string, event: LifecycleEvent, delivery: { duplicate: boolean; resent: boolean }) => {
      write(eventLine(source, code, event, '', ARRIVAL_DELAY_MS.first));
      if (delivery.duplicate) write(eventLine(source, code, event, '', ARRIVAL_DELAY_MS.duplicate));
      if (delivery.resent) write(eventLine(source, code, event, '-resent', ARRIVAL_DELAY_MS.resent));
      fold.apply(event);
    },
  };
  const handOver = async () => {
    if (position === 0) return;
    const file = join(data.dir, `events-${data.index}-${files++}.tsv`);
    writeFileSync(file, buffer.subarray(0, position));
    port.postMessage({
      kind: 'events',
      worker: data.index,
      file,
      rows: fileRows,
      bytes: position,
    } satisfies LoadWorkerMessage);
    totals.rows += fileRows;
    [position, fileRows] = [0, 0];
    credits--;
    if (credits <= 0) {
      const waitStart = performance.now();
      await new Promise<void>((resolve) => creditWaiters.push(resolve));
      waitMs += performance.now() - waitStart;
    }
  };

  let waitMs = 0;
  const start = performance.now();
  const lastDay = Math.round((Date.parse(data.to) - Date.parse(data.from)) / 86_400_000);
  for (let day = data.index; day <= lastDay; day += data.workers) {
    const visited = visitProvinceHistory({ ...data, days: (index) => index === day }, visitor);
    endDossier();
    fold.start('', '');
    totals.days += visited.days;
    totals.dossiers += visited.dossiers;
    totals.events += visited.events;
    writeSync(postgres, postgresText.join(''));
    postgresText = [];
    if (position >= data.fileBytes) await handOver();
  }
  await handOver();
  closeSync(postgres);
  port.postMessage({
    kind: 'done',
    worker: data.index,
    ...totals,
    busyMs: performance.now() - start - waitMs,
    waitMs,
    postgresFile,
  } satisfies LoadWorkerMessage);
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadWorkerData, port).catch((error: unknown) => {
    throw error;
  });
}
