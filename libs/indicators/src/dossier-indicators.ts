import { IndicatorDefinition } from './indicator-definition';

/** The indicators of docs/indicators.md beyond dossiers.online and the procedure levels. */

export const servicesUptake: IndicatorDefinition = {
  id: 'services.uptake',
  nameVi: 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ',
  nameEn: 'Share of online services that received online dossiers',
  anchor: 'receipt',
  unit: 'share',
  measure: 'flow',
  options: [],
  description:
    'Procedures offered at level 3 or 4 in the scope on at least one day of the period, and of them those ' +
    'that received at least one dossier online in the scope during the period (by the local day of receipt).',
};

export const dossiersOnTime: IndicatorDefinition = {
  id: 'dossiers.on_time',
  nameVi: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
  nameEn: 'Share of dossiers resolved on time',
  anchor: 'resolution',
  unit: 'share',
  measure: 'flow',
  options: [],
  description:
    'Dossiers resolved in the period on or before their due day (the latest due date given: a reschedule or a ' +
    'supplement request replaces the old one; compared by local calendar day), out of the dossiers resolved ' +
    'in the period plus those still open at the end of its last day with a due day before it. The breakdown ' +
    'splits them into early, on time, late and overdue-open.',
};

export const dossiersOpen: IndicatorDefinition = {
  id: 'dossiers.open',
  nameVi: 'Hồ sơ đang xử lý',
  nameEn: 'Dossiers being processed',
  anchor: 'now',
  unit: 'count',
  measure: 'stock',
  options: [],
  description:
    'Dossiers received and neither resolved, withdrawn nor stopped, at the end of the period or now if that ' +
    'is earlier: the live backlog. The breakdown gives those past their due day and those due within 24 hours.',
};

export const dossiersOverdue: IndicatorDefinition = {
  id: 'dossiers.overdue',
  nameVi: 'Hồ sơ quá hạn',
  nameEn: 'Open dossiers past their due date',
  anchor: 'now',
  unit: 'share',
  measure: 'stock',
  options: [],
  description:
    'Of the dossiers open at the end of the period (or now if earlier), those whose due day has passed. The ' +
    'breakdown adds those due within the next 24 hours.',
};

export const paymentsOnline: IndicatorDefinition = {
  id: 'payments.online',
  nameVi: 'Tỷ lệ thanh toán trực tuyến',
  nameEn: 'Share of fees paid online',
  anchor: 'payment',
  unit: 'share',
  measure: 'flow',
  options: [],
  description:
    'Dossiers whose first payment of a non-zero amount fell in the period, and of them those paid online.',
};

export const dossiersPostal: IndicatorDefinition = {
  id: 'dossiers.postal',
  nameVi: 'Tỷ lệ hồ sơ qua dịch vụ bưu chính công ích',
  nameEn: 'Share of dossiers through the public postal service',
  anchor: 'receipt',
  unit: 'share',
  measure: 'flow',
  options: ['of'],
  description:
    'Dossiers received by post out of all dossiers received (of=receipt, the default), or results returned ' +
    'by post out of all results returned, by the local day of the first return (of=return).',
};

export const proceduresPortal: IndicatorDefinition = {
  id: 'procedures.portal',
  nameVi: 'Tỷ lệ dịch vụ công trực tuyến tích hợp Cổng Dịch vụ công quốc gia',
  nameEn: 'Share of online services integrated with the National Public Service Portal',
  anchor: 'period_end',
  unit: 'share',
  measure: 'stock',
  options: [],
  description:
    'Of the procedures offered at level 3 or 4 in the scope on the last day of the period, those integrated ' +
    'with the National Public Service Portal by at least one of their offerings in the scope.',
};
