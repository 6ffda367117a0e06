import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { ApiTokensService, controllerRoutes, moduleControllers, ROLES, Role } from '@dvc/access';
import { parseAppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { TestIdentityProvider } from '@dvc/testing';
import { ApiModule } from '../api.module';
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

/**
 * Reads an answer's body as JSON, but stops at the headers of an event stream (GET /v1/dashboard/live): its body
 * never ends while the client stays.
 */
const headersOfAStream = (answer: object, done: (error: Error | null, body: unknown) => void) => {
  const response = answer as IncomingMessage; // superagent's parsers are given Node's response
  if (String(response.headers['content-type']).startsWith('text/event-stream')) {
    response.destroy();
    return done(null, null);
  }
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => (text += chunk));
  response.on('end', () => {
    try {
      done(null, text ? JSON.parse(text) : null);
    } catch {
      done(null, text);
    }
  });
};

const isOpen = (route: DeclaredRoute) => !!route.rule && 'public' in route.rule;
const mayCall = (route: DeclaredRoute, role: Role) =>
  isOpen(route) || (!!route.rule && 'roles' in route.rule && route.rule.roles.includes(role));

// /metrics is on this router while METRICS_PORT is unset (the default); metrics-port.int-spec checks the other way.
describe('every route × every caller, from the router', () => {
  let api: TestApiApp;
  let routes: DeclaredRoute[];
  let provider: TestIdentityProvider;
  let foreignProvider: TestIdentityProvider;
  const tokens = {} as Record<
    Role | 'expired' | 'revoked' | 'forged-jwt' | 'foreign-jwt' | 'expired-jwt' | 'unmapped-jwt',
    string
  >;
  /** The identity provider's tokens (OIDC), one per role a person can hold. */
  const jwts = {} as Record<Exclude<Role, 'source'>, string>;

  beforeAll(async () => {
    [provider, foreignProvider] = await Promise.all([
      TestIdentityProvider.start(),
      TestIdentityProvider.start({ realm: 'elsewhere' }),
    ]);
    api = await startTestApiApp({
      env: provider.env(),
    });
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
    const group = { admin: 'admins', analyst: 'analysts', operator: 'operators', department: 'departments' };
    for (const role of ['admin', 'analyst', 'operator', 'department'] as const)
      jwts[role] = await provider.sign({
        preferred_username: `matrix.${role}`,
        groups: [`/dvc/${group[role]}`],
        ...(role === 'department' ? { dvc_agency: '000.00.30.H12' } : {}),
      });
    const admins = { groups: ['/dvc/admins'] };
    tokens['forged-jwt'] = await provider.sign(admins, { key: 'forged' });
    tokens['foreign-jwt'] = await foreignProvider.sign(admins, { audience: provider.audience });
    tokens['expired-jwt'] = await provider.sign(admins, { expiresIn: -3600 });
    tokens['unmapped-jwt'] = await provider.sign({ groups: ['/elsewhere'] });
  });
  afterAll(() => Promise.all([api.stop(), provider.stop(), foreignProvider.stop()]));

  it('finds the same routes in the modules, without starting them, as docs/security.md does', () => {
    const key = (route: DeclaredRoute) => `${route.method} ${route.path}`;
    const fromModules = moduleControllers([PlatformModule.forRoot(parseAppConfig({})), ApiModule])
      .flatMap(controllerRoutes)
      .map(key);
    expect(fromModules.sort()).toEqual(routes.map(key).sort());
  });

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
    return agent[method](fill(route.path))
      .set('content-type', 'application/json')
      .buffer(true)
      .parse(headersOfAStream)
      .send('{}');
  };

  it.each([
    ...ROLES.map((role) => [role, 'API token'] as const),
    ...(['admin', 'analyst', 'operator', 'department'] as const).map((role) => [role, 'OIDC JWT'] as const),
  ])('answers the %s role (%s) as each route declares (403 when not allowed)', async (role, credential) => {
    const wrong: string[] = [];
    const token = credential === 'API token' ? tokens[role] : jwts[role as keyof typeof jwts];
    for (const route of routes) {
      const { status } = await call(route, token);
      const allowed = mayCall(route, role);
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
    ['a forged JWT', 'forged-jwt'],
    ['a JWT from another issuer', 'foreign-jwt'],
    ['an expired JWT', 'expired-jwt'],
  ] as const)('answers 401 to %s on every route but the open ones', async (_what, which) => {
    const token =
      which === null ? null : which === 'made-up' ? 'dvc_abcdefgh_' + 'A'.repeat(43) : tokens[which];
    const wrong: string[] = [];
    for (const route of routes) {
      const { status, body } = await call(route, token);
      const open = isOpen(route);
      if (open ? status === 401 || status === 403 : status !== 401)
        wrong.push(`${route.method} ${route.path}: ${status} ${JSON.stringify(body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 on every route but the open ones to a valid JWT that maps to no role', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const { status } = await call(route, tokens['unmapped-jwt']);
      if (isOpen(route) ? status === 401 || status === 403 : status !== 403)
        wrong.push(`${route.method} ${route.path}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("knows a person by the identity provider's claims", async () => {
    expect((await api.as(jwts.department).get('/v1/auth/me')).body).toEqual({
      via: 'oidc',
      id: expect.any(String),
      name: 'matrix.department',
      role: 'department',
      agencyCode: '000.00.30.H12',
      sourceId: null,
    });
    expect((await api.as(tokens['foreign-jwt']).get('/v1/auth/me')).body).toMatchObject({
      statusCode: 401,
      message: `the token is from another issuer (${foreignProvider.issuer})`,
    });
    expect((await api.as(tokens['unmapped-jwt']).get('/v1/auth/me')).body).toMatchObject({
      statusCode: 403,
      message: expect.stringMatching(/no DVC role/),
    });
  });

  it('accepts DVC_ADMIN_TOKEN as an admin', async () => {
    expect((await api.http().get('/v1/auth/me')).body).toMatchObject({ role: 'admin', via: 'admin_token' });
    expect((await api.as(`${'x'.repeat(40)}`).get('/v1/auth/me')).status).toBe(401);
  });
});
