import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { ApiTokensService } from '@dvc/access';
import { aReceived, waitFor } from '@dvc/testing';
import { auditedWrites } from '../testing/audited-writes';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/*
 * A province with two districts: D1 (communes C1 and C2) and D2 (commune C3). Today is 10 December 2026; the
 * target: at least 30% of dossiers online each month. Three rules: the province as a whole, each district, and
 * each commune of D1. In December C1 is at 50%, C2 at 10%, C3 at 10%: D1 is at 30%, D2 at 10%, the province at
 * 23%. So the firing alerts are the province's, D2's and C2's. The head of D1 holds a department token.
 */
const NOW = '2026-12-10T10:00:00+07:00';
const P = '000.00.00.H12';
const D1 = '000.00.30.H12';
const D2 = '000.00.31.H12';
const C1 = '000.30.01.H12';
const C2 = '000.30.02.H12';
const C3 = '000.31.01.H12';

const dossiers = (agencyCode: string, online: number, direct: number) =>
  Array.from({ length: online + direct }, (_, index) =>
    aReceived(`${agencyCode}-${index}`, index < online ? 'online' : 'direct', {
      agencyCode,
      occurredAt: `2026-12-0${1 + (index % 9)}T09:00:00+07:00`,
      dueAt: '2026-12-30T17:00:00+07:00',
    }),
  );

