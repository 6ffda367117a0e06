import { Module } from '@nestjs/common';
import { CatalogueModule } from '@dvc/catalogue';
import { EventsStoredSignalModule } from '@dvc/ingestion';
import { IndicatorsModule } from '@dvc/indicators';
import { TargetStatusModule } from '@dvc/target-status';
import { DossiersToActOnRepository } from './dossiers/dossiers-to-act-on.repository';
import { DossiersToActOnService } from './dossiers/dossiers-to-act-on.service';
import { LeaderboardService } from './leaderboard/leaderboard.service';
import { LeversService } from './levers/levers.service';
import { EventsWatermarkRepository } from './live/events-watermark.repository';
import { LiveOverviewService } from './live/live-overview.service';
import { OverviewService } from './overview/overview.service';

/** What the web dashboard reads: a scope's overview, its leaderboard, its dossiers to act on, its biggest levers, its live overview. */
@Module({
  imports: [CatalogueModule, IndicatorsModule, TargetStatusModule, EventsStoredSignalModule],
  providers: [
    OverviewService,
    LeaderboardService,
    DossiersToActOnRepository,
    DossiersToActOnService,
    LeversService,
    EventsWatermarkRepository,
    LiveOverviewService,
  ],
  exports: [OverviewService, LeaderboardService, DossiersToActOnService, LeversService, LiveOverviewService],
})
export class DashboardModule {}
