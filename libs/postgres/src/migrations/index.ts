import { CreateCatalogueSchema1763780000000 } from './1763780000000-create-catalogue-schema';
import { CatalogueTables1763790000000 } from './1763790000000-catalogue-tables';

/** Every migration, oldest first. */
export const postgresMigrations = [CreateCatalogueSchema1763780000000, CatalogueTables1763790000000];