/** A loopback port nothing listens on (bound, then closed): a webhook endpoint that is down. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** One sample of the Prometheus text, e.g. `dvc_alerts{state="firing"}`; undefined when absent. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

interface AlertBody {
  id: string;
  ruleKey: string;
  unitCode: string;
  state: string;
  machine: { episode: { acknowledgement: unknown } | null };
}

describe('alerts as a department sees them: its own units only, every response audited (chDB, PGlite: one backend, every query of an evaluation inside its transaction)', () => {
  let api: TestApiApp;
  let department: string;
  let operator: string;
  const http = () => api.http();
  const asDepartment = () => api.as(department);
  /** The current alerts as an administrator, by "rule unit". */
  const alertsByName = async () => {
    const { body } = await http().get('/v1/alerts').expect(200);
    return new Map((body as AlertBody[]).map((alert) => [`${alert.ruleKey} ${alert.unitCode}`, alert]));
  };
  const units = (alerts: AlertBody[]) => alerts.map((alert) => `${alert.ruleKey} ${alert.unitCode}`);

  beforeAll(async () => {
    api = await startTestApiApp({
      now: NOW,
      env: {
        ALERTS_EVALUATE_EVERY_SECONDS: '0',
        CATALOGUE_MIRROR_INTERVAL_MS: '100',
        WEBHOOK_MAX_ATTEMPTS: '2',
        WEBHOOK_RETRY_INITIAL_MS: '10',
      },
    });
    const post = (path: string, body: object) => http().post(path).send(body).expect(201);
    const agency = (code: string, kind: string, parentCode: string | null) =>
      post('/v1/agencies', { code, name: `UBND ${code}`, kind, parentCode, validFrom: '2020-01-01' });
    await agency(P, 'province', null);
    await agency(D1, 'district', P);
    await agency(D2, 'district', P);
    await agency(C1, 'commune', D1);
    await agency(C2, 'commune', D1);
    await agency(C3, 'commune', D2);
    await post('/v1/targets', {
      key: 'monthly-online',
      indicatorId: 'dossiers.online',
      period: { kind: 'month' },
      comparator: '>=',
      threshold: 0.3,
      legalBasis: 'Chỉ thị 2018',
      activeFrom: '2018-01-01',
    });
    const downPort = await closedPort();
    const rule = (key: string, scope: object, webhooks: object[] = []) =>
      post('/v1/alert-rules', {
        webhooks,
        key,
        name: key,
        indicatorId: 'dossiers.online',
        scope,
        window: { kind: 'target_period' },
        condition: { kind: 'below_target', targetKey: 'monthly-online' },
        minSample: 5,
      });
    await rule('a-province', { kind: 'agency', agencyCode: P });
    // The districts' rule also posts to a webhook that is down: given up after two attempts.
    await rule('b-districts', { kind: 'children', agencyCode: P }, [
      { url: `http://127.0.0.1:${downPort}/hook` },
    ]);
    await rule('c-communes-d1', { kind: 'children', agencyCode: D1 });
    const events = [...dossiers(C1, 5, 5), ...dossiers(C2, 1, 9), ...dossiers(C3, 1, 9)];
    await http().post('/v1/events').send(events).expect(200);
    await waitFor(
      async () =>
        (await http().get(`/v1/indicators/dossiers.online?period=mtd&agency=${P}&groupBy=agency`)).body,
      (body: { groups?: { key: string; denominator: number }[] }) =>
        (body.groups ?? []).reduce((total, group) => total + group.denominator, 0) === events.length &&
        (body.groups ?? []).some((group) => group.key === D2),
      { what: 'the events counted under their districts' },
    );
    expect((await http().post('/v1/alerts/evaluate').expect(200)).body).toEqual({
      evaluated: true,
      rules: 3,
      notices: 3,
    });
    const issuer = api.app.get(ApiTokensService);
    department = (
      await issuer.issue({
        owner: 'D1 head',
        scope: { role: 'department', agencyCode: D1 },
        createdBy: 'test',
      })
    ).token;
    operator = (
      await issuer.issue({ owner: 'PASC operator', scope: { role: 'operator' }, createdBy: 'test' })
    ).token;
  }, 240_000);
  afterAll(() => api?.stop());

  it('lists the alerts of its own units only; another unit named is 403', async () => {
    const all = await alertsByName();
    expect(
      [...all.values()].filter((alert) => alert.state === 'firing').map((alert) => alert.unitCode),
    ).toEqual([P, D2, C2]);
    expect(units((await asDepartment().get('/v1/alerts').expect(200)).body)).toEqual([
      `b-districts ${D1}`,
      `c-communes-d1 ${C1}`,
      `c-communes-d1 ${C2}`,
    ]);
    expect(units((await asDepartment().get('/v1/alerts?state=firing').expect(200)).body)).toEqual([
      `c-communes-d1 ${C2}`,
    ]);
    expect(units((await asDepartment().get(`/v1/alerts?agency=${C1}`).expect(200)).body)).toEqual([
      `c-communes-d1 ${C1}`,
    ]);
    await asDepartment().get(`/v1/alerts?agency=${D2}`).expect(403);
    await asDepartment().get(`/v1/alerts?agency=${P}`).expect(403);
    await asDepartment().get(`/v1/alerts?agency=${C3}`).expect(403);
  });

  it('reads one alert and its history only when the alert is on its own units (403 otherwise, 404 unknown)', async () => {
    const all = await alertsByName();
    const own = all.get(`c-communes-d1 ${C2}`)!;
    const { body } = await asDepartment().get(`/v1/alerts/${own.id}`).expect(200);
    expect(body).toMatchObject({ unitCode: C2, state: 'firing' });
    const { body: history } = await asDepartment().get(`/v1/alerts/${own.id}/history`).expect(200);
    expect(history.history.map((entry: { toState: string }) => entry.toState)).toEqual(['firing']);
    for (const name of [`b-districts ${D2}`, `a-province ${P}`]) {
      const other = all.get(name)!;
      const refused = await asDepartment().get(`/v1/alerts/${other.id}`).expect(403);
      expect(refused.body.message).toMatch(/outside 000\.00\.30\.H12/);
      await asDepartment().get(`/v1/alerts/${other.id}/history`).expect(403);
    }
    await asDepartment().get('/v1/alerts/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it("acknowledges its own unit's alert, never another's; an operator acknowledges any", async () => {
    const all = await alertsByName();
    const own = all.get(`c-communes-d1 ${C2}`)!;
    const other = all.get(`b-districts ${D2}`)!;
    await asDepartment()
      .post(`/v1/alerts/${other.id}/ack`)
      .send({ comment: 'không phải của tôi' })
      .expect(403);
    expect((await http().get(`/v1/alerts/${other.id}`).expect(200)).body.machine.episode).toMatchObject({
      acknowledgement: null,
    });
    const acked = await asDepartment()
      .post(`/v1/alerts/${own.id}/ack`)
      .send({ comment: 'Đã chỉ đạo xã' })
      .expect(200);
    expect(acked.body.machine.episode.acknowledgement).toMatchObject({
      by: 'D1 head',
      comment: 'Đã chỉ đạo xã',
    });
    await api.as(operator).post(`/v1/alerts/${other.id}/ack`).send({ comment: 'PASC theo dõi' }).expect(200);
  });

  it('silences only alerts of its own units: an agency matcher inside its subtree is required', async () => {
    const until = '2026-12-31T00:00:00+07:00';
    const silence = (matchers: object[]) => ({ matchers, endsAt: until, comment: 'đang xử lý' });
    const own = await asDepartment()
      .post('/v1/silences')
      .send(silence([{ name: 'agency', value: C2 }]))
      .expect(201);
    for (const matchers of [
      [{ name: 'agency', value: D2 }],
      [{ name: 'agency', value: P }],
      [{ name: 'agency', value: 'province' }],
      [{ name: 'alertname', value: 'c-communes-d1' }],
      [{ name: 'agency', value: C2, isEqual: false }],
      [
        { name: 'agency', value: C2 },
        { name: 'agency', value: C3 },
      ],
    ])
      await asDepartment().post('/v1/silences').send(silence(matchers)).expect(403);
    const others = await api
      .as(operator)
      .post('/v1/silences')
      .send(silence([{ name: 'agency', value: D2 }]))
      .expect(201);
    const wide = await http()
      .post('/v1/silences')
      .send(silence([{ name: 'severity', value: 'info' }]))
      .expect(201);
    const ids = (response: { body: { id: string }[] }) => response.body.map((entry) => entry.id).sort();
    expect(ids(await asDepartment().get('/v1/silences').expect(200))).toEqual([own.body.id]);
    expect(ids(await http().get('/v1/silences').expect(200))).toEqual(
      [own.body.id, others.body.id, wide.body.id].sort(),
    );
    await asDepartment().delete(`/v1/silences/${others.body.id}`).expect(403);
    await asDepartment().delete(`/v1/silences/${wide.body.id}`).expect(403);
    await asDepartment().delete(`/v1/silences/${own.body.id}`).expect(200);
    await http().delete(`/v1/silences/${others.body.id}`).expect(200);
  });

  it('writes every acknowledgement, silence, rule change and asked-for evaluation to the audit log, with who and the request id', async () => {
    // A rule changed and one removed, and a second evaluation asked for, by the administrator.
    const rules = (await http().get('/v1/alert-rules').expect(200)).body as { id: string; key: string }[];
    const communes = rules.find((rule) => rule.key === 'c-communes-d1')!;
    const {
      id: _id,
      createdAt: _c,
      updatedAt: _u,
      ...spec
    } = (await http().get(`/v1/alert-rules/${communes.id}`).expect(200)).body;
    const replaced = await http()
      .put(`/v1/alert-rules/${communes.id}`)
      .send({ ...spec, minSample: 8 })
      .expect(200);
    const removed = await http()
      .delete(`/v1/alert-rules/${rules.find((rule) => rule.key === 'a-province')!.id}`)
      .expect(204);
    const evaluated = await http().post('/v1/alerts/evaluate').expect(200);

    const { writes, audited, principals } = await auditedWrites(api);
    expect(audited).toEqual(writes);
    expect(principals.sort()).toEqual(['D1 head', 'DVC_ADMIN_TOKEN', 'PASC operator']);

    const entries = async (query: string) =>
      (await http().get(`/v1/audit?${query}&limit=500`).expect(200)).body.entries as {
        principal: { name: string; role: string } | null;
        requestId: string;
        action: string;
        entityId: string;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }[];
    const acknowledgements = await entries('action=acknowledge');
    expect(acknowledgements.map((entry) => [entry.principal?.name, entry.principal?.role])).toEqual([
      ['PASC operator', 'operator'],
      ['D1 head', 'department'],
    ]);
    expect(acknowledgements[1]).toMatchObject({
      before: { state: 'firing', machine: { episode: { acknowledgement: null } } },
      after: { state: 'firing', comment: 'Đã chỉ đạo xã' },
    });
    // Silences: three made, two ended (the refused ones left nothing).
    const silences = await entries('entity=alerts.silences');
    expect(silences.map((entry) => `${entry.action} ${entry.principal?.name}`).sort()).toEqual([
      'insert D1 head',
      'insert DVC_ADMIN_TOKEN',
      'insert PASC operator',
      'update D1 head',
      'update DVC_ADMIN_TOKEN',
    ]);
    const ended = silences.find((entry) => entry.action === 'update' && entry.principal?.name === 'D1 head')!;
    expect(Date.parse(ended.after!.ends_at as string)).toBeLessThan(
      Date.parse(ended.before!.ends_at as string),
    );
    // Rules: three made, one replaced, one removed.
    const ruleChanges = await entries('entity=alerts.rules');
    expect(ruleChanges.map((entry) => `${entry.action} ${entry.entityId}`).sort()).toEqual([
      'delete a-province',
      'insert a-province',
      'insert b-districts',
      'insert c-communes-d1',
      'update c-communes-d1',
    ]);
    const update = ruleChanges.find((entry) => entry.action === 'update')!;
    expect(update.requestId).toBe(replaced.headers['x-request-id']);
    expect([
      (update.before!.spec as { minSample: number }).minSample,
      (update.after!.spec as { minSample: number }).minSample,
    ]).toEqual([5, 8]);
    expect(ruleChanges.find((entry) => entry.action === 'delete')!.requestId).toBe(
      removed.headers['x-request-id'],
    );
    // Evaluations asked for over HTTP: two, each with what it did.
    const evaluations = await entries('action=evaluate');
    expect(evaluations).toHaveLength(2);
    expect(evaluations[0]).toMatchObject({
      principal: { name: 'DVC_ADMIN_TOKEN', role: 'admin' },
      requestId: evaluated.headers['x-request-id'],
      after: { evaluated: true, rules: 2 },
    });
  });

  it('shows on /metrics the alerts by state (from PostgreSQL), the rounds by outcome, their duration and the messages given up', async () => {
    const metrics = async () => (await http().get('/metrics').expect(200)).text;
    let text = await metrics();
    // After the audit test: the province's rule removed; D2 and C2 firing, D1 and C1 normal.
    expect(
      Object.fromEntries(
        ['normal', 'pending', 'firing', 'error'].map((state) => [
          state,
          sample(text, `dvc_alerts{state="${state}"}`),
        ]),
      ),
    ).toEqual({ normal: 2, pending: 0, firing: 2, error: 0 });
    expect(sample(text, 'dvc_alert_evaluations_total{outcome="evaluated"}')).toBe(2);
    expect(sample(text, 'dvc_alert_evaluation_seconds_count')).toBe(2);
    // The one firing message to the webhook that is down (D2's, first round); the second round had nothing new.
    expect(sample(text, 'dvc_alert_notification_failures_total{channel="webhook"}')).toBe(1);
    expect(sample(text, 'dvc_notification_deliveries_total{channel="webhook",outcome="failed"}')).toBe(1);

    // A round PostgreSQL refuses to commit fails whole, and is counted as failed.
    const database = api.app.get(DataSource);
    await database.query(
      `ALTER TABLE alerts.alerts ADD CONSTRAINT test_refuses_writes CHECK (false) NOT VALID`,
    );
    await http().post('/v1/alerts/evaluate').expect(500);
    await database.query(`ALTER TABLE alerts.alerts DROP CONSTRAINT test_refuses_writes`);
    // Another replica holds the lease: the round is skipped.
    await database.query(
      `UPDATE alerts.evaluator_lease SET holder = 'elsewhere', expires_at = now() + interval '1 hour'`,
    );
    expect((await http().post('/v1/alerts/evaluate').expect(200)).body).toMatchObject({ evaluated: false });
    text = await metrics();
    expect(
      ['evaluated', 'failed', 'skipped'].map((outcome) =>
        sample(text, `dvc_alert_evaluations_total{outcome="${outcome}"}`),
      ),
    ).toEqual([2, 1, 1]);
    expect(sample(text, 'dvc_alert_evaluation_seconds_count')).toBe(3);
    expect(sample(text, 'dvc_alerts{state="firing"}')).toBe(2);
  });
});
