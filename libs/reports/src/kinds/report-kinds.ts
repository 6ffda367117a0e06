import { z } from 'zod';

/** The report kinds this build makes (one file each under kinds/). */
export interface ReportKindDescription {
  id: string;
  formCode: string;
  nameVi: string;
  nameEn: string;
  rows: readonly ('field' | 'agency')[];
}

export const REPORT_KINDS: readonly ReportKindDescription[] = [
  {
    id: 'ii06a',
    formCode: 'Biểu số II.06a/VPCP/KSTT',
    nameVi: 'Tình hình, kết quả giải quyết thủ tục hành chính',
    nameEn: 'Administrative procedures: dossiers received, resolved and in progress',
    rows: ['field', 'agency'],
  },
];

/** The ids of `REPORT_KINDS`: what `/v1/reports/{kind}` takes. */
export const reportKindIdSchema = z.enum(REPORT_KINDS.map((kind) => kind.id) as [string, ...string[]]);
