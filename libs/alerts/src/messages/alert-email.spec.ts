import { AlertNotice } from './alert-notice';
import { renderAlertEmail } from './alert-email';
import { alertmanagerWebhookPayload } from './alert-webhook-payload';

const notice = (overrides: Partial<AlertNotice> = {}): AlertNotice => ({
  alertId: '6f1c2a9e-0000-4000-8000-000000000001',
  kind: 'firing',
  ruleKey: 'communes-online',
  ruleName: 'Hồ sơ trực tuyến',
  severity: 'warning',
  labels: { alertname: 'communes-online', agency: '000.30.02.H12', severity: 'warning' },
  unit: { code: '000.30.02.H12', name: 'UBND xã Hàm Liêm' },
  indicator: { id: 'dossiers.online', nameVi: 'Tỷ lệ hồ sơ trực tuyến', unit: 'share' },
  period: { from: '2026-11-11', to: '2026-12-10' },
  requirement: { comparator: '>=', threshold: 0.3 },
  figures: { numerator: 120, denominator: 500, value: 0.24 },
  needs: {
    gap: -0.06,
    moreNeeded: 43,
    byPeriodEnd: {
      to: '2026-12-31',
      requiredShareOfRemaining: 0.3286,
      expectedRemaining: 1050,
      reachable: true,
    },
  },
  firingSince: Date.parse('2026-12-10T03:00:00Z'),
  evaluatedAt: Date.parse('2026-12-10T03:00:00Z'),
  dashboardUrl: 'http://dvc.example.vn/?agency=000.30.02.H12',
  ...overrides,
});

describe('renderAlertEmail', () => {
  it('says, in Vietnamese, the unit, the value with its counts, the target, the gap and what it takes', () => {
    const mail = renderAlertEmail(['a@b.vn'], [notice()]);
    expect(mail.subject).toBe(
      '[DVC] Cảnh báo: UBND xã Hàm Liêm — Tỷ lệ hồ sơ trực tuyến 24,0% (chỉ tiêu ≥ 30,0%)',
    );
    expect(mail.text.split('\n')).toEqual([
      'Kính gửi đồng chí,',
      '',
      'Cảnh báo — UBND xã Hàm Liêm (000.30.02.H12)',
      'Tỷ lệ hồ sơ trực tuyến từ 11/11/2026 đến 10/12/2026: 24,0% (120/500 hồ sơ); chỉ tiêu ≥ 30,0%.',
      'Chênh lệch: thấp hơn chỉ tiêu 6 điểm phần trăm.',
      'Cần thêm 43 hồ sơ đạt yêu cầu để trở lại chỉ tiêu.',
      'Đến hết ngày 31/12/2026: cần 32,9% trong khoảng 1.050 hồ sơ còn lại đạt yêu cầu.',
      'Mức độ: cảnh báo; bắt đầu lúc 10:00 10/12/2026.',
      'Xem chi tiết: http://dvc.example.vn/?agency=000.30.02.H12',
      '',
      'Thư này do hệ thống theo dõi chỉ số dịch vụ công gửi tự động; xác nhận đã nhận cảnh báo trên hệ thống để dừng nhắc lại.',
    ]);
    expect(mail.html).toContain('<a href="http://dvc.example.vn/?agency=000.30.02.H12">');
  });

  it('puts what fires together for one recipient in one message', () => {
    const other = notice({ unit: { code: '000.30.03.H12', name: 'UBND xã Hàm Trí' } });
    const mail = renderAlertEmail(['a@b.vn'], [notice(), other]);
    expect(mail.subject).toBe('[DVC] 2 cảnh báo chỉ tiêu: UBND xã Hàm Liêm, UBND xã Hàm Trí');
    expect(mail.text).toContain('Cảnh báo — UBND xã Hàm Trí');
  });

  it('says a resolve plainly, without what it takes', () => {
    const mail = renderAlertEmail(
      ['a@b.vn'],
      [notice({ kind: 'resolved', figures: { numerator: 200, denominator: 500, value: 0.4 } })],
    );
    expect(mail.subject).toMatch(/^\[DVC\] Đã hết cảnh báo: UBND xã Hàm Liêm/);
    expect(mail.text).toContain('Chỉ tiêu đã đạt trở lại lúc');
    expect(mail.text).not.toContain('Cần thêm');
  });
});

describe('alertmanagerWebhookPayload', () => {
  it('is an Alertmanager webhook (version 4) with the figures in annotations', () => {
    const payload = alertmanagerWebhookPayload([notice()], 'http://dvc.example.vn/');
    expect(payload).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'dvc-alerts',
      commonLabels: { alertname: 'communes-online', agency: '000.30.02.H12' },
      externalURL: 'http://dvc.example.vn/',
    });
    expect(payload.alerts[0]).toEqual({
      status: 'firing',
      labels: notice().labels,
      annotations: expect.objectContaining({
        value: '0.24',
        numerator: '120',
        denominator: '500',
        threshold: '>= 0.3',
        more_needed: '43',
      }),
      startsAt: '2026-12-10T03:00:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://dvc.example.vn/?agency=000.30.02.H12',
      fingerprint: '6f1c2a9e00004000',
    });
  });
});
