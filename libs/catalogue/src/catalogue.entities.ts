import { AgencyEntity, AgencyLineageEntity } from './agencies/agency.entity';
import { OfferingEntity, OfferingLevelEntity, ProcedureEntity } from './procedures/procedure.entity';
import { TargetEntity } from './targets/target.entity';

export const CATALOGUE_ENTITIES = [
  AgencyEntity,
  AgencyLineageEntity,
  ProcedureEntity,
  OfferingEntity,
  OfferingLevelEntity,
  TargetEntity,
];
