import { z } from 'zod';
import { dvcttKind } from './dvctt.report';
import { ii06aKind } from './ii06a.report';
import { rankingKind } from './ranking.report';
import { ReportKind } from './report-kind';
import { targetsKind } from './targets.report';

/** The report kinds this build makes: one file each under kinds/, listed here in the order `GET /v1/reports` shows. */
export const REPORT_KIND_REGISTRY: readonly ReportKind[] = [ii06aKind, dvcttKind, targetsKind, rankingKind];

export const REPORT_KINDS = REPORT_KIND_REGISTRY.map((kind) => kind.description);

/** The ids of `REPORT_KINDS`: what `/v1/reports/{kind}` takes. */
export const reportKindIdSchema = z.enum(REPORT_KINDS.map((kind) => kind.id) as [string, ...string[]]);
