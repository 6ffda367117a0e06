import { ConfigError, parseAppConfig } from './app-config.schema';

describe('parseAppConfig', () => {
  it('gives embedded defaults for an empty environment', () => {
    const config = parseAppConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      CLICKHOUSE_DATABASE: 'dvc',
      KAFKA_GROUP_ID: 'dvc-ingest',
      GENERATOR: true,
    });
    expect(config.CLICKHOUSE_URL).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.KAFKA_BROKERS).toBeUndefined();
  });

  it('splits KAFKA_BROKERS into host:port entries', () => {
    expect(parseAppConfig({ KAFKA_BROKERS: 'a:9092, b:9093' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
  });

  it('reads boolean flags in their usual spellings', () => {
    expect(parseAppConfig({ GENERATOR: 'off' }).GENERATOR).toBe(false);
    expect(parseAppConfig({ CLICKHOUSE_REPLICATED: 'yes' }).CLICKHOUSE_REPLICATED).toBe(true);
  });

  it('reads CORS origins (none by default) and refuses anything but an origin', () => {
    expect(parseAppConfig({}).CORS_ORIGINS).toBeUndefined();
    expect(
      parseAppConfig({ CORS_ORIGINS: 'https://dvc.binhthuan.gov.vn, http://127.0.0.1:5173/' }).CORS_ORIGINS,
    ).toEqual(['https://dvc.binhthuan.gov.vn', 'http://127.0.0.1:5173']);
    expect(() => parseAppConfig({ CORS_ORIGINS: 'https://dvc.binhthuan.gov.vn/app' })).toThrow(
      /CORS_ORIGINS/,
    );
    expect(() => parseAppConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('reads TRUST_PROXY as Express does: hops, a flag, or addresses', () => {
    expect(parseAppConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseAppConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(parseAppConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
  });

  it('fails fast naming every bad variable', () => {
    const attempt = () =>
      parseAppConfig({ PORT: 'eighty', KAFKA_BROKERS: 'nohost', CLICKHOUSE_URL: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/KAFKA_BROKERS/);
    expect(attempt).toThrow(/CLICKHOUSE_URL/);
  });

  it('reads the OIDC settings, and wants an audience and a role map with an issuer', () => {
    expect(
      parseAppConfig({
        OIDC_ISSUER: 'https://sso.example.vn/realms/dvc',
        OIDC_AUDIENCE: 'dvc-api',
        OIDC_ROLE_MAP: '/dvc/admins=admin, role=with=equals=analyst',
        OIDC_ALGORITHMS: 'RS256, PS256',
      }),
    ).toMatchObject({
      OIDC_ROLE_MAP: [
        { value: '/dvc/admins', role: 'admin' },
        { value: 'role=with=equals', role: 'analyst' },
      ],
      OIDC_ALGORITHMS: ['RS256', 'PS256'],
      OIDC_ROLES_CLAIM: 'groups',
      OIDC_CLOCK_SKEW_SECONDS: 30,
    });
    const attempt = () => parseAppConfig({ OIDC_ISSUER: 'https://sso.example.vn/realms/dvc' });
    expect(attempt).toThrow(/OIDC_AUDIENCE: needed with OIDC_ISSUER/);
    expect(attempt).toThrow(/OIDC_ROLE_MAP: needed with OIDC_ISSUER/);
    expect(() => parseAppConfig({ OIDC_ROLE_MAP: 'admin' })).toThrow(/OIDC_ROLE_MAP/);
    expect(() => parseAppConfig({ OIDC_ALGORITHMS: 'HS256' })).toThrow(/OIDC_ALGORITHMS/);
  });

  it('reads DVC_KAFKA_SOURCES as source → agencies, and names what is wrong in it', () => {
    expect(
      parseAppConfig({ DVC_KAFKA_SOURCES: '{"motcua.tinh":"*","vendor-x":["000.00.30.H12"]}' })
        .DVC_KAFKA_SOURCES,
    ).toEqual({ 'motcua.tinh': '*', 'vendor-x': ['000.00.30.H12'] });
    expect(parseAppConfig({}).DVC_KAFKA_SOURCES).toBeUndefined();
    for (const [value, problem] of [
      ['{"a": ', /DVC_KAFKA_SOURCES.*not JSON/],
      ['{"Tỉnh": "*"}', /DVC_KAFKA_SOURCES/],
      ['{"a": []}', /DVC_KAFKA_SOURCES.a: give at least one agency code/],
      ['{"a": "all"}', /DVC_KAFKA_SOURCES.*"\*"/],
    ] as const)
      expect(() => parseAppConfig({ DVC_KAFKA_SOURCES: value })).toThrow(problem);
  });

  it('serves /metrics on the public port unless METRICS_PORT says where', () => {
    expect(parseAppConfig({})).toMatchObject({ METRICS_HOST: '127.0.0.1' });
    expect(parseAppConfig({}).METRICS_PORT).toBeUndefined();
    expect(parseAppConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' })).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_HOST: '10.0.0.5',
    });
    expect(() => parseAppConfig({ METRICS_PORT: 'prometheus' })).toThrow(/METRICS_PORT/);
  });

  it('reads REPORT_SCHEDULES as a JSON array of schedules, with defaults, and names what is wrong in it', () => {
    expect(parseAppConfig({}).REPORT_SCHEDULES).toEqual([]);
    expect(parseAppConfig({}).REPORT_SCHEDULE_CHECK_SECONDS).toBe(300);
    const [schedule] = parseAppConfig({
      REPORT_SCHEDULES: JSON.stringify([
        {
          id: 'ii06a-monthly',
          kind: 'ii06a',
          every: 'month',
          due: { dayOfMonth: 20 },
          scopes: ['province', '000.00.12.H12'],
          webhook: { url: 'https://hooks.example.vn/dvc' },
        },
      ]),
    }).REPORT_SCHEDULES;
    expect(schedule).toEqual({
      id: 'ii06a-monthly',
      kind: 'ii06a',
      every: 'month',
      structure: 'reported',
      due: { dayOfMonth: 20 },
      scopes: ['province', '000.00.12.H12'],
      email: [],
      webhook: { url: 'https://hooks.example.vn/dvc', secret: null },
    });
    const one = (overrides: object) =>
      JSON.stringify([
        {
          id: 'a',
          kind: 'ii06a',
          every: 'month',
          due: { workingDaysAfterEnd: 2 },
          scopes: ['province'],
          ...overrides,
        },
      ]);
    for (const [value, problem] of [
      ['[{', /REPORT_SCHEDULES.*not JSON/],
      [one({ every: 'week' }), /REPORT_SCHEDULES\.0\.every/],
      [one({ due: { dayOfMonth: 31 } }), /REPORT_SCHEDULES\.0\.due/],
      [one({ due: { dayOfMonth: 20, workingDaysAfterEnd: 2 } }), /REPORT_SCHEDULES\.0\.due/],
      [one({ scopes: [] }), /REPORT_SCHEDULES\.0\.scopes/],
      [one({ email: ['not-an-address'] }), /REPORT_SCHEDULES\.0\.email/],
      [one({ webhook: { url: 'ftp://x.vn', secret: null } }), /REPORT_SCHEDULES\.0\.webhook\.url/],
      [one({ webhook: { url: 'https://x.vn', secret: 'short' } }), /REPORT_SCHEDULES\.0\.webhook\.secret/],
      [one({ id: 'Tháng' }), /REPORT_SCHEDULES\.0\.id/],
      [
        JSON.stringify([JSON.parse(one({}))[0], JSON.parse(one({}))[0]]),
        /REPORT_SCHEDULES\.1\.id: "a" is used twice/,
      ],
    ] as const)
      expect(() => parseAppConfig({ REPORT_SCHEDULES: value })).toThrow(problem);
  });

  it('reads REPORT_HOLIDAYS, the province’s days off and weekend days worked, and names what is wrong in it', () => {
    expect(parseAppConfig({}).REPORT_HOLIDAYS).toEqual({ daysOff: [], workingDays: [] });
    expect(
      parseAppConfig({
        REPORT_HOLIDAYS: JSON.stringify({
          daysOff: [{ date: '2026-11-24', name: ' Ngày Văn hóa Việt Nam ' }],
          workingDays: [{ date: '2026-11-28', name: 'Làm bù' }],
        }),
      }).REPORT_HOLIDAYS,
    ).toEqual({
      daysOff: [{ date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam' }],
      workingDays: [{ date: '2026-11-28', name: 'Làm bù' }],
    });
    expect(parseAppConfig({ REPORT_HOLIDAYS: '{"daysOff":[]}' }).REPORT_HOLIDAYS.workingDays).toEqual([]);
    const day = (date: string, name = 'x') => ({ date, name });
    for (const [value, problem] of [
      ['{', /REPORT_HOLIDAYS.*not JSON/],
      [{ daysOff: [day('24/11/2026')] }, /REPORT_HOLIDAYS\.daysOff\.0\.date/],
      [{ daysOff: [day('2026-02-30')] }, /REPORT_HOLIDAYS\.daysOff\.0\.date/],
      [{ daysOff: [day('2026-11-24', '')] }, /REPORT_HOLIDAYS\.daysOff\.0\.name/],
      [{ daysOff: ['2026-11-24'] }, /REPORT_HOLIDAYS\.daysOff\.0/],
      [
        { workingDays: [day('2026-11-24')] },
        /REPORT_HOLIDAYS\.workingDays\.0\.date: a working day listed here/,
      ],
      [
        { daysOff: [day('2026-11-28')], workingDays: [day('2026-11-28')] },
        /REPORT_HOLIDAYS\.workingDays\.0\.date: 2026-11-28 is also in daysOff/,
      ],
      [{ days: [] }, /REPORT_HOLIDAYS/],
    ] as const)
      expect(() =>
        parseAppConfig({ REPORT_HOLIDAYS: typeof value === 'string' ? value : JSON.stringify(value) }),
      ).toThrow(problem);
  });
});
