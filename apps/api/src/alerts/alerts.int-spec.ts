import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AlertEvaluator } from '@dvc/alerts';
import { parseAppConfig } from '@dvc/config';
import { IndicatorClock } from '@dvc/indicators';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@dvc/notifications';
import { PlatformModule } from '@dvc/platform';
import {
  aReceived,
  createTestClickHouse,
  startMachineTestPostgres,
  TestClickHouse,
  TestPostgres,
  TestSmtpServer,
  TestWebhookReceiver,
  waitFor,
} from '@dvc/testing';
import { ApiModule } from '../api.module';
import { configureHttpApp } from '../http/configure-http-app';
import { TEST_ADMIN_TOKEN } from '../testing/test-api-app';

/*
 * A district with two communes; "today" is 10 December 2026. The province's target: at least 30% of dossiers
 * online each month. One rule watches each commune of the district against it. Commune A stays at 50%; a
 * stream of direct dossiers drives commune B to 20%.
 */
const NOW = '2026-12-10T10:00:00+07:00';
const PROVINCE = '000.00.00.H12';
const DISTRICT = '000.00.30.H12';
const COMMUNE_A = '000.30.01.H12';
const COMMUNE_B = '000.30.02.H12';
const SECRET = 'a-webhook-secret-of-some-length';

const dossiers = (commune: string, prefix: string, online: number, direct: number) =>
  Array.from({ length: online + direct }, (_, index) =>
    aReceived(`${prefix}-${index}`, index < online ? 'online' : 'direct', {
      agencyCode: commune,
      occurredAt: `2026-12-0${1 + (index % 9)}T09:00:00+07:00`,
      dueAt: '2026-12-30T17:00:00+07:00',
    }),
  );

interface Replica {
  app: INestApplication;
  evaluator: AlertEvaluator;
  http(): ReturnType<typeof request>;
}

