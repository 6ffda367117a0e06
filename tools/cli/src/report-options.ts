import { DomainError } from '@dvc/domain-errors';
import {
  PERIOD_CUTS,
  REPORT_KINDS,
  ReportFormat,
  reportLayoutProblem,
  ReportQuery,
  reportQuerySchema,
  RowGrouping,
  SheetLayout,
} from '@dvc/reports';

export interface ReportCommandOptions {
  period: string;
  cut?: (typeof PERIOD_CUTS)[number];
  agency?: string[];
  rows?: RowGrouping;
  sheets?: SheetLayout;
  format: ReportFormat;
  out?: string;
  issue?: boolean;
  issuedBy?: string;
}

/** The command line's options as an option is written there. */
const cliOption = (name: string, value: string) => `--${name} ${value}`;

/**
 * The reports `dvc report` makes: one query per `--agency` (or the province), checked before any engine starts,
 * so a layout the kind has not (`--sheets unit` as CSV or PDF, by child unit, or of another kind) is refused
 * at once, in the command line's terms.
 */
export function reportCommandQueries(kind: string, options: ReportCommandOptions): ReportQuery[] {
  const description = REPORT_KINDS.find((known) => known.id === kind);
  if (!description) throw new DomainError('not_found', `unknown report kind "${kind}"`);
  const problem = reportLayoutProblem(
    description,
    { rows: options.rows ?? description.rows[0], sheets: options.sheets ?? 'single', format: options.format },
    cliOption,
  );
  if (problem) throw new DomainError('invalid', problem);
  if (options.sheets === 'unit' && options.issue)
    throw new DomainError('invalid', '--sheets unit is not issued: an issued report keeps the single sheet');
  return (options.agency?.length ? options.agency : [undefined]).map((agency) =>
    reportQuerySchema.parse({
      period: options.period,
      cut: options.cut,
      agency,
      rows: options.rows,
      sheets: options.sheets,
      format: options.format,
    }),
  );
}
