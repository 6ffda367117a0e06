import { Injectable, Logger } from '@nestjs/common';
import { AgenciesService, CatalogueStore, ProceduresService, TargetsService } from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import { localDateOf } from '@dvc/indicators';
import { syntheticCatalogue, syntheticProvince } from '@dvc/synthetic-province';

/**
 * Gives the synthetic province a catalogue and the seed targets on a first start, so procedure indicators
 * have something to show. Leaves a catalogue that already has agencies alone (an official's import wins).
 */
@Injectable()
export class SyntheticCatalogueLoader {
  private readonly logger = new Logger('SyntheticCatalogue');

  constructor(
    private readonly config: AppConfig,
    private readonly store: CatalogueStore,
    private readonly agencies: AgenciesService,
    private readonly procedures: ProceduresService,
    private readonly targets: TargetsService,
  ) {}

  async loadIfEmpty(): Promise<void> {
    if ((await this.agencies.list()).length > 0) return;
    const seed = this.config.GENERATOR_SEED;
    const catalogue = syntheticCatalogue(syntheticProvince(seed), seed, localDateOf(new Date()));
    await this.store.write(async (manager) => {
      await this.agencies.upsertMany(manager, catalogue.agencies);
      await this.procedures.upsertProcedures(manager, catalogue.procedures);
      await this.procedures.upsertOfferings(
        manager,
        catalogue.levels.map(({ procedureCode, agencyCode }) => ({ procedureCode, agencyCode })),
      );
      await this.procedures.upsertLevels(manager, catalogue.levels);
    });
    // The demo province is shaped like Bình Thuận: its own plan applies beside the national targets.
    const presets = await this.targets.loadPresets(['national', 'binh-thuan-2018']);
    this.logger.log(
      `loaded ${catalogue.agencies.length} agencies, ${catalogue.procedures.length} procedures, ` +
        `${catalogue.levels.length} level changes and ${presets.length} seed targets`,
    );
  }
}
