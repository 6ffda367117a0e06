import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError } from '@dvc/domain-errors';
import { CatalogueStore } from '../storage/catalogue-store';
import { parentChangeRefusal } from './agency-parent';
import { subtreeCodes } from './agency-subtree.sql';
import { AgencyEntity, AgencyLineageEntity, toAgency } from './agency.entity';
import { Agency, AgencyInput, Lineage, LineageInput } from './agency.schema';

const toColumns = (input: AgencyInput): AgencyEntity => ({
  code: input.code,
  name: input.name,
  kind: input.kind,
  parentCode: input.parentCode ?? null,
  validFrom: input.validFrom,
  validTo: input.validTo ?? null,
});

const toLineage = (entity: AgencyLineageEntity): Lineage => ({
  fromCode: entity.fromCode,
  toCode: entity.toCode,
  effectiveDate: entity.effectiveDate,
});

@Injectable()
export class AgenciesService {
  constructor(private readonly store: CatalogueStore) {}

  /** `within`: only that agency and the units under it. */
  async list(
    filter: { parentCode?: string | null; kind?: Agency['kind']; within?: string | null } = {},
  ): Promise<Agency[]> {
    const query = this.store.manager.createQueryBuilder(AgencyEntity, 'agency').orderBy('agency.code', 'ASC');
    if (filter.kind) query.andWhere('agency.kind = :kind', { kind: filter.kind });
    if (filter.parentCode === null) query.andWhere('agency.parent_code IS NULL');
    else if (filter.parentCode !== undefined)
      query.andWhere('agency.parent_code = :parent', { parent: filter.parentCode });
    if (filter.within) query.andWhere(`agency.code IN ${subtreeCodes('within')}`, { within: filter.within });
    return (await query.getMany()).map(toAgency);
  }

  async get(code: string): Promise<Agency> {
    const row = await this.store.manager.findOneBy(AgencyEntity, { code });
    if (!row) throw new DomainError('not_found', `no agency ${code}`);
    return toAgency(row);
  }

  async create(input: AgencyInput): Promise<Agency> {
    return this.store.write(async (manager) => {
      if (await manager.existsBy(AgencyEntity, { code: input.code })) {
        throw new DomainError('conflict', `agency ${input.code} already exists`);
      }
      return toAgency(await manager.save(AgencyEntity, toColumns(input)));
    });
  }

  /**
   * Replaces an agency's fields; the code in the path wins (codes do not change: a new code is a new unit). The
   * parent does not change either (a unit keeps it for life): a different one is a conflict.
   */
  async replace(code: string, input: AgencyInput): Promise<Agency> {
    if (input.code !== code) throw new DomainError('invalid', `body code ${input.code} differs from ${code}`);
    if (input.parentCode === code) {
      throw new DomainError('invalid', `agency ${code} cannot be its own parent`, [
        'parentCode: an agency cannot be its own parent',
      ]);
    }
    return this.store.write(async (manager) => {
      const existing = await manager.findOne(AgencyEntity, {
        select: { code: true, parentCode: true },
        where: { code },
      });
      if (!existing) throw new DomainError('not_found', `no agency ${code}`);
      const refusal = parentChangeRefusal(existing, input.parentCode);
      if (refusal) throw new DomainError('conflict', refusal);
      return toAgency(await manager.save(AgencyEntity, toColumns(input)));
    });
  }

  async remove(code: string): Promise<void> {
    await this.store.write(async (manager) => {
      if (await manager.existsBy(AgencyEntity, { parentCode: code })) {
        throw new DomainError(
          'conflict',
          `agency ${code} still has units under it; move or remove them first`,
        );
      }
      const { affected } = await manager.delete(AgencyEntity, { code });
      if (!affected) throw new DomainError('not_found', `no agency ${code}`);
    });
  }

  /**
   * Inserts or updates, by code, inside the caller's transaction (imports). An existing agency keeps its parent:
   * the import reports such rows; meeting one here (changed since the import was checked) is a conflict.
   */
  async upsertMany(manager: EntityManager, inputs: readonly AgencyInput[]): Promise<void> {
    for (let i = 0; i < inputs.length; i += 1000) {
      const chunk = inputs.slice(i, i + 1000);
      const existing = await manager.find(AgencyEntity, {
        select: { code: true, parentCode: true },
        where: { code: In(chunk.map((input) => input.code)) },
      });
      const byCode = new Map(existing.map((agency) => [agency.code, agency]));
      for (const input of chunk) {
        const refusal = parentChangeRefusal(byCode.get(input.code), input.parentCode);
        if (refusal) throw new DomainError('conflict', refusal);
      }
      await manager.upsert(AgencyEntity, chunk.map(toColumns), ['code']);
    }
  }

  /**
   * Every lineage link, or those from or to one agency (which must exist), or (`within`) those from or to that
   * agency or a unit under it.
   */
  async lineage(code?: string, filter: { within?: string | null } = {}): Promise<Lineage[]> {
    if (code) await this.get(code);
    const query = this.store.manager
      .createQueryBuilder(AgencyLineageEntity, 'link')
      .orderBy('link.effectiveDate', 'ASC')
      .addOrderBy('link.fromCode', 'ASC')
      .addOrderBy('link.toCode', 'ASC');
    if (code) query.andWhere('(link.from_code = :code OR link.to_code = :code)', { code });
    if (filter.within) {
      const subtree = subtreeCodes('within');
      query.andWhere(`(link.from_code IN ${subtree} OR link.to_code IN ${subtree})`, {
        within: filter.within,
      });
    }
    return (await query.getMany()).map(toLineage);
  }

  async putLineage(input: LineageInput): Promise<Lineage> {
    return this.store.write(async (manager) =>
      toLineage(await manager.save(AgencyLineageEntity, { ...input })),
    );
  }

  async upsertLineage(manager: EntityManager, inputs: readonly LineageInput[]): Promise<void> {
    for (let i = 0; i < inputs.length; i += 1000) {
      await manager.upsert(AgencyLineageEntity, inputs.slice(i, i + 1000), ['fromCode', 'toCode']);
    }
  }

  async removeLineage(fromCode: string, toCode: string): Promise<void> {
    await this.store.write(async (manager) => {
      const { affected } = await manager.delete(AgencyLineageEntity, { fromCode, toCode });
      if (!affected) throw new DomainError('not_found', `no lineage ${fromCode} → ${toCode}`);
    });
  }
}