describe('alerts on real engines: chDB, the machine PostgreSQL, an SMTP server and a webhook receiver on loopback', () => {
  let clickhouse: TestClickHouse;
  let postgres: TestPostgres;
  let smtp: TestSmtpServer;
  let receiver: TestWebhookReceiver;
  const replicas: Replica[] = [];

  const startReplica = async (): Promise<Replica> => {
    const config = parseAppConfig({
      ...clickhouse.env,
      DATABASE_URL: postgres.url,
      DVC_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      SMTP_URL: smtp.url,
      ALERTS_EVALUATE_EVERY_SECONDS: '0',
      ALERTS_LEASE_SECONDS: '4',
      PUBLIC_BASE_URL: 'http://dvc.example.vn/',
      CATALOGUE_MIRROR_INTERVAL_MS: '100',
    });
    @Module({ imports: [PlatformModule.forRoot(config), ApiModule] })
    class ApiAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [ApiAppModule] })
      .overrideProvider(IndicatorClock)
      .useValue({ now: () => new Date(NOW) })
      .compile();
    const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureHttpApp(app);
    await app.init();
    const replica = {
      app,
      evaluator: app.get(AlertEvaluator),
      http: () => request.agent(app.getHttpServer()).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`),
    };
    replicas.push(replica);
    return replica;
  };

  let sent = 0;
  /** Sends events, then waits until the district's figures count them all under its communes (mirrored catalogue). */
  const send = async (replica: Replica, events: unknown[]) => {
    await replica
      .http()
      .post('/v1/events')
      .set('content-type', 'application/json')
      .send(JSON.stringify(events))
      .expect(200);
    sent += events.length;
    await waitFor(
      async () =>
        (
          await replica
            .http()
            .get(`/v1/indicators/dossiers.online?period=mtd&agency=${DISTRICT}&groupBy=agency`)
        ).body as { groups?: { key: string; denominator: number }[] },
      (body) =>
        (body.groups ?? [])
          .filter((group) => group.key === COMMUNE_A || group.key === COMMUNE_B)
          .reduce((total, group) => total + group.denominator, 0) === sent,
      { what: 'the events counted under their communes' },
    );
  };

  beforeAll(async () => {
    [clickhouse, postgres, smtp, receiver] = await Promise.all([
      createTestClickHouse(),
      startMachineTestPostgres(),
      TestSmtpServer.start(),
      TestWebhookReceiver.start(),
    ]);
  }, 60_000);
  afterAll(async () => {
    for (const replica of replicas) await replica.app.close();
    await Promise.all([clickhouse?.drop(), postgres?.stop(), smtp?.stop(), receiver?.stop()]);
  });

  it('tells commune B once, in Vietnamese, to its own contact only, signs the webhook, and survives a restart without repeating', async () => {
    const first = await startReplica();
    const http = first.http;
    const agency = (code: string, name: string, kind: string, parentCode: string | null) =>
      http().post('/v1/agencies').send({ code, name, kind, parentCode, validFrom: '2020-01-01' }).expect(201);
    await agency(PROVINCE, 'UBND tỉnh', 'province', null);
    await agency(DISTRICT, 'UBND huyện Hàm Thuận Bắc', 'district', PROVINCE);
    await agency(COMMUNE_A, 'UBND xã Hàm Chính', 'commune', DISTRICT);
    await agency(COMMUNE_B, 'UBND xã Hàm Liêm', 'commune', DISTRICT);
    await http()
      .post('/v1/targets')
      .send({
        key: 'monthly-online',
        indicatorId: 'dossiers.online',
        period: { kind: 'month' },
        comparator: '>=',
        threshold: 0.3,
        legalBasis: 'Chỉ thị Bình Thuận 2018',
        activeFrom: '2018-01-01',
      })
      .expect(201);
    for (const [code, email] of [
      [COMMUNE_A, 'chu.tich@hamchinh.gov.vn'],
      [COMMUNE_B, 'chu.tich@hamliem.gov.vn'],
      [DISTRICT, 'chu.tich@hamthuanbac.gov.vn'],
    ]) {
      await http().post('/v1/alert-contacts').send({ agencyCode: code, email, name: 'Chủ tịch' }).expect(201);
    }
    const rule = await http()
      .post('/v1/alert-rules')
      .send({
        key: 'communes-online',
        name: 'Hồ sơ trực tuyến của các xã',
        indicatorId: 'dossiers.online',
        scope: { kind: 'children', agencyCode: DISTRICT },
        window: { kind: 'target_period' },
        condition: { kind: 'below_target', targetKey: 'monthly-online' },
        minSample: 5,
        recoveryMarginPoints: 0.02,
        repeatIntervalSeconds: null,
        webhooks: [{ url: receiver.url('/dvc'), secret: SECRET }],
      })
      .expect(201);
    expect(rule.body).toMatchObject({ key: 'communes-online', forSeconds: 0, id: expect.any(String) });

    // Both communes at 50%: nothing to say.
    await send(first, [...dossiers(COMMUNE_A, 'A', 5, 5), ...dossiers(COMMUNE_B, 'B', 5, 5)]);
    expect(await first.evaluator.evaluateOnce()).toEqual({ evaluated: true, rules: 1, notices: 0 });
    const { body: normal } = await http().get('/v1/alerts').expect(200);
    expect(normal.map((alert: { unitCode: string; state: string }) => [alert.unitCode, alert.state])).toEqual(
      [
        [COMMUNE_A, 'normal'],
        [COMMUNE_B, 'normal'],
      ],
    );

    // A stream of direct dossiers takes commune B to 5 online of 25: 20%.
    await send(first, dossiers(COMMUNE_B, 'B-more', 0, 15));
    expect(await first.evaluator.evaluateOnce()).toMatchObject({ evaluated: true, notices: 1 });

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.envelopeTo).toEqual(['chu.tich@hamliem.gov.vn']);
    expect(mail.parsed.subject).toBe(
      '[DVC] Cảnh báo: UBND xã Hàm Liêm — Tỷ lệ hồ sơ trực tuyến 20,0% (chỉ tiêu ≥ 30,0%)',
    );
    const text = mail.parsed.text ?? '';
    expect(text).toContain('từ 01/12/2026 đến 10/12/2026: 20,0% (5/25 hồ sơ); chỉ tiêu ≥ 30,0%.');
    expect(text).toContain('Chênh lệch: thấp hơn chỉ tiêu 10 điểm phần trăm.');
    // (5 + x) / (25 + x) ≥ 0.3 from x = 3.57: 4 more online dossiers.
    expect(text).toContain('Cần thêm 4 hồ sơ đạt yêu cầu để trở lại chỉ tiêu.');
    expect(text).toMatch(
      /Đến hết ngày 31\/12\/2026: cần [\d,]+% trong khoảng [\d.]+ hồ sơ còn lại đạt yêu cầu\./,
    );
    expect(text).toContain(`Xem chi tiết: http://dvc.example.vn/?agency=${COMMUNE_B}`);

    expect(receiver.requests).toHaveLength(1);
    const [hook] = receiver.requests;
    expect(
      verifyWebhookSignature(
        hook.body,
        hook.headers[WEBHOOK_SIGNATURE_HEADER] as string,
        SECRET,
        Date.now() / 1000,
      ),
    ).toBe(true);
    const payload = JSON.parse(hook.body);
    expect(payload.alerts).toHaveLength(1);
    expect(payload.alerts[0]).toMatchObject({
      kind: 'firing',
      unit: { code: COMMUNE_B, name: 'UBND xã Hàm Liêm' },
      figures: { numerator: 5, denominator: 25, value: 0.2 },
      requirement: { comparator: '>=', threshold: 0.3 },
      needs: { moreNeeded: 4 },
      labels: { alertname: 'communes-online', agency: COMMUNE_B },
    });

    const { body: firing } = await http().get('/v1/alerts?state=firing').expect(200);
    expect(firing).toHaveLength(1);
    const alertId = firing[0].id;
    expect(firing[0]).toMatchObject({ unitCode: COMMUNE_B, figures: { numerator: 5, denominator: 25 } });

    // Evaluated again, still firing: no repeat is configured, so nothing is sent.
    await first.evaluator.evaluateOnce();
    expect(smtp.mails).toHaveLength(1);

    // Two replicas evaluating at once: the lease lets one of them.
    const second = await startReplica();
    const outcomes = await Promise.all([first.evaluator.evaluateOnce(), second.evaluator.evaluateOnce()]);
    expect(outcomes.map(({ evaluated }) => evaluated).sort()).toEqual([false, true]);

    // The first replica stops without handing back its lease (a crash); the second takes over once it runs out,
    // from the persisted state: no second email, no second webhook.
    await first.app.close();
    replicas.splice(replicas.indexOf(first), 1);
    await new Promise((resolve) => setTimeout(resolve, 4100));
    expect(await second.evaluator.evaluateOnce()).toMatchObject({ evaluated: true, notices: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);

    // The commune head acknowledges it; the history has the firing with its figures and the acknowledgement.
    const acked = await second
      .http()
      .post(`/v1/alerts/${alertId}/ack`)
      .send({ comment: 'Đã chỉ đạo bộ phận một cửa' })
      .expect(200);
    expect(acked.body.machine.episode.acknowledgement).toMatchObject({
      comment: 'Đã chỉ đạo bộ phận một cửa',
    });
    const { body: audit } = await second.http().get('/v1/audit?action=acknowledge').expect(200);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        principal: expect.objectContaining({ name: 'DVC_ADMIN_TOKEN', role: 'admin' }),
        requestId: acked.headers['x-request-id'],
        entity: 'alerts.alerts',
        entityId: alertId,
        before: expect.objectContaining({ state: 'firing' }),
        after: expect.objectContaining({ state: 'firing', comment: 'Đã chỉ đạo bộ phận một cửa' }),
      }),
    ]);
    const { body: history } = await second.http().get(`/v1/alerts/${alertId}/history`).expect(200);
    expect(
      history.history.map((entry: { toState: string; notification: string | null }) => [
        entry.toState,
        entry.notification,
      ]),
    ).toEqual([
      ['normal', null],
      ['firing', 'firing'],
      ['firing', null],
    ]);
    expect(history.history[1].figures).toMatchObject({
      numerator: 5,
      denominator: 25,
      period: { from: '2026-12-01', to: '2026-12-10' },
    });
    expect(
      history.notifications
        .map(
          (notification: { channel: string; status: string }) =>
            `${notification.channel} ${notification.status}`,
        )
        .sort(),
    ).toEqual(['email delivered', 'webhook delivered']);

    // Online dossiers bring commune B back past the margin (20 online of 40 = 50%): resolved, said once.
    await send(second, dossiers(COMMUNE_B, 'B-online', 15, 0));
    await second.evaluator.evaluateOnce();
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1].envelopeTo).toEqual(['chu.tich@hamliem.gov.vn']);
    expect(smtp.mails[1].parsed.subject).toMatch(/^\[DVC\] Đã hết cảnh báo: UBND xã Hàm Liêm/);
    expect(receiver.requests).toHaveLength(2);
    expect(JSON.parse(receiver.requests[1].body).alerts[0]).toMatchObject({
      kind: 'resolved',
      status: 'resolved',
    });
    expect(smtp.mails.flatMap((sent) => sent.envelopeTo)).not.toContain('chu.tich@hamchinh.gov.vn');
  });
});
