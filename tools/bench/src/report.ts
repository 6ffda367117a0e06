/** Printing and small statistics. Tables are printed as Markdown so they can be pasted into BENCHMARKS.md. */

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

const formatCell = (value: Cell): string => {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
};

/** 1234567 → "1,234,567"; 12.345 → "12.3"; 0.01234 → "0.0123". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const digits =
    Number.isInteger(value) || magnitude >= 1000 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 4;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function markdownTable(rows: readonly Row[]): string {
  if (rows.length === 0) return '(no rows)';
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => headers.map((header) => formatCell(row[header])));
  const numeric = headers.map((header) =>
    rows.every((row) => row[header] === undefined || row[header] === null || typeof row[header] === 'number'),
  );
  const widths = headers.map((header, column) =>
    Math.max(header.length, 3, ...cells.map((line) => line[column].length)),
  );
  const pad = (text: string, column: number) =>
    numeric[column] ? text.padStart(widths[column]) : text.padEnd(widths[column]);
  const line = (values: string[]) => `| ${values.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (numeric[column] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(headers), rule, ...cells.map(line)].join('\n');
}

export function printTable(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}\n`);
  console.log(markdownTable(rows));
}

export function printHeading(title: string): void {
  console.log(`\n${'='.repeat(title.length + 8)}\n=== ${title} ===\n${'='.repeat(title.length + 8)}`);
}

export function printConfig(config: Record<string, Cell>): void {
  for (const [key, value] of Object.entries(config)) console.log(`  ${key}: ${formatCell(value)}`);
}

export interface LatencySummary {
  runs: number;
  minMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    runs: sorted.length,
    minMs: round(sorted[0]),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]),
    meanMs: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
  };
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export const msSince = (start: number) => performance.now() - start;

export const perSecond = (count: number, ms: number) => (ms > 0 ? Math.round((count * 1000) / ms) : 0);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const MiB = 1024 * 1024;

export const byteSize = (bytes: number) =>
  bytes >= MiB ? `${formatNumber(bytes / MiB)} MiB` : `${formatNumber(bytes / 1024)} KiB`;

/**
 * CPU milliseconds this process spent per 1,000 events since `start` (a `process.cpuUsage()`): chDB runs
 * in-process, so its threads count too. On a shared machine this moves far less than wall time does.
 */
export function cpuMsPer1000(start: NodeJS.CpuUsage, events: number): number {
  const used = process.cpuUsage(start);
  return Math.round(((used.user + used.system) / 1000 / events) * 1000 * 100) / 100;
}
