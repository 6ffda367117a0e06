import { Module } from '@nestjs/common';
import { NotificationsModule } from '@dvc/notifications';
import { IndicatorsModule } from '@dvc/indicators';
import { ReportsModule } from '../reports.module';
import { ReportScheduler } from './report-scheduler';

/**
 * Reports issued on schedule and announced (REPORT_SCHEDULES). Imported by the API app only: the CLI's report
 * command uses ReportsModule and never issues on schedule.
 */
@Module({
  imports: [ReportsModule, NotificationsModule, IndicatorsModule],
  providers: [ReportScheduler],
  exports: [ReportScheduler],
})
export class ReportSchedulesModule {}
