/**
 * What happened to a scope's dossiers over a period, counted so that nothing is lost:
 * carried over (open at the end of the day before the period) + received in the period
 *   = resolved + closed without a result (withdrawn or stopped first) + still in progress at the period's end.
 * A dossier leaves the open set at its first resolution, withdrawal or stop, whichever came first; a resolution
 * at the very instant of a withdrawal counts as a resolution.
 */
export interface DossierFlow {
  receivedOnline: number;
  /** Received at the counter or by post (BCCI). */
  receivedOther: number;
  carriedOver: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  closedWithoutResult: number;
  inProgressWithinDue: number;
  inProgressOverdue: number;
}

export const DOSSIER_FLOW_KEYS = [
  'receivedOnline',
  'receivedOther',
  'carriedOver',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'closedWithoutResult',
  'inProgressWithinDue',
  'inProgressOverdue',
] as const satisfies readonly (keyof DossierFlow)[];

export const emptyFlow = (): DossierFlow =>
  Object.fromEntries(DOSSIER_FLOW_KEYS.map((key) => [key, 0])) as unknown as DossierFlow;

export function addFlows(flows: readonly DossierFlow[]): DossierFlow {
  const sum = emptyFlow();
  for (const flow of flows) for (const key of DOSSIER_FLOW_KEYS) sum[key] += flow[key];
  return sum;
}

export const receivedInPeriod = (flow: DossierFlow) => flow.receivedOnline + flow.receivedOther;
export const resolved = (flow: DossierFlow) => flow.resolvedEarly + flow.resolvedOnTime + flow.resolvedLate;
export const inProgress = (flow: DossierFlow) => flow.inProgressWithinDue + flow.inProgressOverdue;

/** Dossiers unaccounted for: carried over + received − resolved − closed − in progress (0 when the law holds). */
export const flowImbalance = (flow: DossierFlow) =>
  flow.carriedOver + receivedInPeriod(flow) - resolved(flow) - flow.closedWithoutResult - inProgress(flow);

/** A flow for one row of a report: a field, a child unit, or a code the catalogue does not know (key null). */
export interface FlowGroup {
  key: string | null;
  flow: DossierFlow;
}
