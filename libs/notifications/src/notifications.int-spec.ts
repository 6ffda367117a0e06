import { parseAppConfig } from '@dvc/config';
import { MetricsRegistry } from '@dvc/observability';
import { TestSmtpServer, TestWebhookReceiver } from '@dvc/testing';
import { EmailSender } from './email/email-sender';
import { NotificationsMetrics } from './notifications.metrics';
import { WebhookSender } from './webhook/webhook-sender';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhook/webhook-signature';

const senders = (env: Record<string, string>) => {
  const config = parseAppConfig({ WEBHOOK_RETRY_INITIAL_MS: '20', WEBHOOK_RETRY_MAX_MS: '80', ...env });
  const registry = new MetricsRegistry();
  const metrics = new NotificationsMetrics(registry);
  return { email: new EmailSender(config, metrics), webhook: new WebhookSender(config, metrics), registry };
};

const metricValue = async (registry: MetricsRegistry, labels: Record<string, string>) => {
  const metric = await registry.getSingleMetric('dvc_notification_deliveries_total')!.get();
  const found = metric.values.find((value) =>
    Object.entries(labels).every(([name, label]) => value.labels[name] === label),
  );
  return found?.value ?? 0;
};

describe('EmailSender against a real SMTP server on loopback', () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
  });
  afterEach(() => smtp.stop());

  it('delivers a Vietnamese message, text and html, to exactly its recipients', async () => {
    const { email, registry } = senders({ SMTP_URL: smtp.url });
    const result = await email.send({
      to: ['truong.phong@xa-a.gov.vn'],
      subject: 'Cảnh báo: tỷ lệ hồ sơ trực tuyến 24% (chỉ tiêu 30%)',
      text: 'Tỷ lệ hồ sơ trực tuyến 30 ngày qua giảm còn 24%.',
      html: '<p>Tỷ lệ hồ sơ trực tuyến 30 ngày qua giảm còn <b>24%</b>.</p>',
    });
    email.onModuleDestroy();

    expect(result).toMatchObject({ channel: 'email', outcome: 'delivered', attempts: 1, error: null });
    expect(result.messageId).toMatch(/@/);
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.envelopeTo).toEqual(['truong.phong@xa-a.gov.vn']);
    expect(mail.envelopeFrom).toBe('canh-bao@dvc.local');
    expect(mail.parsed.subject).toBe('Cảnh báo: tỷ lệ hồ sơ trực tuyến 24% (chỉ tiêu 30%)');
    expect(mail.parsed.from?.text).toContain('Hệ thống DVC');
    expect(mail.parsed.text?.trim()).toBe('Tỷ lệ hồ sơ trực tuyến 30 ngày qua giảm còn 24%.');
    expect(mail.parsed.html).toContain('<b>24%</b>');
    expect(await metricValue(registry, { channel: 'email', outcome: 'delivered' })).toBe(1);
  });

  it('returns a failure, counted, when the server refuses the message', async () => {
    const { email, registry } = senders({ SMTP_URL: smtp.url });
    smtp.failNext(1);
    const result = await email.send({ to: ['a@b.vn'], subject: 's', text: 't' });
    email.onModuleDestroy();
    expect(result).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(result.error).toMatch(/451|try again/);
    expect(smtp.mails).toHaveLength(0);
    expect(await metricValue(registry, { channel: 'email', outcome: 'failed' })).toBe(1);
  });

  it('returns a failure when no server listens', async () => {
    const { email } = senders({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const result = await email.send({ to: ['a@b.vn'], subject: 's', text: 't' });
    expect(result).toMatchObject({ outcome: 'failed' });
    expect(result.error).toMatch(/ECONNREFUSED|connect/);
  });

  it('skips, without a server configured or without a recipient', async () => {
    const { email } = senders({});
    expect(await email.send({ to: ['a@b.vn'], subject: 's', text: 't' })).toMatchObject({
      outcome: 'skipped',
      attempts: 0,
      error: 'SMTP_URL not set',
    });
    const configured = senders({ SMTP_URL: smtp.url }).email;
    expect(await configured.send({ to: [], subject: 's', text: 't' })).toMatchObject({ outcome: 'skipped' });
    configured.onModuleDestroy();
    expect(smtp.mails).toHaveLength(0);
  });
});

