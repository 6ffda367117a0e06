import { Structure } from './indicator-query.schema';

/** Which agencies an indicator covers: one agency's subtree in a structure, or the whole province (null). */
export interface AgencyScope {
  agency: string | null;
  structure: Structure;
}
