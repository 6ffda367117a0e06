import { randomUUID } from 'node:crypto';
import type { Channel } from '@dvc/dossier-events';

/** Raw (wire) event objects as a vendor would send them: plain JSON, before validation. */
export type WireEvent = Record<string, unknown>;

const defaults = { source: 'test-province', procedureCode: '1.004227', agencyCode: '000.00.12.H12' };

export function anEvent(type: string, dossierCode: string, fields: WireEvent = {}): WireEvent {
  return {
    eventId: randomUUID(),
    source: defaults.source,
    type,
    occurredAt: '2026-03-02T09:00:00+07:00',
    dossierCode,
    ...fields,
  };
}

/** An event of a type that must say which procedure and agency the dossier is for. */
const describing = (type: string, dossierCode: string, fields: WireEvent) =>
  anEvent(type, dossierCode, {
    procedureCode: defaults.procedureCode,
    agencyCode: defaults.agencyCode,
    ...fields,
  });

export function aSubmitted(dossierCode: string, fields: WireEvent = {}): WireEvent {
  return describing('submitted', dossierCode, fields);
}

export function aReceived(dossierCode: string, channel: Channel, fields: WireEvent = {}): WireEvent {
  return describing('received', dossierCode, { channel, dueAt: '2026-03-16T17:00:00+07:00', ...fields });
}

export function aRefused(dossierCode: string, fields: WireEvent = {}): WireEvent {
  return describing('refused', dossierCode, fields);
}

/** The same event sent again by a vendor under a fresh id (a re-send, not a redelivery). */
export function resentUnderNewId(event: WireEvent): WireEvent {
  return { ...event, eventId: randomUUID() };
}
