import { Channel } from '@dvc/dossier-events';
import { ReferenceCatalogue } from './reference-catalogue';
import { ReferenceEvent } from './reference-dossiers';
import { ReferenceQuery } from './reference-indicators';

/**
 * Builders for the reference specs. Every call returns fresh objects, so no test can change another's data.
 * An event's id defaults to `<type>@<occurredAt>`: building the same event twice gives a duplicate; a re-send
 * passes its own `id`. `ingestedAt` defaults to `occurredAt` (nothing arrives late unless a test says so).
 */

/** `2026-03-02 09:00` (local, +07:00) → ISO instant; seconds and milliseconds may follow. */
export const vn = (local: string): string => {
  const [day, time = '09:00'] = local.split(' ');
  return `${day}T${time.length === 5 ? `${time}:00` : time}+07:00`;
};

export const SOURCE = 'mc.h12';
const FAR_DUE = vn('2026-12-31 17:00');

interface Common {
  dossier: string;
  at: string;
  id?: string;
  ingestedAt?: string;
  source?: string;
}

const common = (type: string, o: Common) => ({
  eventId: o.id ?? `${type}@${o.at}`,
  source: o.source ?? SOURCE,
  dossierCode: o.dossier,
  occurredAt: o.at,
  ingestedAt: o.ingestedAt ?? o.at,
});

interface Describes {
  agency?: string;
  procedure?: string;
}

export const received = (o: Common & Describes & { channel?: Channel; due?: string }): ReferenceEvent => ({
  ...common('received', o),
  type: 'received',
  agencyCode: o.agency ?? 'S1',
  procedureCode: o.procedure ?? 'P1',
  channel: o.channel ?? 'direct',
  dueAt: o.due ?? FAR_DUE,
});

export const refused = (o: Common & Describes): ReferenceEvent => ({
  ...common('refused', o),
  type: 'refused',
  agencyCode: o.agency ?? 'S1',
  procedureCode: o.procedure ?? 'P1',
});

export const submitted = (o: Common & Describes): ReferenceEvent => ({
  ...common('submitted', o),
  type: 'submitted',
  agencyCode: o.agency ?? 'S1',
  procedureCode: o.procedure ?? 'P1',
});

export const supplementReceived = (o: Common & { due?: string }): ReferenceEvent => ({
  ...common('supplement_received', o),
  type: 'supplement_received',
  ...(o.due !== undefined && { dueAt: o.due }),
});

export const rescheduled = (o: Common & { due: string }): ReferenceEvent => ({
  ...common('rescheduled', o),
  type: 'rescheduled',
  dueAt: o.due,
});

export const resolved = (o: Common): ReferenceEvent => ({ ...common('resolved', o), type: 'resolved' });
export const withdrawn = (o: Common): ReferenceEvent => ({ ...common('withdrawn', o), type: 'withdrawn' });
export const stopped = (o: Common): ReferenceEvent => ({ ...common('stopped', o), type: 'stopped' });

export const returned = (o: Common & { channel: Channel }): ReferenceEvent => ({
  ...common('returned', o),
  type: 'returned',
  returnChannel: o.channel,
});

export const paid = (o: Common & { method: 'online' | 'offline'; amount: number }): ReferenceEvent => ({
  ...common('paid', o),
  type: 'paid',
  payment: { method: o.method, amount: o.amount },
});

export const transferred = (o: Common & { to: string }): ReferenceEvent => ({
  ...common('transferred', o),
  type: 'transferred',
  toAgencyCode: o.to,
});

export const query = (
  indicator: ReferenceQuery['indicator'],
  overrides: Partial<ReferenceQuery> = {},
): ReferenceQuery => ({
  indicator,
  options: {},
  from: '2026-03-01',
  to: '2026-03-31',
  agency: null,
  structure: 'reported',
  subtree: true,
  field: null,
  procedure: null,
  groupBy: null,
  now: vn('2026-06-01 00:00'),
  asOf: null,
  ...overrides,
});

export const OPEN_END = '2099-12-31';

export const span = (
  procedureCode: string,
  agencyCode: string,
  level: number,
  validFrom = '2024-01-01',
  validTo = OPEN_END,
  portal = false,
): ReferenceCatalogue['levels'][number] => ({ procedureCode, agencyCode, level, portal, validFrom, validTo });

/**
 * Province H: departments S1, S2; districts Q1 (commune X1), Q2 (commune X2) and Q9 (the unit Q1 and Q2
 * merge into when a test adds the lineage). Procedures P1-P6 in three fields; P7 is not catalogued.
 */
export const catalogue = (overrides: Partial<ReferenceCatalogue> = {}): ReferenceCatalogue => ({
  agencies: [
    { code: 'H', parentCode: null },
    { code: 'S1', parentCode: 'H' },
    { code: 'S2', parentCode: 'H' },
    { code: 'Q1', parentCode: 'H' },
    { code: 'Q2', parentCode: 'H' },
    { code: 'Q9', parentCode: 'H' },
    { code: 'X1', parentCode: 'Q1' },
    { code: 'X2', parentCode: 'Q2' },
  ],
  lineage: [],
  procedures: [
    { code: 'P1', field: 'land' },
    { code: 'P2', field: 'justice' },
    { code: 'P3', field: 'land' },
    { code: 'P4', field: 'health' },
    { code: 'P5', field: 'health' },
    { code: 'P6', field: 'justice' },
  ],
  levels: [],
  ...overrides,
});

/** Q1 and Q2 merged into Q9 on 1 July 2025. */
export const MERGER: ReferenceCatalogue['lineage'] = [
  { fromCode: 'Q1', toCode: 'Q9', effectiveDate: '2025-07-01' },
  { fromCode: 'Q2', toCode: 'Q9', effectiveDate: '2025-07-01' },
];
