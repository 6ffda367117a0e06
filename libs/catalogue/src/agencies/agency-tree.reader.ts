import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyTree } from './agency-tree';

/**
 * The agency tree as PostgreSQL has it now, read again only when the catalogue's revision moved (one small
 * query per call otherwise), so that a check per ingest batch costs next to nothing.
 */
@Injectable()
export class AgencyTreeReader {
  private cached: { revision: number; tree: AgencyTree } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async tree(): Promise<AgencyTree> {
    const [{ revision }] = await this.dataSource.query(
      'SELECT revision FROM catalogue.revision WHERE id = 1',
    );
    if (this.cached?.revision === Number(revision)) return this.cached.tree;
    const loaded = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ revision: at }] = await manager.query('SELECT revision FROM catalogue.revision WHERE id = 1');
      const agencies = await manager.query(
        'SELECT code, parent_code AS "parentCode" FROM catalogue.agencies',
      );
      const lineage = await manager.query(
        `SELECT from_code AS "fromCode", to_code AS "toCode", to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate"
           FROM catalogue.agency_lineage`,
      );
      return { revision: Number(at), tree: new AgencyTree(agencies, lineage) };
    });
    this.cached = loaded;
    return loaded.tree;
  }
}