describe('WebhookSender against a real HTTP receiver on loopback', () => {
  let receiver: TestWebhookReceiver | undefined;
  afterEach(() => receiver?.stop());

  it('POSTs the JSON payload signed with the shared secret', async () => {
    receiver = await TestWebhookReceiver.start();
    const payload = { status: 'firing', unit: 'Xã A', value: 0.24 };
    const result = await senders({}).webhook.send({
      url: receiver.url('/dvc?token=abc'),
      secret: 'shared-secret',
      payload,
      idempotencyKey: 'alert-1:firing:1',
    });
    expect(result).toMatchObject({
      channel: 'webhook',
      outcome: 'delivered',
      attempts: 1,
      response: 'HTTP 200',
    });
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/dvc?token=abc' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe('alert-1:firing:1');
    expect(JSON.parse(request.body)).toEqual(payload);
    const signature = request.headers[WEBHOOK_SIGNATURE_HEADER] as string;
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhookSignature(request.body, signature, 'shared-secret', now)).toBe(true);
    expect(verifyWebhookSignature(request.body, signature, 'another-secret', now)).toBe(false);
  });

  it('retries a failing receiver with growing waits until it accepts', async () => {
    receiver = await TestWebhookReceiver.start((index) => (index < 3 ? 503 : 200));
    const started = Date.now();
    const result = await senders({}).webhook.send({
      url: receiver.url(),
      secret: 's',
      payload: { n: 1 },
      idempotencyKey: 'k',
    });
    expect(result).toMatchObject({ outcome: 'delivered', attempts: 4 });
    expect(receiver.requests.map(({ answered }) => answered)).toEqual([503, 503, 503, 200]);
    // Waits of 20, 40 and 80 ms before attempts 2-4: at least their sum passed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(new Set(receiver.requests.map(({ body }) => body)).size).toBe(1);
  });

  it('gives up after WEBHOOK_MAX_ATTEMPTS and says why, counted as a failure', async () => {
    receiver = await TestWebhookReceiver.start(() => 500);
    const { webhook, registry } = senders({ WEBHOOK_MAX_ATTEMPTS: '3' });
    const result = await webhook.send({ url: receiver.url(), secret: 's', payload: {}, idempotencyKey: 'k' });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 3, response: 'HTTP 500' });
    expect(result.error).toBe('the receiver answered 500');
    expect(receiver.requests).toHaveLength(3);
    expect(await metricValue(registry, { channel: 'webhook', outcome: 'failed' })).toBe(1);
  });

  it('does not retry a refusal (4xx other than 408/425/429)', async () => {
    receiver = await TestWebhookReceiver.start(() => 401);
    const result = await senders({}).webhook.send({
      url: receiver.url(),
      secret: 's',
      payload: {},
      idempotencyKey: 'k',
    });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 1, response: 'HTTP 401' });
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries a receiver that is not listening, then gives up with the connection error', async () => {
    const gone = await TestWebhookReceiver.start();
    await gone.stop();
    const result = await senders({ WEBHOOK_MAX_ATTEMPTS: '2' }).webhook.send({
      url: gone.url(),
      secret: null,
      payload: {},
      idempotencyKey: 'k',
    });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 2, response: null });
    expect(result.error).toMatch(/fetch failed.*ECONNREFUSED/);
  });

  it('sends unsigned when the endpoint has no secret', async () => {
    receiver = await TestWebhookReceiver.start();
    await senders({}).webhook.send({ url: receiver.url(), secret: null, payload: {}, idempotencyKey: 'k' });
    expect(receiver.requests[0].headers[WEBHOOK_SIGNATURE_HEADER]).toBeUndefined();
  });
});
