import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConsoleLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { loadAppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import {
  IssuedReportsService,
  PERIOD_CUTS,
  REPORT_FORMATS,
  REPORT_KINDS,
  ReportsModule,
  ReportsService,
  ROW_GROUPINGS,
  SHEET_LAYOUTS,
} from '@dvc/reports';
import { ReportCommandOptions, reportCommandQueries } from './report-options';

const STEPS = ['counting', 'laying out', 'writing'] as const;

/**
 * `dvc report ii06a --period 2026-03 [--agency CODE …] [--rows agency | --sheets unit] [--format xlsx] [--out DIR]`:
 * makes the report (one file per agency, or for the province), with a progress bar on stderr; `--issue
 * --issued-by NAME` issues it instead.
 */
async function reportCommand(kind: string, options: ReportCommandOptions): Promise<number> {
  const queries = reportCommandQueries(kind, options);
  const config = loadAppConfig();
  @Module({ imports: [PlatformModule.forRoot(config), ReportsModule] })
  class ReportCliModule {}
  const app = await NestFactory.createApplicationContext(ReportCliModule, {
    logger: new ConsoleLogger({ logLevels: ['fatal', 'error', 'warn'] }),
    abortOnError: false,
  });
  const bar = new SingleBar(
    {
      format: '{step} [{bar}] {value}/{total} {scope}',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  bar.start(queries.length * STEPS.length, 0, { step: STEPS[0], scope: '' });
  try {
    const reports = app.get(ReportsService);
    const issued = app.get(IssuedReportsService);
    const written: string[] = [];
    for (const query of queries) {
      const scope = query.agency ?? 'province';
      bar.update({ step: STEPS[0], scope });
      if (options.issue) {
        const report = await issued.issue(kind, query, options.issuedBy ?? 'cli');
        bar.increment(STEPS.length, { scope });
        written.push(`issued ${report.id} (${scope}, ${report.period.key}, checksum ${report.checksum})`);
        continue;
      }
      const report = await reports.compute(kind, query);
      bar.increment(1, { step: STEPS[1], scope });
      const file = await reports.render(report, options.format);
      bar.increment(1, { step: STEPS[2], scope });
      const path = resolve(process.env.INIT_CWD ?? process.cwd(), options.out ?? '.', file.filename);
      await writeFile(path, file.bytes);
      bar.increment(1, { scope });
      written.push(path);
    }
    bar.stop();
    for (const line of written) console.log(line);
    return 0;
  } finally {
    bar.stop();
    await app.close();
  }
}

export function addReportCommand(program: Command, run: (work: () => Promise<number>) => void): void {
  program
    .command('report')
    .description('Make a report in an official form (or issue it) on the configured engines')
    .addArgument(program.createArgument('<kind>', 'report kind').choices(REPORT_KINDS.map((kind) => kind.id)))
    .requiredOption('-p, --period <period>', '2026-03, 2026-Q1, 2026-6M, 2026-9M or 2026')
    .addOption(
      new Option('--cut <cut>', 'statutory (Decree 09/2019) or calendar; default REPORT_PERIOD_CUT').choices(
        PERIOD_CUTS,
      ),
    )
    .option('-a, --agency <code...>', 'one report per agency (with its subtree); none: the province')
    .addOption(
      new Option(
        '--rows <rows>',
        'ii06a: by field (default) or child unit; ranking: agency; targets: target',
      ).choices(ROW_GROUPINGS),
    )
    .addOption(
      new Option(
        '--sheets <sheets>',
        'ii06a: unit = also one sheet per child unit (rows by field) beside the total; xlsx or json only',
      ).choices(SHEET_LAYOUTS),
    )
    .addOption(new Option('-f, --format <format>', 'file format').choices(REPORT_FORMATS).default('xlsx'))
    .option('-o, --out <dir>', 'directory to write the files to', '.')
    .option('--issue', 'issue (freeze) the reports instead of writing files')
    .option('--issued-by <name>', 'who issues them')
    .action((kind: string, options: ReportCommandOptions) => run(() => reportCommand(kind, options)));
}
