import { Module } from '@nestjs/common';
import { AccessModule } from '@dvc/access';
import { AlertsModule } from '@dvc/alerts';
import { CatalogueModule } from '@dvc/catalogue';
import { DashboardModule } from '@dvc/dashboard';
import { DataQualityModule } from '@dvc/data-quality';
import { IndicatorAnswersModule } from '@dvc/indicator-answers';
import { IndicatorsModule } from '@dvc/indicators';
import { IngestionModule } from '@dvc/ingestion';
import { ReportsModule } from '@dvc/reports';
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
import { AgenciesController, LineageController } from './catalogue/agencies.controller';
import { CatalogueImportController } from './catalogue-import/catalogue-import.controller';
import { ProceduresController } from './catalogue/procedures.controller';
import { TargetsController } from './catalogue/targets.controller';
import { DossiersController } from './dashboard/dossiers.controller';
import { LeaderboardController } from './dashboard/leaderboard.controller';
import { LeversController } from './dashboard/levers.controller';
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
    IngestionModule,
    IndicatorsModule,
    IndicatorAnswersModule,
    DataQualityModule,
    CatalogueModule,
    TargetStatusModule,
    DashboardModule,
    AlertsModule,
    ReportsModule,
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
    AuthController,
    UsersController,
    TokensController,
    AlertRulesController,
    AlertsController,
    SilencesController,
    AlertContactsController,
    IssuedReportsController,
    ReportsController,
  ],
})
export class ApiModule {}
