import { DossierEvent, dossierEventSchema } from '@dvc/dossier-events';
import { aReceived, aRefused, aSubmitted, resentUnderNewId, WireEvent } from '@dvc/testing';
import {
  countDossiersOnline,
  inDateRange,
  IntakeScope,
  resolveIntakes,
  singleAgency,
} from './dossier-intake';

const parse = (events: WireEvent[]): DossierEvent[] => events.map((event) => dossierEventSchema.parse(event));
const march = { from: '2026-03-01', to: '2026-03-31' };
const everyAgency = singleAgency(null);
const count = (events: WireEvent[], range = march, scope: IntakeScope = everyAgency) =>
  countDossiersOnline(resolveIntakes(parse(events)), range, scope);

describe('dossiers.online counting rules', () => {
  it('counts dossiers received online out of all received', () => {
    expect(
      count([
        aReceived('A', 'online'),
        aReceived('B', 'direct'),
        aReceived('C', 'postal'),
        aReceived('D', 'online'),
      ]),
    ).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
  });

  it('counts a dossier once however many times its events arrive, re-sent under new ids or not', () => {
    const received = aReceived('A', 'online');
    const events = [
      received,
      received,
      resentUnderNewId(received),
      resentUnderNewId(received),
      aReceived('B', 'direct'),
    ];
    expect(count(events)).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('lets the latest intake event win, whatever the arrival order', () => {
    const early = aReceived('A', 'direct', { occurredAt: '2026-03-02T08:00:00+07:00' });
    const corrected = aReceived('A', 'online', { occurredAt: '2026-03-02T09:00:00+07:00' });
    expect(count([corrected, early])).toMatchObject({ numerator: 1, denominator: 1 });
    expect(count([early, corrected])).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('moves a dossier to the day of its latest receipt', () => {
    const inMarch = aReceived('A', 'online', { occurredAt: '2026-03-31T10:00:00+07:00' });
    const movedToApril = aReceived('A', 'online', { occurredAt: '2026-04-01T10:00:00+07:00' });
    expect(count([movedToApril, inMarch])).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(count([movedToApril, inMarch], { from: '2026-04-01', to: '2026-04-30' })).toMatchObject({
      denominator: 1,
    });
  });

  it('does not count dossiers refused at intake, nor submissions not yet received', () => {
    expect(count([aSubmitted('A'), aRefused('A'), aSubmitted('B'), aReceived('C', 'direct')])).toEqual({
      numerator: 0,
      denominator: 1,
      value: 0,
    });
  });

  it('takes a refusal after a receipt as the final word, and a receipt after a refusal likewise', () => {
    const received = aReceived('A', 'online', { occurredAt: '2026-03-02T08:00:00+07:00' });
    const refused = aRefused('A', { occurredAt: '2026-03-02T09:00:00+07:00' });
    expect(count([received, refused])).toMatchObject({ denominator: 0 });
    expect(count([refused, { ...received, occurredAt: '2026-03-02T10:00:00+07:00' }])).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
  });

  it('places a receipt at 17:30Z on the next local day', () => {
    const atMidnightPlusHalf = aReceived('A', 'online', { occurredAt: '2026-02-28T17:30:00Z' });
    const justBefore = aReceived('B', 'online', { occurredAt: '2026-02-28T16:59:59Z' });
    expect(count([atMidnightPlusHalf, justBefore])).toMatchObject({ numerator: 1, denominator: 1 });
    expect(count([atMidnightPlusHalf, justBefore], { from: '2026-02-28', to: '2026-02-28' })).toMatchObject({
      denominator: 1,
    });
  });

  it('narrows to the receiving agency', () => {
    const events = [
      aReceived('A', 'online', { agencyCode: '000.00.01.H12' }),
      aReceived('B', 'direct', { agencyCode: '000.00.01.H12' }),
      aReceived('C', 'online', { agencyCode: '000.00.02.H12' }),
    ];
    expect(count(events, march, singleAgency('000.00.01.H12'))).toEqual({
      numerator: 1,
      denominator: 2,
      value: 0.5,
    });
    expect(count(events, march, singleAgency('000.00.99.H12'))).toMatchObject({
      denominator: 0,
      value: null,
    });
  });

  it('keeps dossiers of different sources apart even when their codes coincide', () => {
    expect(
      count([aReceived('A', 'online'), aReceived('A', 'direct', { source: 'other-system' })]),
    ).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });
});

describe('inDateRange', () => {
  it('treats both ends as inclusive', () => {
    expect([inDateRange('2026-03-01', march), inDateRange('2026-03-31', march)]).toEqual([true, true]);
    expect([inDateRange('2026-02-28', march), inDateRange('2026-04-01', march)]).toEqual([false, false]);
  });
});
