import { DataSource } from 'typeorm';
import { ApiTokensService } from '@dvc/access';
import { POSTGRES_ENGINES } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

const PROVINCE = '000.00.00.H12';
const aProvince = (overrides: Record<string, unknown> = {}) => ({
  code: PROVINCE,
  name: 'UBND tỉnh',
  kind: 'province',
  validFrom: '2020-01-01',
  ...overrides,
});
const withoutCode = <T extends { code: unknown }>({ code: _code, ...rest }: T) => rest;
const ADMIN_TOKEN_PRINCIPAL = { name: 'DVC_ADMIN_TOKEN', role: 'admin', via: 'admin_token', id: null };
const PASSWORD = 'a long enough password';

describe.each(POSTGRES_ENGINES)('the audit log on %s', (_engine, startPostgres) => {
  let api: TestApiApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    api = await startTestApiApp({ postgres: startPostgres });
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api.stop());

  const entriesOf = async (requestId: string) =>
    (await api.http().get(`/v1/audit?requestId=${requestId}`).expect(200)).body.entries;

  it('keeps every catalogue change with its caller, request, route and the row before and after', async () => {
    const created = await api.http().post('/v1/agencies').send(aProvince()).expect(201);
    const requestId = created.headers['x-request-id'] as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await entriesOf(requestId)).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        at: expect.any(String),
        principal: ADMIN_TOKEN_PRINCIPAL,
        requestId,
        route: 'POST /v1/agencies',
        action: 'insert',
        entity: 'catalogue.agencies',
        entityId: PROVINCE,
        before: null,
        after: expect.objectContaining({ code: PROVINCE, name: 'UBND tỉnh', parent_code: null }),
      },
    ]);

    const renamed = await api
      .http()
      .put(`/v1/agencies/${PROVINCE}`)
      .set('x-request-id', 'proxy-request-0001')
      .send(withoutCode(aProvince({ name: 'UBND tỉnh Bình Thuận' })))
      .expect(200);
    expect(renamed.headers['x-request-id']).toBe('proxy-request-0001');
    const [update] = await entriesOf('proxy-request-0001');
    expect(update).toMatchObject({
      action: 'update',
      entityId: PROVINCE,
      before: { name: 'UBND tỉnh' },
      after: { name: 'UBND tỉnh Bình Thuận' },
    });

    // A refused write leaves nothing (it was rolled back with its entry).
    const refused = await api.http().post('/v1/agencies').send(aProvince()).expect(409);
    expect(await entriesOf(refused.headers['x-request-id'] as string)).toEqual([]);

    const removed = await api.http().delete(`/v1/agencies/${PROVINCE}`).expect(204);
    expect(await entriesOf(removed.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        action: 'delete',
        entityId: PROVINCE,
        before: expect.objectContaining({ name: 'UBND tỉnh Bình Thuận' }),
        after: null,
      }),
    ]);
  });

  it('keeps an import: the file it came from and every row it changed; a dry run or a repeat keeps nothing', async () => {
    const csv =
      'code,name,kind,parent_code,valid_from\n' +
      '000.00.00.H98,UBND tỉnh,province,,2020-01-01\n000.00.12.H98,Sở Tư pháp,department,000.00.00.H98,2020-01-01\n';
    const importing = (query: string) =>
      api
        .http()
        .post(`/v1/catalogue/imports?kind=agencies${query}`)
        .set('content-type', 'text/csv')
        .send(csv);
    const dryRun = await importing('&dryRun=true').expect(200);
    expect(await entriesOf(dryRun.headers['x-request-id'] as string)).toEqual([]);
    const imported = await importing('').expect(200);
    const entries = await entriesOf(imported.headers['x-request-id'] as string);
    expect(
      entries.map((entry: { action: string; entityId: string | null }) => [entry.action, entry.entityId]),
    ).toEqual([
      ['import', null],
      ['insert', '000.00.12.H98'],
      ['insert', '000.00.00.H98'],
    ]);
    expect(entries[0].after).toMatchObject({
      format: 'csv',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      kinds: ['agencies'],
      rows: 2,
    });
    const again = await importing('').expect(200);
    expect(await entriesOf(again.headers['x-request-id'] as string)).toEqual([]);
  });

  it('keeps users and tokens without their secrets, and not the moving of last use', async () => {
    const user = await api
      .http()
      .post('/v1/users')
      .send({ username: 'thu.nguyen', password: PASSWORD, role: 'analyst' })
      .expect(201);
    const [userEntry] = await entriesOf(user.headers['x-request-id'] as string);
    expect(userEntry).toMatchObject({ action: 'insert', entity: 'access.users', entityId: 'thu.nguyen' });
    expect(userEntry.after).not.toHaveProperty('password_hash');
    expect(JSON.stringify(userEntry)).not.toContain('$argon2');

    const issued = await api
      .http()
      .post('/v1/tokens')
      .send({ owner: 'one-stop shop', role: 'source', sourceId: 'motcua' })
      .expect(201);
    const [tokenEntry] = await entriesOf(issued.headers['x-request-id'] as string);
    const { token, record } = issued.body as { token: string; record: { prefix: string } };
    expect(tokenEntry).toMatchObject({
      action: 'insert',
      entity: 'access.api_tokens',
      entityId: record.prefix,
      after: { owner: 'one-stop shop', role: 'source', source_id: 'motcua' },
    });
    expect(tokenEntry.after).not.toHaveProperty('secret_hash');
    expect(JSON.stringify(tokenEntry)).not.toContain(token.slice(record.prefix.length));

    const before = await dataSource.query('SELECT count(*)::int AS n FROM audit.entries');
    await api.as(token).get('/v1/auth/me').expect(200);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM audit.entries')).toEqual(before);

    const revoked = await api.http().delete(`/v1/tokens/${record.prefix}`).expect(200);
    expect(await entriesOf(revoked.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        action: 'update',
        entityId: record.prefix,
        before: expect.objectContaining({ revoked_at: null }),
        after: expect.objectContaining({ revoked_at: expect.any(String) }),
      }),
    ]);
  });

  it('keeps sign-ins, failed sign-ins and sign-outs', async () => {
    await api
      .http()
      .post('/v1/users')
      .send({ username: 'lan.tran', password: PASSWORD, role: 'operator' })
      .expect(201);
    const failed = await api
      .anonymous()
      .post('/v1/auth/login')
      .send({ username: 'lan.tran', password: 'not the password' })
      .expect(401);
    expect(await entriesOf(failed.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        principal: null,
        action: 'login_failed',
        entity: 'auth',
        entityId: 'lan.tran',
        route: 'POST /v1/auth/login',
      }),
    ]);
    const [failedEntry] = await entriesOf(failed.headers['x-request-id'] as string);
    expect(JSON.stringify(failedEntry)).not.toContain('not the password');

    const session = api.anonymous();
    const login = await session
      .post('/v1/auth/login')
      .send({ username: 'lan.tran', password: PASSWORD })
      .expect(200);
    expect(await entriesOf(login.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        principal: expect.objectContaining({ name: 'lan.tran', role: 'operator', via: 'session' }),
        action: 'login',
        entityId: 'lan.tran',
      }),
    ]);
    const cookie = login.headers['set-cookie'] as unknown as string[];
    const logout = await api.anonymous().post('/v1/auth/logout').set('Cookie', cookie).expect(204);
    expect(await entriesOf(logout.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ principal: expect.objectContaining({ name: 'lan.tran' }), action: 'logout' }),
    ]);
  });

  it('keeps silences, by whoever set them', async () => {
    const { token } = await api.app.get(ApiTokensService).issue({
      owner: 'PASC duty operator',
      scope: { role: 'operator' },
      createdBy: 'test',
    });
    const silence = await api
      .as(token)
      .post('/v1/silences')
      .send({
        matchers: [{ name: 'unit', value: PROVINCE }],
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        comment: 'bảo trì hệ thống một cửa',
      })
      .expect(201);
    expect(await entriesOf(silence.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        principal: expect.objectContaining({ name: 'PASC duty operator', role: 'operator', via: 'token' }),
        action: 'insert',
        entity: 'alerts.silences',
        after: expect.objectContaining({
          created_by: 'PASC duty operator',
          comment: 'bảo trì hệ thống một cửa',
        }),
      }),
    ]);
  });

  it('filters by principal, action, entity and time, newest first, page by page', async () => {
    const { token } = await api.app.get(ApiTokensService).issue({
      owner: 'paging admin',
      scope: { role: 'admin' },
      createdBy: 'test',
    });
    const start = new Date().toISOString();
    for (const [index, name] of ['one', 'two', 'three'].entries())
      await api
        .as(token)
        .post('/v1/agencies')
        .send(aProvince({ code: `000.00.0${index}.H12`, name }))
        .expect(201);
    await api
      .as(token)
      .put('/v1/agencies/000.00.00.H12')
      .send(withoutCode(aProvince({ name: 'ONE' })))
      .expect(200);
    const list = async (query: string) => (await api.http().get(`/v1/audit?${query}`).expect(200)).body;

    const mine = await list('principal=paging%20admin');
    expect(mine.entries.map((entry: { after: { name: string } }) => entry.after.name)).toEqual([
      'ONE',
      'three',
      'two',
      'one',
    ]);
    expect((await list('principal=paging%20admin&action=update')).entries).toHaveLength(1);
    expect((await list('principal=paging%20admin&entity=access.users')).entries).toEqual([]);
    expect((await list(`principal=paging%20admin&from=${start}`)).entries).toHaveLength(4);
    expect((await list(`principal=paging%20admin&to=${start}`)).entries).toEqual([]);

    const first = await list('principal=paging%20admin&limit=3');
    expect(first.entries).toHaveLength(3);
    expect(first.nextCursor).toBe(first.entries[2].id);
    const second = await list(`principal=paging%20admin&limit=3&cursor=${first.nextCursor}`);
    expect(second).toEqual({ entries: [mine.entries[3]], nextCursor: null });

    await api.http().get('/v1/audit?cursor=abc').expect(400);
    await api.http().get('/v1/audit?limit=0').expect(400);
    await api.http().get('/v1/audit?from=yesterday').expect(400);
    await api.as(token).get('/v1/audit?unknown=1').expect(400);
  });

  it('refuses to change or remove an entry, whoever asks', async () => {
    const [{ id }] = await dataSource.query('SELECT id FROM audit.entries ORDER BY id LIMIT 1');
    const refusal = { driverError: expect.objectContaining({ code: '42501' }) };
    await expect(
      dataSource.query(`UPDATE audit.entries SET principal_name = 'someone else' WHERE id = $1`, [id]),
    ).rejects.toMatchObject(refusal);
    await expect(dataSource.query('DELETE FROM audit.entries WHERE id = $1', [id])).rejects.toMatchObject(
      refusal,
    );
    await expect(dataSource.query('TRUNCATE audit.entries')).rejects.toMatchObject(refusal);
    expect(await dataSource.query('SELECT id FROM audit.entries WHERE id = $1', [id])).toEqual([{ id }]);
  });
});
