import { waitFor } from '@dvc/testing';
import type { TestApiApp } from './test-api-app';

/** The province the report-kind tests count in: UBND tỉnh P with two departments, Sở Một and Sở Hai. */
export const TWO_DEPARTMENTS = {
  P: '000.00.00.H12',
  S1: '000.00.01.H12',
  S2: '000.00.02.H12',
} as const;

/** A moment in 2026 at 09:00 local time, by its month and day ("03-12"). */
export const in2026 = (day: string) => `2026-${day}T09:00:00+07:00`;

/** Writes TWO_DEPARTMENTS into the catalogue as an administrator. */
export async function catalogueTwoDepartments(api: TestApiApp): Promise<void> {
  const { P, S1, S2 } = TWO_DEPARTMENTS;
  const post = (body: object) => api.http().post('/v1/agencies').send(body).expect(201);
  await post({ code: P, name: 'UBND tỉnh', kind: 'province', validFrom: '2020-01-01' });
  for (const [code, name] of [
    [S1, 'Sở Một'],
    [S2, 'Sở Hai'],
  ])
    await post({ code, name, kind: 'department', parentCode: P, validFrom: '2020-01-01' });
}

/**
 * Waits until ClickHouse's copy of the catalogue has `agency` offering `inForce` procedures on 31 March, `online` of
 * them online. Pass the agency whose levels were written last, with both counts: a mirror run that fell between two
 * writes can already show the online count of an earlier one.
 */
export async function untilLevelsMirrored(
  api: TestApiApp,
  agency: string,
  expected: { online: number; inForce: number },
): Promise<void> {
  await waitFor(
    async () =>
      (await api.http().get(`/v1/indicators/procedures.online?date=2026-03-31&agency=${agency}`)).body,
    (body: { numerator: number; denominator: number }) =>
      body.numerator === expected.online && body.denominator === expected.inForce,
    { what: 'the levels in ClickHouse', timeoutMs: 15_000 },
  );
}
