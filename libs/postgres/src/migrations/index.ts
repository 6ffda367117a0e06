import { CreateCatalogueSchema1763780000000 } from './1763780000000-create-catalogue-schema';
import { CatalogueTables1763790000000 } from './1763790000000-catalogue-tables';
import { KeepLevelHistory1763800000000 } from './1763800000000-keep-level-history';
import { IssuedReports1763810000000 } from './1763810000000-issued-reports';
import { AccessTables1764600000000 } from './1764600000000-access-tables';
import { AlertsTables1764900000000 } from './1764900000000-alerts-tables';
import { AuditLog1765000000000 } from './1765000000000-audit-log';

/** Every migration, oldest first. */
export const postgresMigrations = [
  CreateCatalogueSchema1763780000000,
  CatalogueTables1763790000000,
  KeepLevelHistory1763800000000,
  IssuedReports1763810000000,
  AccessTables1764600000000,
  AlertsTables1764900000000,
  AuditLog1765000000000,
];
