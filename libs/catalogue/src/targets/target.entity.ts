import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Target, TargetInput, targetKey } from './target.schema';

@Entity({ schema: 'catalogue', name: 'targets' })
export class TargetEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { unique: true }) key!: string;
  @Column('text', { name: 'indicator_id' }) indicatorId!: Target['indicatorId'];
  @Column('jsonb') options!: Target['options'];
  @Column('text', { name: 'agency_code', nullable: true }) agencyCode!: string | null;
  @Column('boolean') subtree!: boolean;
  @Column('text', { name: 'period_kind' }) periodKind!: Target['period']['kind'];
  @Column('integer', { name: 'rolling_days', nullable: true }) rollingDays!: number | null;
  @Column('text') comparator!: Target['comparator'];
  @Column('double precision') threshold!: number;
  @Column('text', { name: 'legal_basis' }) legalBasis!: string;
  @Column('date', { name: 'active_from' }) activeFrom!: string;
  @Column('date', { name: 'active_to', nullable: true }) activeTo!: string | null;
}

export const toTarget = (entity: TargetEntity): Target => ({
  id: entity.id,
  key: entity.key,
  indicatorId: entity.indicatorId,
  options: entity.options,
  agencyCode: entity.agencyCode,
  subtree: entity.subtree,
  period:
    entity.periodKind === 'rolling'
      ? { kind: 'rolling', days: entity.rollingDays as number }
      : { kind: entity.periodKind },
  comparator: entity.comparator,
  threshold: entity.threshold,
  legalBasis: entity.legalBasis,
  activeFrom: entity.activeFrom,
  activeTo: entity.activeTo,
});

export const targetColumns = (input: TargetInput): Omit<TargetEntity, 'id'> => ({
  key: targetKey(input),
  indicatorId: input.indicatorId,
  options: input.options,
  agencyCode: input.agencyCode,
  subtree: input.subtree,
  periodKind: input.period.kind,
  rollingDays: input.period.kind === 'rolling' ? input.period.days : null,
  comparator: input.comparator,
  threshold: input.threshold,
  legalBasis: input.legalBasis,
  activeFrom: input.activeFrom,
  activeTo: input.activeTo ?? null,
});
