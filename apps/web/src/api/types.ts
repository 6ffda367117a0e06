// The shapes the web app reads, as the API's zod schemas define them (libs/dashboard, libs/indicators,
// libs/target-status); only the fields the pages use.

export interface Figures {
  numerator: number;
  denominator: number | null;
  value: number | null;
  breakdown?: Record<string, number>;
}

export interface IndicatorAnswer extends Figures {
  indicator: string;
  unit: 'share' | 'percentage_points' | 'count';
  period: { from: string; to: string };
  asOf: string | null;
  growth?: {
    level: number;
    previous: Figures & { date: string };
    current: Figures & { date: string };
    upgraded: number;
  };
  groups?: (Figures & { key: string | null; from?: string; to?: string })[];
}

export type TargetStatusValue = 'met' | 'at_risk' | 'missed' | 'not_enough_data';

export interface TargetStatusEntry {
  status: TargetStatusValue;
  actual: number | null;
  threshold: number;
  gap: number | null;
  periodState: 'ended' | 'running' | 'not_started';
  projection: {
    expectedDenominator: number;
    basis: 'last_year' | 'pace';
    remainingDenominator: number;
    projectedValue: number | null;
    requiredShareOfRemaining: number | null;
    reachable?: boolean;
  } | null;
  target: {
    id: string;
    key: string;
    indicatorId: string;
    options: Record<string, string | number | boolean>;
    agencyCode: string | null;
    comparator: '>=' | '>' | '<=' | '<';
    threshold: number;
    legalBasis: string;
    period: string;
  };
  evaluatedFor: { agency: string | null; from: string; to: string };
  figures: Figures | null;
}

// The one list of tiles, shared with the API (a file without imports).
import type { OverviewTile } from '../../../../libs/dashboard/src/overview/overview-tiles';
export { OVERVIEW_TILES, type OverviewTile } from '../../../../libs/dashboard/src/overview/overview-tiles';

export interface Overview {
  scope: { agency: string | null; name: string | null; structure: 'reported' | 'current' };
  today: string;
  asOf: string;
  tiles: Record<OverviewTile, IndicatorAnswer>;
  targets: TargetStatusEntry[];
}

export interface IndicatorDefinition {
  id: string;
  nameVi: string;
  nameEn: string;
  unit: 'share' | 'percentage_points' | 'count';
  description: string;
}

export type Role = 'admin' | 'analyst' | 'operator' | 'department' | 'source';

/** `GET /v1/auth/me` (libs/access). */
export interface Principal {
  name: string;
  role: Role;
  agencyCode: string | null;
}

export type DossierStatus = 'overdue' | 'due_soon' | 'open';
export type DossierSort = 'due' | '-due' | 'received' | '-received';

/** `GET /v1/dossiers` (libs/dashboard/src/dossiers). */
export interface DossierList {
  status: DossierStatus;
  scope: { agency: string | null };
  asOf: string;
  total: number;
  page: number;
  pageSize: number;
  items: {
    source: string;
    dossierCode: string;
    procedureCode: string;
    procedureName: string | null;
    agencyCode: string;
    agencyName: string | null;
    receivedAt: string;
    dueAt: string;
    daysOverdue: number;
  }[];
}

export type LeaderboardGrouping = 'agency' | 'field' | 'procedure';

/** `GET /v1/dashboard/leaderboard` (libs/dashboard/src/leaderboard). */
export interface Leaderboard {
  scope: {
    agency: string | null;
    name: string | null;
    structure: 'reported' | 'current';
    groupedUnder: string | null;
  };
  indicator: { id: string; unit: 'share' | 'percentage_points' | 'count' };
  by: LeaderboardGrouping;
  field: string | null;
  period: { from: string; to: string };
  asOf: string;
  sparklineDays: string[];
  rows: LeaderboardRow[];
}

export interface LeaderboardRow extends Figures {
  key: string | null;
  name: string | null;
  target: {
    key: string;
    agencyCode: string | null;
    comparator: '>=' | '>' | '<=' | '<';
    threshold: number;
    status: TargetStatusValue;
    gap: number | null;
    period: { from: string; to: string };
  } | null;
  sparkline: (number | null)[];
}

// The lever kinds and one lever's figures, shared with the API (a file without imports).
import type { Lever, LeverIndicator } from '../../../../libs/dashboard/src/levers/levers';
export { LEVER_INDICATORS, type LeverIndicator } from '../../../../libs/dashboard/src/levers/levers';

/** `GET /v1/levers` (libs/dashboard/src/levers). */
export interface Levers {
  indicator: LeverIndicator;
  scope: { agency: string | null; structure: 'reported' | 'current' };
  period: { from: string; to: string };
  asOf: string | null;
  share: { numerator: number; denominator: number; value: number | null };
  totalLevers: number;
  levers: (Lever & { procedureName: string | null; field: string | null })[];
}

interface UnknownCode {
  code: string;
  events: number;
  dossiers: number;
  firstSeen: string;
  lastSeen: string;
}

/** `GET /v1/data-quality` (libs/data-quality). */
export interface DataQualityReport {
  catalogue: { publication: number | null };
  unknownAgencies: UnknownCode[];
  unknownProcedures: UnknownCode[];
  sources: {
    source: string;
    events: number;
    lastOccurredAt: string;
    lastIngestedAt: string;
    lastVia: string;
  }[];
  rejected: { total: number; byReason: { reason: string; step: string; count: number; lastAt: string }[] };
}

/** `GET /v1/reports` (libs/reports/src/kinds). */
export interface ReportKind {
  id: string;
  formCode: string;
  nameVi: string;
  nameEn: string;
  rows: ('field' | 'agency' | 'target')[];
  /** The sheet layouts beside the single sheet (unit: one sheet per child unit). */
  sheets?: ('single' | 'unit')[];
}

export interface ReportColumn {
  key: string;
  label: string;
  group?: string;
  kind: 'text' | 'count' | 'percent' | 'decimal';
}

/** `GET /v1/reports/{kind}?format=json` (libs/reports/src/report-table.ts): the table every format lays out. */
export interface ReportTable {
  kind: string;
  formCode: string;
  title: string;
  scopeLine: string;
  period: { key: string; cut: 'statutory' | 'calendar'; from: string; to: string; labelVi: string };
  unit: string;
  columns: ReportColumn[];
  rows: { key?: string | null; cells: (string | number | null)[] }[];
  total: { cells: (string | number | null)[] };
  notes: string[];
  asOf: string;
  /** With sheets=unit: one table per child unit, each named by its unit. */
  sheets?: (ReportTable & { sheetName: string })[];
}

/** `GET /v1/reports/issued` (libs/reports/src/issued). */
export interface IssuedReport {
  id: string;
  kind: string;
  agency: string | null;
  period: { key: string; cut: string; from: string; to: string };
  rows: string;
  asOf: string;
  checksum: string;
  issuedBy: string;
  issuedAt: string;
}
