import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, LessThanOrEqual, MoreThanOrEqual, Raw } from 'typeorm';
import { DomainError } from '@dvc/domain-errors';
import { subtreeCodes } from '../agencies/agency-subtree.sql';
import { CatalogueStore } from '../storage/catalogue-store';
import { presetsOf } from './target-presets';
import { targetColumns, TargetEntity, toTarget } from './target.entity';
import { Target, TargetInput } from './target.schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TargetsService {
  constructor(private readonly store: CatalogueStore) {}

  /**
   * Targets, optionally only one indicator's, or only those active on a day, or (`within`) only those that apply
   * to an agency's units: the province's and those set for that agency or a unit under it.
   */
  async list(
    filter: { indicatorId?: string; activeOn?: string; within?: string | null } = {},
  ): Promise<Target[]> {
    const base = {
      ...(filter.indicatorId ? { indicatorId: filter.indicatorId as Target['indicatorId'] } : {}),
      ...(filter.activeOn ? { activeFrom: LessThanOrEqual(filter.activeOn) } : {}),
      ...(filter.within
        ? {
            agencyCode: Raw((column) => `(${column} IS NULL OR ${column} IN ${subtreeCodes('within')})`, {
              within: filter.within,
            }),
          }
        : {}),
    };
    const where = filter.activeOn
      ? [
          { ...base, activeTo: IsNull() },
          { ...base, activeTo: MoreThanOrEqual(filter.activeOn) },
        ]
      : base;
    const rows = await this.store.manager.find(TargetEntity, {
      where,
      order: { indicatorId: 'ASC', activeFrom: 'ASC', id: 'ASC' },
    });
    return rows.map(toTarget);
  }

  async get(id: string): Promise<Target> {
    const row = UUID.test(id) ? await this.store.manager.findOneBy(TargetEntity, { id }) : null;
    if (!row) throw new DomainError('not_found', `no target ${id}`);
    return toTarget(row);
  }

  async create(input: TargetInput): Promise<Target> {
    return this.store.write(async (manager) =>
      toTarget(await manager.save(TargetEntity, targetColumns(input))),
    );
  }

  async replace(id: string, input: TargetInput): Promise<Target> {
    return this.store.write(async (manager) => {
      const existing = UUID.test(id) ? await manager.findOneBy(TargetEntity, { id }) : null;
      if (!existing) throw new DomainError('not_found', `no target ${id}`);
      // A body without a key keeps the target's key (a preset stays the preset it was).
      const key = input.key ?? existing.key;
      return toTarget(await manager.save(TargetEntity, { id, ...targetColumns({ ...input, key }) }));
    });
  }

  async remove(id: string): Promise<void> {
    await this.store.write(async (manager) => {
      const { affected } = UUID.test(id) ? await manager.delete(TargetEntity, { id }) : { affected: 0 };
      if (!affected) throw new DomainError('not_found', `no target ${id}`);
    });
  }

  /** Loads the seed targets; loading again updates them in place (by preset key) and adds nothing twice. */
  /** Loads the presets of the documents that apply (presetsOf: the national ones unless told). */
  async loadPresets(documents?: readonly string[]): Promise<Target[]> {
    const presets = presetsOf(documents);
    return this.store.write(async (manager) => {
      await this.upsertMany(manager, presets);
      const keys = presets.map((preset) => preset.key);
      const rows = await manager.find(TargetEntity, { where: { key: In(keys) }, order: { key: 'ASC' } });
      return rows.map(toTarget);
    });
  }

  /** Inserts or updates by key, inside the caller's transaction (imports). */
  async upsertMany(manager: EntityManager, inputs: readonly TargetInput[]): Promise<void> {
    for (let i = 0; i < inputs.length; i += 500) {
      await manager.upsert(TargetEntity, inputs.slice(i, i + 500).map(targetColumns), ['key']);
    }
  }
}
