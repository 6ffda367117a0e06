import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '@dvc/domain-errors';
import { subtreeCodes } from '../agencies/agency-subtree.sql';
import { CatalogueStore } from '../storage/catalogue-store';
import {
  OfferingEntity,
  OfferingLevelEntity,
  ProcedureEntity,
  toLevelChange,
  toProcedure,
} from './procedure.entity';
import {
  LevelChange,
  LevelChangeInput,
  Offering,
  OfferingInput,
  Procedure,
  ProcedureInput,
} from './procedure.schema';

export type OfferingWithLevels = Offering & { levels: LevelChange[] };
export type ProcedureDetail = Procedure & { offerings: OfferingWithLevels[] };

const procedureColumns = (input: ProcedureInput): ProcedureEntity => ({
  code: input.code,
  name: input.name,
  field: input.field,
  validTo: input.validTo ?? null,
});
const offeringColumns = (input: OfferingInput): OfferingEntity => ({
  procedureCode: input.procedureCode,
  agencyCode: input.agencyCode,
  validTo: input.validTo ?? null,
});
const toOffering = (entity: OfferingEntity): Offering => ({
  procedureCode: entity.procedureCode,
  agencyCode: entity.agencyCode,
  validTo: entity.validTo,
});

const inChunks = async <T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += 1000) await write(rows.slice(i, i + 1000));
};

@Injectable()
export class ProceduresService {
  constructor(private readonly store: CatalogueStore) {}

