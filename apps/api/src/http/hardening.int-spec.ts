import { DataSource } from 'typeorm';
import { createJsonLogger } from '@dvc/observability';
import { startTestApiApp, TEST_ADMIN_TOKEN, TestApiApp } from '../testing/test-api-app';

const PASSWORD = 'the right password, long enough';
const ALLOWED_ORIGIN = 'https://dashboard.binhthuan.gov.vn';

describe('HTTP hardening, over real requests (chDB, PGlite)', () => {
  describe('with the defaults (CORS off), three sign-in attempts a window, and every log line kept', () => {
    let api: TestApiApp;
    const logged: string[] = [];
    const writes = { stdout: process.stdout.write, stderr: process.stderr.write };

    beforeAll(async () => {
      // Everything the process prints, at the most talkative level: Nest's JSON logger and TypeORM's own.
      for (const stream of ['stdout', 'stderr'] as const) {
        process[stream].write = ((chunk: string | Uint8Array, ...rest: never[]) => {
          logged.push(String(chunk));
          return writes[stream].call(process[stream], chunk, ...rest);
        }) as typeof process.stdout.write;
      }
      api = await startTestApiApp({
        env: { LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '600', LOG_LEVEL: 'trace' },
        logger: createJsonLogger({ LOG_LEVEL: 'trace' }),
      });
      await api
        .http()
        .post('/v1/users')
        .send({ username: 'hoa.le', password: PASSWORD, role: 'analyst' })
        .expect(201);
    });
    afterAll(async () => {
      await api.stop();
      process.stdout.write = writes.stdout;
      process.stderr.write = writes.stderr;
    });

    const login = (username: string, password: string) =>
      api.anonymous().post('/v1/auth/login').send({ username, password });

    it('answers 429 with Retry-After once an address has used its sign-in attempts for a username', async () => {
      for (let attempt = 1; attempt <= 3; attempt++)
        await login('hoa.le', `guess number ${attempt}`).expect(401);
      const limited = await login('hoa.le', 'guess number 4').expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toEqual({ statusCode: 429, message: expect.any(String) });
      // Even the right password waits now: the limit is on attempts, not on failures.
      await login('hoa.le', PASSWORD).expect(429);
      await login(' HOA.LE ', PASSWORD).expect(429);
      // Another username from the same address is not locked out (colleagues behind one office address).
      await login('someone.else', 'a guess at it').expect(401);
      // The three failures are in the audit log; the refused attempts never reached a password check.
      const failed = await api.app
        .get(DataSource)
        .query(`SELECT entity_id FROM audit.entries WHERE action = 'login_failed'`);
      expect(failed).toEqual([
        ...Array.from({ length: 3 }, () => ({ entity_id: 'hoa.le' })),
        { entity_id: 'someone.else' },
      ]);
    });

    it('sends security headers on the API, the web app and the documentation', async () => {
      for (const path of ['/health', '/v1/agencies', '/', '/docs']) {
        const response = await api.anonymous().get(path);
        expect({ path, ...response.headers }).toMatchObject({
          path,
          'content-security-policy': expect.stringContaining("default-src 'self'"),
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
        });
        expect(response.headers['x-powered-by']).toBeUndefined();
        // Plain http here (SESSION_COOKIE_SECURE off): no HSTS, no upgrading of requests to https.
        expect(response.headers['strict-transport-security']).toBeUndefined();
        expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      }
    });

    it('answers no origin a CORS grant while no origins are configured', async () => {
      const preflight = await api
        .anonymous()
        .options('/v1/agencies')
        .set('origin', ALLOWED_ORIGIN)
        .set('access-control-request-method', 'GET')
        .set('access-control-request-headers', 'authorization');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const read = await api.http().get('/v1/agencies').set('origin', ALLOWED_ORIGIN).expect(200);
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('prints no password, session or token, whatever was signed in, issued or refused', async () => {
      const session = await api
        .anonymous()
        .post('/v1/auth/login')
        .send({ username: 'another.user', password: 'a wrong password here' })
        .expect(401);
      expect(session.status).toBe(401);
      await api
        .http()
        .post('/v1/users')
        .send({ username: 'minh.pham', password: 'minh has a long password', role: 'operator' })
        .expect(201);
      const signedIn = await login('minh.pham', 'minh has a long password').expect(200);
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
      const { token } = (
        await api.http().post('/v1/tokens').send({ owner: 'script', role: 'analyst' }).expect(201)
      ).body as { token: string };
      await api.as(token).get('/v1/auth/me').expect(200);
      await api
        .http()
        .delete(`/v1/tokens/${token.slice(0, 12)}`)
        .expect(200);
      await api.as(token).get('/v1/auth/me').expect(401);
      await api
        .as(`${token.slice(0, -1)}x`)
        .get('/v1/auth/me')
        .expect(401);

      const printed = logged.join('');
      expect(printed.length).toBeGreaterThan(0);
      for (const secret of [
        PASSWORD,
        'guess number 1',
        'a wrong password here',
        'minh has a long password',
        cookie.split('=')[1],
        token,
        token.slice(13),
        TEST_ADMIN_TOKEN,
      ])
        expect({ secret, found: printed.includes(secret) }).toEqual({ secret, found: false });
    });
  });

  describe('with CORS_ORIGINS set', () => {
    let api: TestApiApp;
    beforeAll(async () => {
      api = await startTestApiApp({ env: { CORS_ORIGINS: `${ALLOWED_ORIGIN},http://127.0.0.1:5173` } });
    });
    afterAll(() => api.stop());

    const preflight = (origin: string) =>
      api
        .anonymous()
        .options('/v1/agencies')
        .set('origin', origin)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'authorization,content-type');

    it('grants a configured origin its preflight, with credentials, and names the headers it may send and read', async () => {
      const granted = await preflight(ALLOWED_ORIGIN).expect(204);
      expect(granted.headers).toMatchObject({
        'access-control-allow-origin': ALLOWED_ORIGIN,
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': expect.stringContaining('authorization'),
        'access-control-allow-methods': expect.stringContaining('POST'),
        vary: expect.stringContaining('Origin'),
      });
      const read = await api.http().get('/v1/agencies').set('origin', 'http://127.0.0.1:5173').expect(200);
      expect(read.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
      expect(read.headers['access-control-expose-headers']).toContain('x-request-id');
    });

    it('grants any other origin nothing, and still asks it for credentials', async () => {
      const refused = await preflight('https://elsewhere.example.com');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      const read = await api.anonymous().get('/v1/agencies').set('origin', 'https://elsewhere.example.com');
      expect(read.status).toBe(401);
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
