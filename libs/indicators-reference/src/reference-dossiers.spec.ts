import { ReferenceEvent, distinctEvents, foldDossier, isOpenAt } from './reference-dossiers';
import {
  paid,
  received,
  refused,
  rescheduled,
  resolved,
  returned,
  stopped,
  vn,
  withdrawn,
} from './reference-test-builders';

const fold = (events: ReferenceEvent[]) => foldDossier('k', events);

describe('reference dossiers: folding one dossier', () => {
  it('reads every fact the indicators need from its events, whatever their order', () => {
    const events = [
      returned({ dossier: 'D', at: vn('2026-03-12'), channel: 'postal' }),
      stopped({ dossier: 'D', at: vn('2026-03-11') }),
      withdrawn({ dossier: 'D', at: vn('2026-03-09') }),
      resolved({ dossier: 'D', at: vn('2026-03-10') }),
      paid({ dossier: 'D', at: vn('2026-03-04'), method: 'online', amount: 5000 }),
      rescheduled({ dossier: 'D', at: vn('2026-03-03'), due: vn('2026-03-20 08:00') }),
      received({
        dossier: 'D',
        at: vn('2026-03-02 08:00'),
        agency: ' s1',
        procedure: '1,004227',
        channel: 'online',
      }),
    ];
    expect(fold(events)).toEqual({
      key: 'k',
      receivedAt: Date.parse(vn('2026-03-02 08:00')),
      receiptDay: '2026-03-02',
      agencyCode: 'S1',
      procedureCode: '1.004227',
      channel: 'online',
      dueAt: Date.parse(vn('2026-03-20 08:00')),
      dueDay: '2026-03-20',
      resolvedAt: Date.parse(vn('2026-03-10')),
      resolutionDay: '2026-03-10',
      // The earlier of withdrawn (9th) and stopped (11th).
      closedAt: Date.parse(vn('2026-03-09')),
      returned: { day: '2026-03-12', channel: 'postal' },
      payment: { day: '2026-03-04', method: 'online' },
    });
    expect(fold([...events].reverse())).toEqual(fold(events));
  });

  it('gives no dossier without a received intake', () => {
    expect(fold([refused({ dossier: 'D', at: vn('2026-03-02') })])).toBeUndefined();
    expect(fold([resolved({ dossier: 'D', at: vn('2026-03-02') })])).toBeUndefined();
  });

  it('is open from its receipt until the first resolution or closure, both ends at the instant', () => {
    const dossier = fold([
      received({ dossier: 'D', at: vn('2026-03-02 08:00') }),
      stopped({ dossier: 'D', at: vn('2026-03-05 08:00') }),
    ]);
    if (dossier === undefined) throw new Error('expected a received dossier');
    const at = (local: string) => isOpenAt(dossier, Date.parse(vn(local)));
    expect([
      at('2026-03-02 07:59'),
      at('2026-03-02 08:00'),
      at('2026-03-05 07:59'),
      at('2026-03-05 08:00'),
    ]).toEqual([false, true, true, false]);
  });

  it('keeps the first of identical identities and tells different ids apart', () => {
    const first = received({ dossier: 'D', at: vn('2026-03-02'), channel: 'online' });
    const again = received({ dossier: 'D', at: vn('2026-03-02'), channel: 'direct' });
    const resend = received({ dossier: 'D', at: vn('2026-03-02'), id: 'resend' });
    const otherSource = received({ dossier: 'D', at: vn('2026-03-02'), source: 'mc.other' });
    expect(distinctEvents([first, again, resend, otherSource])).toEqual([first, resend, otherSource]);
  });
});
