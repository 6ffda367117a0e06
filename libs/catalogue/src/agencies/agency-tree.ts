import { normaliseCode } from '@dvc/dossier-events';
import { ancestorsOf } from './agency-rollup';
import { Agency, Lineage } from './agency.schema';

type AgencyLink = Pick<Agency, 'code' | 'parentCode'>;

/**
 * The agency tree with its history, in memory, for checks item by item (an ingest batch's agencies): whose
 * figures count under whom on a given day.
 */
export class AgencyTree {
  private readonly parents: Map<string, string | null>;
  /** Each unit's links to successors, the one a restatement follows first (latest, then lowest code) first. */
  private readonly successors = new Map<string, Lineage[]>();

  constructor(agencies: readonly AgencyLink[], lineage: readonly Lineage[]) {
    this.parents = new Map(agencies.map((agency) => [agency.code, agency.parentCode]));
    for (const link of lineage)
      this.successors.set(link.fromCode, [...(this.successors.get(link.fromCode) ?? []), link]);
    for (const links of this.successors.values())
      links.sort((a, b) =>
        a.effectiveDate === b.effectiveDate
          ? a.toCode.localeCompare(b.toCode)
          : b.effectiveDate.localeCompare(a.effectiveDate),
      );
  }

  /**
   * The unit doing `code`'s work on `day`: lineage links in effect by then followed to a unit not yet
   * succeeded, choosing as `restateToCurrent` does for today.
   */
  restatedOn(code: string, day: string): string {
    const seen = new Set([code]);
    let restated = code;
    for (;;) {
      const next = this.successors.get(restated)?.find((link) => link.effectiveDate <= day);
      if (!next || seen.has(next.toCode)) return restated;
      restated = next.toCode;
      seen.add(restated);
    }
  }

  /**
   * Whether `code`'s figures on `day` count under `root`: in the reported structure (its own parents, kept for
   * life), or in the structure in force that day (the lineage in effect by then: a unit merged into one of
   * `root`'s units from that day on). A code the catalogue does not know counts under itself only.
   */
  countsUnder(code: string, root: string, day: string): boolean {
    const [unit, scope] = [normaliseCode(code), normaliseCode(root)];
    const reportedParent = (of: string) => this.parents.get(of);
    if (ancestorsOf(unit, reportedParent).includes(scope)) return true;
    const parentOnDay = (of: string) => {
      const parent = this.parents.get(of);
      return parent ? this.restatedOn(parent, day) : null;
    };
    return ancestorsOf(this.restatedOn(unit, day), parentOnDay).includes(scope);
  }
}
