import { Module } from '@nestjs/common';
import { AuditModule } from '@dvc/audit';
import { CatalogueModule } from '@dvc/catalogue';
import { IndicatorsModule } from '@dvc/indicators';
import { NotificationsModule } from '@dvc/notifications';
import { AlertsService } from './alerts.service';
import { AlertEvaluator } from './evaluation/alert-evaluator';
import { AlertsMetrics } from './evaluation/alerts.metrics';
import { AlertsScheduler } from './evaluation/alerts.scheduler';
import { AlertRulesService } from './rules/alert-rules.service';
import { AlertsRepository } from './storage/alerts.repository';

@Module({
  imports: [AuditModule, CatalogueModule, IndicatorsModule, NotificationsModule],
  providers: [
    AlertsRepository,
    AlertRulesService,
    AlertsService,
    AlertEvaluator,
    AlertsMetrics,
    AlertsScheduler,
  ],
  exports: [AlertRulesService, AlertsService, AlertEvaluator, AlertsRepository],
})
export class AlertsModule {}
