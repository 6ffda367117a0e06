import type { TestApiApp } from './test-api-app';

/**
 * The province access tests scope against: province P with district D (communes C1, C2) and department S; commune
 * X, once under S, ended on 2026-05-31 and merged into C1 on 2026-06-01.
 */
export const SCOPED_PROVINCE = {
  P: '000.00.00.H12',
  D: '000.00.30.H12',
  C1: '000.01.30.H12',
  C2: '000.02.30.H12',
  S: '000.00.01.H12',
  X: '000.03.30.H12',
} as const;

/** Writes SCOPED_PROVINCE into the catalogue as an administrator (all of it, or `only` some units). */
export async function catalogueScopedProvince(
  api: TestApiApp,
  only: readonly (keyof typeof SCOPED_PROVINCE)[] = ['P', 'D', 'C1', 'C2', 'S', 'X'],
): Promise<void> {
  const { P, D, S, C1, X } = SCOPED_PROVINCE;
  const units = {
    P: { kind: 'province', parentCode: null },
    D: { kind: 'district', parentCode: P },
    C1: { kind: 'commune', parentCode: D },
    C2: { kind: 'commune', parentCode: D },
    S: { kind: 'department', parentCode: P },
    X: { kind: 'commune', parentCode: S, validTo: '2026-05-31' },
  };
  for (const name of only) {
    const code = SCOPED_PROVINCE[name];
    await api
      .http()
      .post('/v1/agencies')
      .send({ code, name: code, validFrom: '2020-01-01', ...units[name] })
      .expect(201);
  }
  if (only.includes('X') && only.includes('C1'))
    await api.http().put(`/v1/lineage/${X}/${C1}`).send({ effectiveDate: '2026-06-01' }).expect(200);
}
