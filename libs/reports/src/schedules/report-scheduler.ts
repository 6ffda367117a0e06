import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runAsProcess } from '@dvc/audit';
import { AppConfig, ConfigError, ReportSchedule } from '@dvc/config';
import { DomainError } from '@dvc/domain-errors';
import { IndicatorClock, localDateOf } from '@dvc/indicators';
import { DeliveryResult, EmailSender, WebhookSender } from '@dvc/notifications';
import { releaseLease, renewLease, tryAcquireLease } from '@dvc/postgres';
import { IssuedReport, IssuedReportsService } from '../issued/issued-reports.service';
import { ReportTable } from '../report-table';
import { ReportsService } from '../reports.service';
import { DueReport, dueReports, issuedKeyOf, PROVINCE_SCOPE } from './due-reports';
import { VIETNAM_HOLIDAYS } from './holidays/vietnam-holidays';
import { WorkingCalendar, workingCalendar } from './holidays/working-days';
import { announcementEmail, announcementWebhook, AnnouncedReport } from './report-announcement';

/** Who issues scheduled reports, in issued_by and the audit log. */
export const REPORT_SCHEDULER_PRINCIPAL = 'report-scheduler';
const LEASE = 'report-scheduler';

export interface ScheduledIssue {
  due: DueReport;
  issued: IssuedReport;
  deliveries: DeliveryResult[];
}

export interface SchedulerRound {
  /** False: another replica holds the lease (or there is nothing scheduled). */
  ran: boolean;
  issued: ScheduledIssue[];
  /** Due reports that failed to issue (logged); tried again next round. */
  failed: { due: DueReport; error: string }[];
}

/**
 * Issues the scheduled reports that have fallen due (REPORT_SCHEDULES), every REPORT_SCHEDULE_CHECK_SECONDS in
 * every replica; the named lease "report-scheduler" lets one of them do it. Each goes through the issue path
 * (frozen, checksummed, audited) as `report-scheduler`; a report already issued (by a person, another replica
 * or before a restart) is not issued again. Each one issued is announced by email (its XLSX attached) and by
 * webhook, once: a failed announcement is logged, not sent again. Working days skip Vietnam's public holidays
 * (holidays/vietnam-holidays.json) and the province's REPORT_HOLIDAYS.
 */
