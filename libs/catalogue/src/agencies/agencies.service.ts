import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { DomainError } from '@dvc/domain-errors';
import { CatalogueStore } from '../storage/catalogue-store';
import { parentChangeRefusal } from './agency-parent';
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

  async list(filter: { parentCode?: string | null; kind?: Agency['kind'] } = {}): Promise<Agency[]> {
    const where = {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.parentCode !== undefined ? { parentCode: filter.parentCode ?? IsNull() } : {}),
    };
    const rows = await this.store.manager.find(AgencyEntity, { where, order: { code: 'ASC' } });
    return rows.map(toAgency);
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

  /** Every lineage link, or those from or to one agency (which must exist). */
  async lineage(code?: string): Promise<Lineage[]> {
    if (code) await this.get(code);
    const where = code ? [{ fromCode: code }, { toCode: code }] : {};
    const rows = await this.store.manager.find(AgencyLineageEntity, {
      where,
      order: { effectiveDate: 'ASC', fromCode: 'ASC', toCode: 'ASC' },
    });
    return rows.map(toLineage);
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
