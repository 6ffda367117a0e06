import { AgenciesService } from '@dvc/catalogue';

/**
 * The agency whose child units a per-unit report lays out: the one asked for, or for the province the one root
 * of the catalogue (the UBND tỉnh) when it has one; with the catalogue's names to label the rows.
 */
export async function childUnitsScope(
  agencies: AgenciesService,
  asked: string | null,
): Promise<{ agency: string | null; nameOf: (code: string) => string }> {
  const list = await agencies.list();
  const roots = list.filter((agency) => agency.parentCode === null);
  const names = new Map(list.map((unit) => [unit.code, unit.name]));
  return {
    agency: asked ?? (roots.length === 1 ? roots[0].code : null),
    nameOf: (code) => names.get(code) ?? code,
  };
}
