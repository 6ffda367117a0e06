import { CreateCatalogueSchema1763780000000 } from './1763780000000-create-catalogue-schema';

/** Every migration, oldest first. */
export const postgresMigrations = [CreateCatalogueSchema1763780000000];
