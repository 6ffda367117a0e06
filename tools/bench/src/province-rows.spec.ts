import { blankEvent, LifecycleEvent } from '@dvc/synthetic-province';
import { DossierFold, eventLine, POSTGRES_DOSSIER_COLUMNS } from './province-rows';

const at = (iso: string) => Date.parse(iso);
const event = (fields: Partial<LifecycleEvent>): LifecycleEvent => ({ ...blankEvent(), ...fields });

const fold = (events: LifecycleEvent[]) => {
  const row = new DossierFold();
  row.start('src', 'HS-1');
  for (const each of events) row.apply(each);
  const cells = row.line().trimEnd().split('\t');
  return Object.fromEntries(POSTGRES_DOSSIER_COLUMNS.map((column, index) => [column, cells[index]]));
};

describe('PostgreSQL dossier rows of the indicators benchmark', () => {
  it('fold a dossier by the rules of dossier_state, whatever order its events come in', () => {
    const events = [
      event({
        type: 'rescheduled',
        occurredAt: at('2025-03-20T02:00:00.500Z'),
        dueAt: at('2025-03-23T00:00:00Z'),
      }),
      event({
        type: 'received',
        occurredAt: at('2025-03-01T01:00:00.250Z'),
        agencyCode: 'A',
        procedureCode: 'P',
        channel: 'online',
        dueAt: at('2025-03-06T01:00:00Z'),
        fee: 50_000,
      }),
      event({
        type: 'submitted',
        occurredAt: at('2025-03-01T00:00:00Z'),
        agencyCode: 'A',
        channel: 'online',
      }),
      event({ type: 'resolved', occurredAt: at('2025-03-21T00:00:00Z'), outcome: 'approved' }),
      event({ type: 'resolved', occurredAt: at('2025-03-22T00:00:00Z'), outcome: 'denied' }),
      event({
        type: 'paid',
        occurredAt: at('2025-03-02T00:00:00Z'),
        paymentMethod: 'online',
        paymentAmount: 50_000,
      }),
    ];
    const row = fold(events);
    expect(row).toMatchObject({
      code: 'HS-1',
      agency_code: 'A',
      procedure_code: 'P',
      channel: 'online',
      status: 'resolved',
      received_at: '2025-03-01T01:00:00.250Z',
      due_at: '2025-03-23T00:00:00.000Z',
      resolved_at: '2025-03-21T00:00:00.000Z',
      outcome: 'approved',
      paid_at: '2025-03-02T00:00:00.000Z',
      fee: '50000',
    });
    expect(fold([...events].reverse())).toEqual(row);
  });

  it('leave a dossier refused at intake without a receipt', () => {
    const row = fold([
      event({
        type: 'submitted',
        occurredAt: at('2025-03-01T00:00:00Z'),
        agencyCode: 'A',
        channel: 'online',
      }),
      event({ type: 'refused', occurredAt: at('2025-03-01T02:00:00Z'), agencyCode: 'A', procedureCode: 'P' }),
    ]);
    expect(row).toMatchObject({ status: 'refused', received_at: '\\N', channel: 'online' });
  });

  it('write an event as one TSV line with instants in milliseconds', () => {
    const line = eventLine(
      'src',
      'HS-1',
      event({ sequence: 2, type: 'received', occurredAt: 1_735_689_600_123.7, channel: 'direct' }),
      '-resent',
      2_000,
    );
    const cells = line.split('\t');
    expect(line.endsWith('\n')).toBe(true);
    expect(cells).toHaveLength(17);
    expect(cells.slice(0, 4)).toEqual(['src', 'HS-1-2-resent', 'received', '1735689600123']);
    expect(cells[15]).toBe('1735689602123');
  });
});
