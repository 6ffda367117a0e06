import type { EmailMessage, WebhookMessage } from '@dvc/notifications';
import type { IssuedReport } from '../issued/issued-reports.service';
import { vietnameseDate, vietnameseDateTime } from '../periods/report-period';

/** What an announcement says of a report beyond its record: its form, title, scope and period as headed. */
export interface AnnouncedReport {
  issued: IssuedReport;
  scheduleId: string;
  formCode: string;
  title: string;
  scopeLine: string;
  periodLabel: string;
  xlsx: { filename: string; bytes: Buffer };
}

const downloads = (baseUrl: string, id: string) => {
  const base = `${baseUrl.replace(/\/+$/, '')}/v1/reports/issued/${id}`;
  return {
    json: `${base}?format=json`,
    csv: `${base}?format=csv`,
    xlsx: `${base}?format=xlsx`,
    pdf: `${base}?format=pdf`,
    revisions: `${base}/revisions`,
  };
};

/** The mail announcing an issued report, in Vietnamese, with the issued XLSX attached. */
export function announcementEmail(report: AnnouncedReport, to: string[], baseUrl: string): EmailMessage {
  const { issued } = report;
  const links = downloads(baseUrl, issued.id);
  const text = [
    `Báo cáo đã được chốt số liệu tự động (lịch "${report.scheduleId}").`,
    '',
    `${report.formCode}: ${report.title}`,
    report.scopeLine,
    `Kỳ báo cáo: ${report.periodLabel} (từ ngày ${vietnameseDate(issued.period.from)} đến ngày ` +
      `${vietnameseDate(issued.period.to)})`,
    `Số liệu tính theo các sự kiện đã tiếp nhận đến ${vietnameseDateTime(issued.asOf)}.`,
    `Mã báo cáo: ${issued.id}; mã kiểm tra SHA-256 (JSON): ${issued.checksum}.`,
    '',
    `Tệp Excel đính kèm: ${report.xlsx.filename}.`,
    `Tải lại: ${links.xlsx} (CSV, JSON, PDF: format=csv, json, pdf); số liệu thay đổi sau khi chốt: ${links.revisions}`,
  ].join('\n');
  return {
    to,
    subject: `[DVC] Đã chốt số liệu: ${report.formCode}, ${report.periodLabel}, ${report.scopeLine.replace(/^Tại: /, '')}`,
    text,
    attachments: [
      {
        filename: report.xlsx.filename,
        content: report.xlsx.bytes,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ],
  };
}

/** The webhook announcing an issued report: its record and where to download it, signed when a secret is set. */
export function announcementWebhook(
  report: AnnouncedReport,
  endpoint: { url: string; secret: string | null },
  baseUrl: string,
): WebhookMessage {
  return {
    url: endpoint.url,
    secret: endpoint.secret,
    idempotencyKey: `report-issued:${report.issued.id}`,
    payload: {
      type: 'report.issued',
      schedule: report.scheduleId,
      report: report.issued,
      title: report.title,
      formCode: report.formCode,
      period: { ...report.issued.period, label: report.periodLabel },
      downloads: downloads(baseUrl, report.issued.id),
    },
  };
}
