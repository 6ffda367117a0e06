import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dvc/audit';
import { AgenciesService } from './agencies/agencies.service';
import { CATALOGUE_ENTITIES } from './catalogue.entities';
import { CatalogueImportService } from './import/catalogue-import.service';
import { CatalogueMirror } from './mirror/catalogue-mirror';
import { CataloguePublicationsRepository } from './mirror/catalogue-publications.repository';
import { CatalogueReader } from './mirror/catalogue-reader';
import { ProceduresService } from './procedures/procedures.service';
import { CatalogueStore } from './storage/catalogue-store';
import { TargetsService } from './targets/targets.service';

/** Agencies, procedures with their levels, and targets in PostgreSQL, mirrored into ClickHouse. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOGUE_ENTITIES), AuditModule],
  providers: [
    CatalogueStore,
    AgenciesService,
    ProceduresService,
    TargetsService,
    CatalogueReader,
    CataloguePublicationsRepository,
    CatalogueMirror,
    CatalogueImportService,
  ],
  exports: [
    CatalogueStore,
    AgenciesService,
    ProceduresService,
    TargetsService,
    CatalogueReader,
    CatalogueMirror,
    CatalogueImportService,
  ],
})
export class CatalogueModule {}