@Injectable()
export class ReportScheduler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportScheduler.name);
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private schedules: (ReportSchedule & { rows: string })[] = [];
  /** The national public holidays with the province's own days (REPORT_HOLIDAYS). */
  readonly calendar: WorkingCalendar;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly reports: ReportsService,
    private readonly issuing: IssuedReportsService,
    private readonly email: EmailSender,
    private readonly webhooks: WebhookSender,
    private readonly clock: IndicatorClock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.calendar = workingCalendar(VIETNAM_HOLIDAYS.years, config.REPORT_HOLIDAYS);
  }

  /** Refuses to start with a schedule naming an unknown kind or a grouping the kind has not. */
  onModuleInit(): void {
    this.schedules = this.config.REPORT_SCHEDULES.map((schedule) => {
      const kind = this.reports.kinds().find((known) => known.id === schedule.kind);
      if (!kind)
        throw new ConfigError(
          `REPORT_SCHEDULES: schedule "${schedule.id}" names report kind "${schedule.kind}"; known: ` +
            this.reports
              .kinds()
              .map((known) => known.id)
              .join(', '),
        );
      const rows = schedule.rows ?? kind.rows[0];
      if (!(kind.rows as string[]).includes(rows))
        throw new ConfigError(
          `REPORT_SCHEDULES: schedule "${schedule.id}": rows=${rows} does not apply to ${kind.id} ` +
            `(its rows: ${kind.rows.join(', ')})`,
        );
      return { ...schedule, rows };
    });
    const year = Number(localDateOf(this.clock.now()).slice(0, 4));
    const unknown = [year, year + 1].filter((known) => !this.calendar.years.has(known));
    if (unknown.length > 0 && this.schedules.some((schedule) => 'workingDaysAfterEnd' in schedule.due))
      this.logger.warn(
        `the public holidays of ${unknown.join(' and ')} are not known: working days there skip only ` +
          'Saturdays, Sundays and REPORT_HOLIDAYS (add the announced days off to REPORT_HOLIDAYS)',
      );
  }

  onApplicationBootstrap(): void {
    const seconds = this.config.REPORT_SCHEDULE_CHECK_SECONDS;
    if (seconds === 0 || this.schedules.length === 0) return;
    this.timer = setInterval(() => this.tick(), seconds * 1000);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.error(`report schedules failed: ${String(error)}`))
      .finally(() => {
        this.running = null;
      });
  }

  /** One round: under the lease, issue and announce what has fallen due and was not issued yet. */
  async runOnce(): Promise<SchedulerRound> {
    const round: SchedulerRound = { ran: false, issued: [], failed: [] };
    if (this.schedules.length === 0) return round;
    const seconds = this.config.REPORT_SCHEDULE_LEASE_SECONDS;
    if (!(await tryAcquireLease(this.dataSource, LEASE, this.holder, seconds))) return round;
    round.ran = true;
    const issuedKeys = new Set(
      (await this.issuing.list({})).map((report) =>
        issuedKeyOf({
          kind: report.kind,
          scope: report.agency ?? PROVINCE_SCOPE,
          periodKey: report.period.key,
          cut: report.period.cut,
          rows: report.rows,
          structure: report.structure,
        }),
      ),
    );
    const due = dueReports(
      this.clock.now(),
      this.schedules,
      issuedKeys,
      this.config.REPORT_PERIOD_CUT,
      this.calendar,
    );
    for (const report of due) {
      // A replica paused past its lease stops: the one that took over issues the rest.
      if (!(await renewLease(this.dataSource, LEASE, this.holder, seconds))) break;
      try {
        const issued = await runAsProcess(REPORT_SCHEDULER_PRINCIPAL, () =>
          this.issuing.issue(
            report.kind,
            {
              period: report.period.key,
              cut: report.period.cut,
              ...(report.agency ? { agency: report.agency } : {}),
              rows: report.rows as 'field' | 'agency' | 'target',
              structure: report.structure,
              format: 'json',
            },
            REPORT_SCHEDULER_PRINCIPAL,
          ),
        );
        this.logger.log(
          `issued ${report.kind} for ${report.agency ?? PROVINCE_SCOPE}, ${report.period.key} (${report.period.cut}) ` +
            `as ${issued.id} (schedule ${report.scheduleId})`,
        );
        round.issued.push({ due: report, issued, deliveries: await this.announce(report, issued) });
      } catch (error) {
        // Issued meanwhile (a person, or before the list was read): nothing to do.
        if (error instanceof DomainError && error.kind === 'conflict') continue;
        this.logger.error(
          `schedule ${report.scheduleId}: ${report.kind} ${report.period.key} failed: ${String(error)}`,
        );
        round.failed.push({ due: report, error: String(error) });
      }
    }
    return round;
  }

  private async announce(due: DueReport, issued: IssuedReport): Promise<DeliveryResult[]> {
    const schedule = this.schedules.find((candidate) => candidate.id === due.scheduleId)!;
    const [json, xlsx] = await Promise.all([
      this.issuing.download(issued.id, 'json'),
      this.issuing.download(issued.id, 'xlsx'),
    ]);
    const table = JSON.parse(json.file.bytes.toString('utf8')) as ReportTable;
    const announced: AnnouncedReport = {
      issued,
      scheduleId: schedule.id,
      formCode: table.formCode,
      title: table.title,
      scopeLine: table.scopeLine,
      periodLabel: table.period.labelVi,
      xlsx: { filename: xlsx.file.filename, bytes: xlsx.file.bytes },
    };
    const baseUrl = this.config.PUBLIC_BASE_URL;
    const deliveries: Promise<DeliveryResult>[] = [];
    if (schedule.email.length > 0)
      deliveries.push(this.email.send(announcementEmail(announced, schedule.email, baseUrl)));
    if (schedule.webhook)
      deliveries.push(this.webhooks.send(announcementWebhook(announced, schedule.webhook, baseUrl)));
    const results = await Promise.all(deliveries);
    for (const result of results)
      if (result.outcome !== 'delivered')
        this.logger.warn(
          `announcing ${issued.id} by ${result.channel} ${result.outcome}: ${result.error ?? ''}`,
        );
    return results;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    // Handed back so a replica that starts now need not wait for it to run out (a no-op unless held).
    if (this.schedules.length > 0)
      await releaseLease(this.dataSource, LEASE, this.holder).catch(() => undefined);
  }
}
