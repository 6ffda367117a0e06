import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyEntity, AgencyLineageEntity, toAgency } from '../agencies/agency.entity';
import {
  OfferingEntity,
  OfferingLevelEntity,
  ProcedureEntity,
  toLevelChange,
  toProcedure,
} from '../procedures/procedure.entity';
import { CatalogueContents } from './catalogue-snapshot';

/** Reads the whole catalogue and its revision in one consistent snapshot of PostgreSQL. */
@Injectable()
export class CatalogueReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async readAll(): Promise<{ revision: number; contents: CatalogueContents }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ revision }] = await manager.query('SELECT revision FROM catalogue.revision WHERE id = 1');
      const agencies = await manager.find(AgencyEntity);
      const lineage = await manager.find(AgencyLineageEntity);
      const procedures = await manager.find(ProcedureEntity);
      const offerings = await manager.find(OfferingEntity);
      const levels = await manager.find(OfferingLevelEntity);
      return {
        revision: Number(revision),
        contents: {
          agencies: agencies.map(toAgency),
          lineage: lineage.map(({ fromCode, toCode, effectiveDate }) => ({
            fromCode,
            toCode,
            effectiveDate,
          })),
          procedures: procedures.map(toProcedure),
          offerings: offerings.map(({ procedureCode, agencyCode, validTo }) => ({
            procedureCode,
            agencyCode,
            validTo,
          })),
          levels: levels.map(toLevelChange),
        },
      };
    });
  }
}
