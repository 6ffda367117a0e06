import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiTokensService, ROLES, Role } from '@dvc/access';
import { declaredRoutes, DeclaredRoute, servedRoutes } from '../testing/list-routes';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/** Values for path parameters: the department's own agency where an agency is named, so scope never interferes. */
const PARAMS: Record<string, string> = {
  code: '000.00.30.H12',
  agency: '000.00.30.H12',
  from: '000.00.30.H12',
  to: '000.01.30.H12',
  id: randomUUID(),
  effectiveFrom: '2026-01-01',
  username: 'nobody',
};
const fill = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? 'x');
/** SwaggerModule serves the OpenAPI document itself (public by choice: it describes routes, holds no data). */
const OPENAPI_PATHS = ['/docs', '/docs-json', '/docs-yaml'];

const isOpen = (route: DeclaredRoute, settings: { METRICS_PUBLIC: boolean }) =>
  !!route.rule && ('public' in route.rule || (!!route.rule.publicWhen && settings[route.rule.publicWhen]));
const mayCall = (route: DeclaredRoute, role: Role, settings: { METRICS_PUBLIC: boolean }) =>
  isOpen(route, settings) || (!!route.rule && 'roles' in route.rule && route.rule.roles.includes(role));

describe.each([
  ['METRICS_PUBLIC=true', { METRICS_PUBLIC: true }],
  ['METRICS_PUBLIC=false', { METRICS_PUBLIC: false }],
])('every route × every caller, from the router (%s)', (_name, settings) => {
  let api: TestApiApp;
  let routes: DeclaredRoute[];
  const tokens = {} as Record<Role | 'expired' | 'revoked', string>;

  beforeAll(async () => {
    api = await startTestApiApp({ env: { METRICS_PUBLIC: String(settings.METRICS_PUBLIC) } });
    routes = declaredRoutes(api.app);
    const issuer = api.app.get(ApiTokensService);
    const issue = (role: Role, owner = `matrix ${role}`) =>
      issuer.issue({
        owner,
        scope: {
          role,
          agencyCode: role === 'department' ? '000.00.30.H12' : null,
          sourceId: role === 'source' ? 'matrix.source' : null,
        },
        createdBy: 'test',
      });
    for (const role of ROLES) tokens[role] = (await issue(role)).token;
    const expired = await issue('admin', 'matrix expired');
    await api.app
      .get(DataSource)
      .query(`UPDATE access.api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        expired.record.id,
      ]);
    tokens.expired = expired.token;
    const revoked = await issue('admin', 'matrix revoked');
    await issuer.revoke(revoked.record.prefix);
    tokens.revoked = revoked.token;
  });
  afterAll(() => api.stop());

  it('declares an access rule on every route the app serves', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !route.rule).map((route) => `${route.method} ${route.path}`)).toEqual([]);
    const declared = routes.map((route) => `${route.method} ${route.path}`).sort();
    const served = servedRoutes(api.app)
      .filter((route) => !OPENAPI_PATHS.some((path) => route.path.startsWith(path)))
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(served).toEqual(declared);
  });

  const call = (route: DeclaredRoute, token: string | null) => {
    const agent = token ? api.as(token) : api.anonymous();
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
    return agent[method](fill(route.path)).set('content-type', 'application/json').send('{}');
  };

  it.each(ROLES)('answers the %s role as each route declares (403 when not allowed)', async (role) => {
    const wrong: string[] = [];
    for (const route of routes) {
      const { status } = await call(route, tokens[role]);
      const allowed = mayCall(route, role, settings);
      if (allowed ? status === 401 || status === 403 : status !== 403)
        wrong.push(`${route.method} ${route.path}: ${status}, expected ${allowed ? 'not 401/403' : 403}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['no credentials', null],
    ['an expired token', 'expired'],
    ['a revoked token', 'revoked'],
    ['a made-up token', 'made-up'],
  ] as const)('answers 401 to %s on every route but the open ones', async (_what, which) => {
    const token =
      which === null ? null : which === 'made-up' ? 'dvc_abcdefgh_' + 'A'.repeat(43) : tokens[which];
    const wrong: string[] = [];
    for (const route of routes) {
      const { status, body } = await call(route, token);
      const open = isOpen(route, settings);
      if (open ? status === 401 || status === 403 : status !== 401)
        wrong.push(`${route.method} ${route.path}: ${status} ${JSON.stringify(body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('accepts DVC_ADMIN_TOKEN as an admin', async () => {
    expect((await api.http().get('/v1/auth/me')).body).toMatchObject({ role: 'admin', via: 'admin_token' });
    expect((await api.as(`${'x'.repeat(40)}`).get('/v1/auth/me')).status).toBe(401);
  });
});
