import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessModule } from '@dvc/access';
import { AlertsModule } from '@dvc/alerts';
import { AuditModule } from '@dvc/audit';
import { AppConfig } from '@dvc/config';
import { CatalogueModule } from '@dvc/catalogue';
import { DashboardModule } from '@dvc/dashboard';
import { DataQualityModule } from '@dvc/data-quality';
import { IndicatorAnswersModule } from '@dvc/indicator-answers';
import { IndicatorsModule } from '@dvc/indicators';
import { IngestionModule } from '@dvc/ingestion';
import { ReportSchedulesModule, ReportsModule } from '@dvc/reports';
import { TargetStatusModule } from '@dvc/target-status';
import { AuthController } from './access/auth.controller';
import { TokensController } from './access/tokens.controller';
import { UsersController } from './access/users.controller';
import {
  AlertContactsController,
  AlertRulesController,
  AlertsController,
  SilencesController,
} from './alerts/alerts.controller';
import { AuditController } from './audit/audit.controller';
import { AgenciesController, LineageController } from './catalogue/agencies.controller';
import { CatalogueImportController } from './catalogue-import/catalogue-import.controller';
import { ProceduresController } from './catalogue/procedures.controller';
import { TargetsController } from './catalogue/targets.controller';
import { DossiersController } from './dashboard/dossiers.controller';
import { LeaderboardController } from './dashboard/leaderboard.controller';
import { LeversController } from './dashboard/levers.controller';
import { LiveController } from './dashboard/live.controller';
import { OverviewController } from './dashboard/overview.controller';
import { DataQualityController } from './data-quality/data-quality.controller';
import { EventsController } from './events/events.controller';
import { IssuedReportsController } from './reports/issued-reports.controller';
import { ReportsController } from './reports/reports.controller';
import { IndicatorsController } from './indicators/indicators.controller';
import { TargetStatusController } from './target-status/target-status.controller';

/**
 * The stateless HTTP API: event ingestion for systems without Kafka, catalogue, indicators and targets out;
 * every route declares who may call it (`@Access`), and AccessModule's one guard enforces it.
 */
@Module({
  imports: [
    AccessModule,
    AuditModule,
    // The sign-in rate limit (LoginThrottlerGuard on POST /v1/auth/login), in this process's memory.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [
        { ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000, limit: config.LOGIN_RATE_LIMIT },
      ],
    }),
    IngestionModule,
    IndicatorsModule,
    IndicatorAnswersModule,
    DataQualityModule,
    CatalogueModule,
    TargetStatusModule,
    DashboardModule,
    AlertsModule,
    ReportsModule,
    ReportSchedulesModule,
  ],
  controllers: [
    EventsController,
    IndicatorsController,
    DataQualityController,
    AgenciesController,
    LineageController,
    ProceduresController,
    TargetStatusController,
    TargetsController,
    CatalogueImportController,
    OverviewController,
    LeaderboardController,
    DossiersController,
    LeversController,
    LiveController,
    AuthController,
    UsersController,
    TokensController,
    AuditController,
    AlertRulesController,
    AlertsController,
    SilencesController,
    AlertContactsController,
    IssuedReportsController,
    ReportsController,
  ],
})
export class ApiModule {}