  /** `agencyCode`: offered by that agency; `within`: offered by that agency or a unit under it. */
  async list(
    filter: { field?: string; agencyCode?: string; within?: string | null } = {},
  ): Promise<Procedure[]> {
    const query = this.store.manager
      .createQueryBuilder(ProcedureEntity, 'procedure')
      .orderBy('procedure.code', 'ASC');
    if (filter.field) query.andWhere('procedure.field = :field', { field: filter.field });
    if (filter.agencyCode) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM catalogue.offerings o WHERE o.procedure_code = procedure.code AND o.agency_code = :agency)',
        { agency: filter.agencyCode },
      );
    }
    if (filter.within) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM catalogue.offerings o WHERE o.procedure_code = procedure.code
                   AND o.agency_code IN ${subtreeCodes('within')})`,
        { within: filter.within },
      );
    }
    return (await query.getMany()).map(toProcedure);
  }

  /** `within`: only the offerings of that agency and the units under it. */
  async get(code: string, filter: { within?: string | null } = {}): Promise<ProcedureDetail> {
    const manager = this.store.manager;
    const procedure = await manager.findOneBy(ProcedureEntity, { code });
    if (!procedure) throw new DomainError('not_found', `no procedure ${code}`);
    const offeringsQuery = manager
      .createQueryBuilder(OfferingEntity, 'offering')
      .where('offering.procedure_code = :code', { code })
      .orderBy('offering.agencyCode', 'ASC');
    if (filter.within)
      offeringsQuery.andWhere(`offering.agency_code IN ${subtreeCodes('within')}`, { within: filter.within });
    const offerings = await offeringsQuery.getMany();
    const levels = await manager.find(OfferingLevelEntity, {
      where: { procedureCode: code },
      order: { effectiveFrom: 'ASC' },
    });
    return {
      ...toProcedure(procedure),
      offerings: offerings.map((offering) => ({
        ...toOffering(offering),
        levels: levels.filter((level) => level.agencyCode === offering.agencyCode).map(toLevelChange),
      })),
    };
  }

  async create(input: ProcedureInput): Promise<Procedure> {
    return this.store.write(async (manager) => {
      if (await manager.existsBy(ProcedureEntity, { code: input.code })) {
        throw new DomainError('conflict', `procedure ${input.code} already exists`);
      }
      return toProcedure(await manager.save(ProcedureEntity, procedureColumns(input)));
    });
  }

  async replace(code: string, input: ProcedureInput): Promise<Procedure> {
    if (input.code !== code) throw new DomainError('invalid', `body code ${input.code} differs from ${code}`);
    return this.store.write(async (manager) => {
      if (!(await manager.existsBy(ProcedureEntity, { code }))) {
        throw new DomainError('not_found', `no procedure ${code}`);
      }
      return toProcedure(await manager.save(ProcedureEntity, procedureColumns(input)));
    });
  }

  /**
   * Removes a procedure no agency offers (one entered by mistake). One that is or was offered has history the
   * indicators count: it is ended with validTo instead, so removing it is a conflict.
   */
  async remove(code: string): Promise<void> {
    await this.store.write(async (manager) => {
      await this.requireProcedure(manager, code);
      const offerings = await manager.countBy(OfferingEntity, { procedureCode: code });
      if (offerings > 0) {
        throw new DomainError(
          'conflict',
          `procedure ${code} is offered by ${offerings} ${offerings === 1 ? 'agency' : 'agencies'}: ` +
            'end it with validTo instead; history is kept',
        );
      }
      await manager.delete(ProcedureEntity, { code });
    });
  }

  async putOffering(input: OfferingInput): Promise<Offering> {
    return this.store.write(async (manager) => {
      await this.requireProcedure(manager, input.procedureCode);
      return toOffering(await manager.save(OfferingEntity, offeringColumns(input)));
    });
  }

  /** Removes an offering without level history; one with history is ended with validTo instead (a conflict). */
  async removeOffering(procedureCode: string, agencyCode: string): Promise<void> {
    await this.store.write(async (manager) => {
      if (!(await manager.existsBy(OfferingEntity, { procedureCode, agencyCode }))) {
        throw new DomainError('not_found', `agency ${agencyCode} does not offer ${procedureCode}`);
      }
      const levels = await manager.countBy(OfferingLevelEntity, { procedureCode, agencyCode });
      if (levels > 0) {
        throw new DomainError(
          'conflict',
          `the offering of ${procedureCode} at ${agencyCode} has ${levels} level ` +
            `${levels === 1 ? 'change' : 'changes'}: end it with validTo instead; history is kept`,
        );
      }
      await manager.delete(OfferingEntity, { procedureCode, agencyCode });
    });
  }

  /** Records a level change; the offering is created if the agency did not offer the procedure yet. */
  async putLevel(input: LevelChangeInput): Promise<LevelChange> {
    return this.store.write(async (manager) => {
      await this.requireProcedure(manager, input.procedureCode);
      await manager
        .createQueryBuilder()
        .insert()
        .into(OfferingEntity)
        .values(offeringColumns(input))
        .orIgnore()
        .execute();
      return toLevelChange(await manager.save(OfferingLevelEntity, { ...input }));
    });
  }

  async removeLevel(procedureCode: string, agencyCode: string, effectiveFrom: string): Promise<void> {
    await this.store.write(async (manager) => {
      const { affected } = await manager.delete(OfferingLevelEntity, {
        procedureCode,
        agencyCode,
        effectiveFrom,
      });
      if (!affected) {
        throw new DomainError(
          'not_found',
          `no level change of ${procedureCode} at ${agencyCode} on ${effectiveFrom}`,
        );
      }
    });
  }

  /** Inserts or updates, by key, inside the caller's transaction (imports). */
  async upsertProcedures(manager: EntityManager, inputs: readonly ProcedureInput[]): Promise<void> {
    await inChunks(inputs.map(procedureColumns), (chunk) => manager.upsert(ProcedureEntity, chunk, ['code']));
  }

  /** Offerings are upserted before their levels (a level needs its offering). */
  async upsertOfferings(manager: EntityManager, inputs: readonly OfferingInput[]): Promise<void> {
    // One row per offering (PostgreSQL refuses to upsert a key twice in one statement); the last one wins.
    const offerings = new Map(inputs.map((input) => [`${input.procedureCode}\0${input.agencyCode}`, input]));
    await inChunks([...offerings.values()].map(offeringColumns), (chunk) =>
      manager.upsert(OfferingEntity, chunk, ['procedureCode', 'agencyCode']),
    );
  }

  async upsertLevels(manager: EntityManager, inputs: readonly LevelChangeInput[]): Promise<void> {
    await inChunks(inputs, (chunk) =>
      manager.upsert(
        OfferingLevelEntity,
        chunk.map((input) => ({ ...input })),
        ['procedureCode', 'agencyCode', 'effectiveFrom'],
      ),
    );
  }

  private async requireProcedure(manager: EntityManager, code: string): Promise<void> {
    if (!(await manager.existsBy(ProcedureEntity, { code }))) {
      throw new DomainError('not_found', `no procedure ${code}`);
    }
  }
}
