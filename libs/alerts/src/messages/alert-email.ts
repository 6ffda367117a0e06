import { EmailMessage } from '@dvc/notifications';
import { AlertNotice } from './alert-notice';

const LOCAL = 'Asia/Ho_Chi_Minh';
const percent = new Intl.NumberFormat('vi-VN', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const integer = new Intl.NumberFormat('vi-VN');
const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: LOCAL,
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const COMPARATOR_WORDS = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' } as const;
const SEVERITY_WORDS = { info: 'thông tin', warning: 'cảnh báo', critical: 'nghiêm trọng' } as const;
const KIND_WORDS = { firing: 'Cảnh báo', repeat: 'Nhắc lại cảnh báo', resolved: 'Đã hết cảnh báo' } as const;

/** 2026-12-31 → 31/12/2026. */
const localDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

function formatValue(value: number, unit: AlertNotice['indicator']['unit']): string {
  if (unit === 'share') return percent.format(value);
  if (unit === 'percentage_points') return `${decimal.format(value)} điểm phần trăm`;
  return decimal.format(value);
}

function gapText(gap: number, unit: AlertNotice['indicator']['unit']): string {
  const size = Math.abs(gap);
  if (unit === 'share') return `${decimal.format(Math.round(size * 1000) / 10)} điểm phần trăm`;
  return formatValue(size, unit);
}

/** The lines about one alert, in Vietnamese: the unit, the figures with their counts, the target, the gap, what it takes. */
export function alertLines(notice: AlertNotice): string[] {
  const { indicator, figures, requirement, needs, period } = notice;
  const counts =
    figures.denominator === null
      ? ''
      : ` (${integer.format(figures.numerator)}/${integer.format(figures.denominator)} hồ sơ)`;
  const value =
    figures.value === null ? 'chưa có số liệu' : `${formatValue(figures.value, indicator.unit)}${counts}`;
  const lines = [
    `${KIND_WORDS[notice.kind]} — ${notice.unit.name}${notice.unit.code ? ` (${notice.unit.code})` : ''}`,
    `${indicator.nameVi} từ ${localDate(period.from)} đến ${localDate(period.to)}: ${value}; chỉ tiêu ${COMPARATOR_WORDS[requirement.comparator]} ${formatValue(requirement.threshold, indicator.unit)}.`,
  ];
  if (notice.kind === 'resolved') {
    lines.push(`Chỉ tiêu đã đạt trở lại lúc ${dateTime.format(notice.evaluatedAt)}.`);
  } else {
    if (needs.gap !== null) {
      const direction = needs.gap < 0 ? 'thấp hơn' : 'cao hơn';
      lines.push(`Chênh lệch: ${direction} chỉ tiêu ${gapText(needs.gap, indicator.unit)}.`);
    }
    if (needs.moreNeeded !== null) {
      const atLeast = requirement.comparator === '>=' || requirement.comparator === '>';
      lines.push(
        atLeast
          ? `Cần thêm ${integer.format(needs.moreNeeded)} hồ sơ đạt yêu cầu để trở lại chỉ tiêu.`
          : `Cần thêm ${integer.format(needs.moreNeeded)} hồ sơ không vi phạm để trở lại chỉ tiêu.`,
      );
    }
    const end = needs.byPeriodEnd;
    if (end && end.requiredShareOfRemaining !== null) {
      lines.push(
        end.reachable
          ? `Đến hết ngày ${localDate(end.to)}: cần ${percent.format(Math.max(0, end.requiredShareOfRemaining))} trong khoảng ${integer.format(end.expectedRemaining)} hồ sơ còn lại đạt yêu cầu.`
          : `Đến hết ngày ${localDate(end.to)}: không còn đạt được chỉ tiêu với khoảng ${integer.format(end.expectedRemaining)} hồ sơ còn lại.`,
      );
    }
    lines.push(
      `Mức độ: ${SEVERITY_WORDS[notice.severity]}; bắt đầu lúc ${dateTime.format(notice.firingSince)}.`,
    );
  }
  lines.push(`Xem chi tiết: ${notice.dashboardUrl}`);
  return lines;
}

/** One email for everything that one evaluation has to tell one recipient. */
export function renderAlertEmail(to: string[], notices: readonly AlertNotice[]): EmailMessage {
  if (notices.length === 0) throw new RangeError('an alert email needs at least one alert');
  const [first] = notices;
  const subject =
    notices.length === 1
      ? `[DVC] ${KIND_WORDS[first.kind]}: ${first.unit.name} — ${first.indicator.nameVi} ${first.figures.value === null ? '' : formatValue(first.figures.value, first.indicator.unit)} (chỉ tiêu ${COMPARATOR_WORDS[first.requirement.comparator]} ${formatValue(first.requirement.threshold, first.indicator.unit)})`.replace(
          /\s+\(/,
          ' (',
        )
      : `[DVC] ${notices.length} cảnh báo chỉ tiêu: ${[...new Set(notices.map((notice) => notice.unit.name))].join(', ')}`;
  const blocks = notices.map(alertLines);
  const text = [
    'Kính gửi đồng chí,',
    '',
    ...blocks.flatMap((lines) => [...lines, '']),
    'Thư này do hệ thống theo dõi chỉ số dịch vụ công gửi tự động; xác nhận đã nhận cảnh báo trên hệ thống để dừng nhắc lại.',
  ].join('\n');
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = [
    '<p>Kính gửi đồng chí,</p>',
    ...blocks.map(
      ([title, ...rest]) =>
        `<h3>${escape(title)}</h3><ul>${rest.map((line) => `<li>${escape(line).replace(/(https?:\/\/\S+)/, '<a href="$1">$1</a>')}</li>`).join('')}</ul>`,
    ),
  ].join('\n');
  return { to, subject, text, html };
}
