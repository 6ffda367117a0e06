import { DataSource } from 'typeorm';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

describe('users, sessions and API tokens over HTTP (PGlite)', () => {
  let api: TestApiApp;

  beforeAll(async () => {
    api = await startTestApiApp();
  });
  afterAll(() => api.stop());

  const login = (username: string, password: string) =>
    api.anonymous().post('/v1/auth/login').send({ username, password });

  it('signs a local user in with an httpOnly SameSite cookie, knows them, and signs them out', async () => {
    const created = await api.http().post('/v1/users').send({
      username: 'chi.department',
      password: 'correct horse battery',
      role: 'department',
      agencyCode: '000.00.30.H12',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'chi.department',
      role: 'department',
      agencyCode: '000.00.30.H12',
    });
    expect(JSON.stringify(created.body)).not.toMatch(/horse|argon/);
    const [row] = await api.app
      .get(DataSource)
      .query(`SELECT password_hash FROM access.users WHERE username = 'chi.department'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    expect((await login('chi.department', 'wrong password!!')).status).toBe(401);
    expect((await login('nobody.here', 'correct horse battery')).status).toBe(401);
    const signedIn = await login('chi.department', 'correct horse battery');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({
      principal: {
        via: 'session',
        id: expect.any(String),
        name: 'chi.department',
        role: 'department',
        agencyCode: '000.00.30.H12',
        sourceId: null,
      },
    });
    const cookie = signedIn.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(
      /^dvc_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/,
    );
    const session = cookie.split(';')[0];

    const me = await api.anonymous().get('/v1/auth/me').set('cookie', session);
    expect(me.body).toMatchObject({ name: 'chi.department', role: 'department', via: 'session' });
    expect((await api.anonymous().get('/v1/users').set('cookie', session)).status).toBe(403);

    const out = await api.anonymous().post('/v1/auth/logout').set('cookie', session);
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie'][0]).toMatch(/^dvc_session=;/);
    expect((await api.anonymous().get('/v1/auth/me').set('cookie', session)).status).toBe(401);
    expect((await api.anonymous().get('/v1/auth/me').set('cookie', 'dvc_session=made-up')).status).toBe(401);
  });

  it('refuses weak passwords, missing scopes and duplicate names; a disabled user cannot sign in', async () => {
    const bad = await api
      .http()
      .post('/v1/users')
      .send({ username: 'x', password: 'short', role: 'analyst' });
    expect(bad.status).toBe(400);
    const noAgency = await api
      .http()
      .post('/v1/users')
      .send({ username: 'dept', password: 'long enough password', role: 'department' });
    expect(noAgency.status).toBe(400);
    expect(noAgency.body.errors.join()).toMatch(/agencyCode/);
    const user = { username: 'an.analyst', password: 'long enough password', role: 'analyst' };
    expect((await api.http().post('/v1/users').send(user)).status).toBe(201);
    expect((await api.http().post('/v1/users').send(user)).status).toBe(409);
    const session = (await login('an.analyst', 'long enough password')).headers['set-cookie'][0].split(
      ';',
    )[0];
    expect((await api.http().delete('/v1/users/an.analyst')).body).toMatchObject({
      disabledAt: expect.any(String),
    });
    expect((await login('an.analyst', 'long enough password')).status).toBe(401);
    expect((await api.anonymous().get('/v1/auth/me').set('cookie', session)).status).toBe(401);
    expect((await api.http().get('/v1/users')).body.map((u: { username: string }) => u.username)).toContain(
      'an.analyst',
    );
  });

  it('issues a token once, lists it without its secret, records its use, and refuses it once revoked', async () => {
    const issued = await api
      .http()
      .post('/v1/tokens')
      .send({ owner: 'script', role: 'analyst', expiresInDays: 30 });
    expect(issued.status).toBe(201);
    const { token, record } = issued.body as { token: string; record: { id: string; prefix: string } };
    expect(token.startsWith(`${record.prefix}_`)).toBe(true);
    expect(issued.body.record).toMatchObject({
      owner: 'script',
      role: 'analyst',
      createdBy: 'DVC_ADMIN_TOKEN',
      lastUsedAt: null,
    });

    expect((await api.as(token).get('/v1/auth/me')).body).toMatchObject({
      role: 'analyst',
      name: 'script',
      via: 'token',
    });
    const listed = await api.http().get('/v1/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const [stored] = await api.app
      .get(DataSource)
      .query('SELECT * FROM access.api_tokens WHERE id = $1', [record.id]);
    expect(JSON.stringify(stored)).not.toContain(token.slice(record.prefix.length + 1));
    expect(listed.body.find((t: { id: string }) => t.id === record.id)).toMatchObject({
      lastUsedAt: expect.any(String),
      expiresAt: expect.any(String),
      revokedAt: null,
    });

    expect((await api.http().delete(`/v1/tokens/${record.prefix}`)).body).toMatchObject({
      revokedAt: expect.any(String),
    });
    const refused = await api.as(token).get('/v1/auth/me');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/revoked/);
    expect((await api.http().delete('/v1/tokens/dvc_nothere')).status).toBe(404);
    expect((await api.http().post('/v1/tokens').send({ owner: 'x', role: 'source' })).status).toBe(400);
  });

  it('answers 401 to a malformed Authorization header rather than ignoring it', async () => {
    const response = await api.anonymous().get('/v1/auth/me').set('authorization', 'Basic abc');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ statusCode: 401, message: 'expected Authorization: Bearer <token>' });
  });
});
