import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LevelChange, Procedure } from './procedure.schema';

@Entity({ schema: 'catalogue', name: 'procedures' })
export class ProcedureEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('text') field!: string;
  @Column('date', { name: 'valid_to', nullable: true }) validTo!: string | null;
}

@Entity({ schema: 'catalogue', name: 'offerings' })
export class OfferingEntity {
  @PrimaryColumn('text', { name: 'procedure_code' }) procedureCode!: string;
  @PrimaryColumn('text', { name: 'agency_code' }) agencyCode!: string;
  @Column('date', { name: 'valid_to', nullable: true }) validTo!: string | null;
}

@Entity({ schema: 'catalogue', name: 'offering_levels' })
export class OfferingLevelEntity {
  @PrimaryColumn('text', { name: 'procedure_code' }) procedureCode!: string;
  @PrimaryColumn('text', { name: 'agency_code' }) agencyCode!: string;
  @PrimaryColumn('date', { name: 'effective_from' }) effectiveFrom!: string;
  @Column('smallint') level!: number;
  @Column('text') mode!: LevelChange['mode'];
  @Column('boolean') portal!: boolean;
  @Column('boolean') fee!: boolean;
}

export const toProcedure = (entity: ProcedureEntity): Procedure => ({
  code: entity.code,
  name: entity.name,
  field: entity.field,
  validTo: entity.validTo,
});

export const toLevelChange = (entity: OfferingLevelEntity): LevelChange => ({
  procedureCode: entity.procedureCode,
  agencyCode: entity.agencyCode,
  effectiveFrom: entity.effectiveFrom,
  level: entity.level,
  mode: entity.mode,
  portal: entity.portal,
  fee: entity.fee,
});
