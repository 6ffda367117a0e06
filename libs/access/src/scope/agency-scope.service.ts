import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normaliseCode } from '@dvc/dossier-events';
import type { Principal } from '../principal';

/**
 * Keeps a department inside its agency's subtree (the catalogue's parent links; a unit keeps its parent for
 * life, so the subtree is the same in the reported and the current structure, which restates old units'
 * figures to the units that took them over).
 */
@Injectable()
export class AgencyScope {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether `code` is `root` or a unit under it. */
  async isWithin(code: string, root: string): Promise<boolean> {
    const [agency, scope] = [normaliseCode(code), normaliseCode(root)];
    if (agency === scope) return true;
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE up (code, parent_code, depth) AS (
         SELECT code, parent_code, 0 FROM catalogue.agencies WHERE code = $1
         UNION ALL
         SELECT a.code, a.parent_code, up.depth + 1
           FROM catalogue.agencies a JOIN up ON a.code = up.parent_code
          WHERE up.depth < 64
       )
       SELECT 1 FROM up WHERE code = $2 LIMIT 1`,
      [agency, scope],
    )) as unknown[];
    return rows.length > 0;
  }

  /** `root` and every unit under it: the codes `isWithin(code, root)` holds for, in one query. */
  async unitsUnder(root: string): Promise<Set<string>> {
    const scope = normaliseCode(root);
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE down (code, depth) AS (
         SELECT $1::text, 0
         UNION
         SELECT a.code, down.depth + 1
           FROM catalogue.agencies a JOIN down ON a.parent_code = down.code
          WHERE down.depth < 64
       )
       SELECT DISTINCT code FROM down`,
      [scope],
    )) as { code: string }[];
    return new Set(rows.map((row) => row.code));
  }

  /**
   * The agency a principal's read covers: the one asked for when the principal may see it (403 otherwise);
   * without one, a department's own. Null: the whole province (any role but department and scoped sources).
   */
  async agencyFor(principal: Principal, asked: string | null | undefined): Promise<string | null> {
    const own = principal.role === 'department' || principal.role === 'source' ? principal.agencyCode : null;
    if (!own) return asked ?? null;
    if (asked === undefined || asked === null || asked === '') return own;
    if (!(await this.isWithin(asked, own)))
      throw new ForbiddenException(`agency ${asked} is outside ${own} and its units`);
    return asked;
  }
}
