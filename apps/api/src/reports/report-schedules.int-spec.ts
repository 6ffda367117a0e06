import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { parseAppConfig } from '@dvc/config';
import { IndicatorClock } from '@dvc/indicators';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@dvc/notifications';
import { PlatformModule } from '@dvc/platform';
import { dueDay, isWorkingDay, ReportScheduler, SchedulerRound } from '@dvc/reports';
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
 * "Today" is 20 March 2026, 09:00 in Vietnam. One schedule issues the province's II.06a for the statutory month
 * (15 February – 14 March) on the 20th and announces it to the DIC by email and to a signed webhook. Two
 * replicas share the machine PostgreSQL and chDB.
 */
const NOW = '2026-03-20T09:00:00+07:00';
const SECRET = 'a-report-webhook-secret-0123456789';
const DIC = 'so.tttt@hoaan.gov.vn';

interface Replica {
  app: INestApplication;
  scheduler: ReportScheduler;
  http(): ReturnType<typeof request.agent>;
}

describe('report schedules on real engines: chDB, the machine PostgreSQL, an SMTP server and a webhook receiver on loopback', () => {
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
      REPORT_SCHEDULE_CHECK_SECONDS: '0',
      REPORT_SCHEDULE_LEASE_SECONDS: '600',
      PUBLIC_BASE_URL: 'http://dvc.example.vn/',
      // A province day off on top of the national holidays.
      REPORT_HOLIDAYS: JSON.stringify({ daysOff: [{ date: '2026-03-23', name: 'Nghỉ của tỉnh' }] }),
      REPORT_SCHEDULES: JSON.stringify([
        {
          id: 'ii06a-monthly',
          kind: 'ii06a',
          every: 'month',
          cut: 'statutory',
          due: { dayOfMonth: 20 },
          scopes: ['province'],
          email: [DIC],
          webhook: { url: receiver.url('/reports'), secret: SECRET },
        },
        // Its latest due period (calendar February, due 20 March) was issued by a person before: skipped.
        {
          id: 'ii06a-calendar',
          kind: 'ii06a',
          every: 'month',
          cut: 'calendar',
          due: { dayOfMonth: 20 },
          scopes: ['province'],
          email: [DIC],
        },
      ]),
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
      scheduler: app.get(ReportScheduler),
      http: () => request.agent(app.getHttpServer()).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`),
    };
    replicas.push(replica);
    return replica;
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

  const binary = (replica: Replica, path: string) =>
    replica
      .http()
      .get(path)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);

  it('issues the due report once across two replicas, as report-scheduler, announces it by mail with the XLSX and a signed webhook, and issues nothing more after a restart', async () => {
    const [first, second] = [await startReplica(), await startReplica()];
    // Three dossiers in the statutory March (one on 14 March, its last day), one after it.
    const events = [
      aReceived('S-1', 'online', {
        occurredAt: '2026-02-20T09:00:00+07:00',
        dueAt: '2026-03-20T17:00:00+07:00',
      }),
      aReceived('S-2', 'direct', {
        occurredAt: '2026-03-02T09:00:00+07:00',
        dueAt: '2026-03-25T17:00:00+07:00',
      }),
      aReceived('S-3', 'online', {
        occurredAt: '2026-03-14T16:00:00+07:00',
        dueAt: '2026-03-30T17:00:00+07:00',
      }),
      aReceived('S-4', 'online', {
        occurredAt: '2026-03-16T09:00:00+07:00',
        dueAt: '2026-03-30T17:00:00+07:00',
      }),
    ];
    await first.http().post('/v1/events').send(events).expect(200);
    await waitFor(
      async () => (await first.http().get('/v1/reports/ii06a?period=2026-03').expect(200)).body,
      (report) => report.total.cells[2] === 3,
      { what: 'the statutory March counting three dossiers' },
    );

    const { body: byHand } = await first
      .http()
      .post('/v1/reports/ii06a/issue')
      .send({ period: '2026-02', cut: 'calendar' })
      .expect(201);

    // Both replicas run at once: one holds the lease and issues, the other stands aside.
    const rounds: SchedulerRound[] = await Promise.all([
      first.scheduler.runOnce(),
      second.scheduler.runOnce(),
    ]);
    expect(rounds.map((round) => round.ran).sort()).toEqual([false, true]);
    const round = rounds.find((candidate) => candidate.ran)!;
    const holder = rounds[0].ran ? first : second;
    expect(round.failed).toEqual([]);
    expect(round.issued).toHaveLength(1);
    const issued = round.issued[0].issued;
    expect(issued).toMatchObject({
      kind: 'ii06a',
      agency: null,
      period: { key: '2026-03', cut: 'statutory', from: '2026-02-15', to: '2026-03-14' },
      rows: 'field',
      issuedBy: 'report-scheduler',
      checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(round.issued[0].deliveries.map((delivery) => [delivery.channel, delivery.outcome])).toEqual([
      ['email', 'delivered'],
      ['webhook', 'delivered'],
    ]);
    const { body: list } = await second.http().get('/v1/reports/issued').expect(200);
    expect(list.issued.map((report: { id: string }) => report.id).sort()).toEqual(
      [issued.id, byHand.id].sort(),
    );
    // Frozen through the issue path: the stored JSON is the figures counted, checksummed, and audited.
    const json = await binary(second, `/v1/reports/issued/${issued.id}?format=json`);
    expect(json.headers['x-report-checksum']).toBe(issued.checksum);
    expect(JSON.parse((json.body as Buffer).toString('utf8')).total.cells.slice(2, 6)).toEqual([3, 2, 1, 0]);
    const audited = await first.app.get(DataSource).query(
      `SELECT principal_name, principal_role, action, entity_id FROM audit.entries
           WHERE entity = 'reports.issued_reports' AND principal_name = 'report-scheduler'`,
    );
    expect(audited).toEqual([
      {
        principal_name: 'report-scheduler',
        principal_role: 'process',
        action: 'insert',
        entity_id: issued.id,
      },
    ]);

    // One mail to the DIC, the issued XLSX attached byte for byte, and it opens.
    await waitFor(
      async () => smtp.mails.length,
      (count) => count >= 1,
      { what: 'the announcement mail' },
    );
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.envelopeTo).toEqual([DIC]);
    expect(mail.parsed.subject).toBe(
      '[DVC] Đã chốt số liệu: Biểu số II.06a/VPCP/KSTT, Tháng 3 năm 2026, Ủy ban nhân dân tỉnh',
    );
    const text = mail.parsed.text ?? '';
    expect(text).toContain('Kỳ báo cáo: Tháng 3 năm 2026 (từ ngày 15/02/2026 đến ngày 14/03/2026)');
    expect(text).toContain(`http://dvc.example.vn/v1/reports/issued/${issued.id}?format=xlsx`);
    expect(text).toContain(issued.checksum);
    expect(mail.parsed.attachments).toHaveLength(1);
    const [attachment] = mail.parsed.attachments;
    expect(attachment.filename).toBe('II.06a-VPCP-KSTT_province_2026-03_statutory.xlsx');
    expect(attachment.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const xlsx = await binary(second, `/v1/reports/issued/${issued.id}?format=xlsx`);
    expect(attachment.content.equals(xlsx.body as Buffer)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment.content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets[0].getCell('A1').value).toBe('Biểu số II.06a/VPCP/KSTT');

    // One webhook, signed with the schedule's secret, naming the report and where to download it.
    expect(receiver.requests).toHaveLength(1);
    const [hook] = receiver.requests;
    expect(hook.path).toBe('/reports');
    expect(hook.headers['idempotency-key']).toBe(`report-issued:${issued.id}`);
    const signature = hook.headers[WEBHOOK_SIGNATURE_HEADER] as string;
    expect(verifyWebhookSignature(hook.body, signature, SECRET, Math.floor(Date.now() / 1000))).toBe(true);
    expect(
      verifyWebhookSignature(
        hook.body,
        signature,
        'another-secret-of-some-length',
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(false);
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({
      type: 'report.issued',
      schedule: 'ii06a-monthly',
      report: { id: issued.id, kind: 'ii06a', checksum: issued.checksum, issuedBy: 'report-scheduler' },
      period: { key: '2026-03', label: 'Tháng 3 năm 2026' },
      downloads: { xlsx: `http://dvc.example.vn/v1/reports/issued/${issued.id}?format=xlsx` },
    });

    // Run again, on both: nothing more is issued or sent.
    const again = await Promise.all([first.scheduler.runOnce(), second.scheduler.runOnce()]);
    expect(again.flatMap((next) => next.issued)).toEqual([]);

    // A restart: the holder stops (handing its lease back), a new replica runs and issues nothing again.
    await holder.app.close();
    replicas.splice(replicas.indexOf(holder), 1);
    const third = await startReplica();
    const afterRestart = await third.scheduler.runOnce();
    expect(afterRestart).toEqual({ ran: true, issued: [], failed: [] });
    const { body: still } = await third.http().get('/v1/reports/issued').expect(200);
    expect(still.issued).toHaveLength(2);
    expect(smtp.mails).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
  }, 240_000);

  it('counts working days on the national public holidays and the province’s own days off (REPORT_HOLIDAYS)', async () => {
    const { scheduler } = replicas[0] ?? (await startReplica());
    // Tết Bính Ngọ (national) and 23 March 2026 (the province's).
    expect(isWorkingDay(scheduler.calendar, '2026-02-17')).toBe(false);
    expect(isWorkingDay(scheduler.calendar, '2026-03-23')).toBe(false);
    expect(isWorkingDay(scheduler.calendar, '2026-03-24')).toBe(true);
    // Two working days after the statutory February (to Saturday 14th): after the Tết week. One working day
    // after Friday 20 March: Monday 23rd is the province's day off.
    expect(dueDay('2026-02-14', { workingDaysAfterEnd: 2 }, scheduler.calendar)).toBe('2026-02-24');
    expect(dueDay('2026-03-20', { workingDaysAfterEnd: 1 }, scheduler.calendar)).toBe('2026-03-24');
  });
});
