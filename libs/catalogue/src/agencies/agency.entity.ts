import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Agency } from './agency.schema';

@Entity({ schema: 'catalogue', name: 'agencies' })
export class AgencyEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('text') kind!: Agency['kind'];
  @Column('text', { name: 'parent_code', nullable: true }) parentCode!: string | null;
  @Column('date', { name: 'valid_from' }) validFrom!: string;
  @Column('date', { name: 'valid_to', nullable: true }) validTo!: string | null;
}

@Entity({ schema: 'catalogue', name: 'agency_lineage' })
export class AgencyLineageEntity {
  @PrimaryColumn('text', { name: 'from_code' }) fromCode!: string;
  @PrimaryColumn('text', { name: 'to_code' }) toCode!: string;
  @Column('date', { name: 'effective_date' }) effectiveDate!: string;
}

export const toAgency = (entity: AgencyEntity): Agency => ({
  code: entity.code,
  name: entity.name,
  kind: entity.kind,
  parentCode: entity.parentCode,
  validFrom: entity.validFrom,
  validTo: entity.validTo,
});
