import { dossierEventSchema } from '@dvc/dossier-events';
import { aReceived, anEvent, WireEvent } from '@dvc/testing';
import { toClickHouseTime, toEventRow } from './enrich-event.step';

const arrival = { at: new Date('2026-03-02T03:04:05.678Z'), via: 'kafka' as const };

describe('enrich step: toEventRow', () => {
  it('converts timestamps with an offset to UTC', () => {
    expect(toClickHouseTime('2026-03-02T00:30:00+07:00')).toBe('2026-03-01 17:30:00.000');
    expect(toClickHouseTime('2026-03-01T17:30:00Z')).toBe('2026-03-01 17:30:00.000');
  });

  it('flattens a received event into a storage row stamped with its arrival', () => {
    const event = dossierEventSchema.parse(
      aReceived('HS-1', 'online', { eventId: 'e-1', fee: 30_000, statusCode: 2 }),
    );
    expect(toEventRow(event, arrival)).toEqual({
      source: 'test-province',
      event_id: 'e-1',
      type: 'received',
      status_code: 2,
      occurred_at: '2026-03-02 02:00:00.000',
      dossier_code: 'HS-1',
      procedure_code: '1.004227',
      agency_code: '000.00.12.H12',
      channel: 'online',
      due_at: '2026-03-16 10:00:00.000',
      fee: 30_000,
      payment_method: '',
      payment_amount: null,
      outcome: '',
      electronic_result: null,
      return_channel: '',
      to_agency_code: '',
      ingested_at: '2026-03-02 03:04:05.678',
      ingested_via: 'kafka',
    });
  });

  it('stamps each row with its own arrival, however the rows of batches interleave', () => {
    const event = dossierEventSchema.parse(aReceived('HS-1', 'online'));
    const first = new Date('2026-03-02T03:04:05.678Z');
    const second = new Date('2026-03-02T03:04:06.000Z');
    const stamp = (at: Date) => toEventRow(event, { at, via: 'http' }).ingested_at;
    expect([stamp(first), stamp(second), stamp(first)]).toEqual([
      '2026-03-02 03:04:05.678',
      '2026-03-02 03:04:06.000',
      '2026-03-02 03:04:05.678',
    ]);
    first.setTime(Date.parse('2026-03-03T00:00:00Z'));
    expect(stamp(first)).toBe('2026-03-03 00:00:00.000');
  });

  it('carries payment, outcome, return channel and transfer target', () => {
    const row = (fields: WireEvent, type: string) =>
      toEventRow(dossierEventSchema.parse(anEvent(type, 'HS-1', fields)), arrival);
    expect(row({ payment: { method: 'online', amount: 50_000 } }, 'paid')).toMatchObject({
      payment_method: 'online',
      payment_amount: 50_000,
    });
    expect(row({ outcome: 'approved', electronicResult: true }, 'resolved')).toMatchObject({
      outcome: 'approved',
      electronic_result: true,
    });
    expect(row({ returnChannel: 'postal' }, 'returned')).toMatchObject({ return_channel: 'postal' });
    expect(row({ toAgencyCode: '000.00.15.H12' }, 'transferred')).toMatchObject({
      to_agency_code: '000.00.15.H12',
    });
  });

  it('stores agency and procedure codes in the catalogue spelling', () => {
    const event = anEvent('transferred', 'HS-1', {
      agencyCode: ' 000.00.12.h12',
      procedureCode: '１.００４２２７',
      toAgencyCode: '000,00,15,h12',
    });
    expect(toEventRow(dossierEventSchema.parse(event), arrival)).toMatchObject({
      agency_code: '000.00.12.H12',
      procedure_code: '1.004227',
      to_agency_code: '000.00.15.H12',
    });
  });
});
