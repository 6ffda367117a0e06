import { ReferenceCatalogue } from './reference-catalogue';
import { ReferenceEvent } from './reference-dossiers';
import { ReferenceQuery, ReferenceResult, referenceIndicator } from './reference-indicators';
import {
  MERGER,
  OPEN_END,
  catalogue,
  paid,
  query,
  received,
  refused,
  rescheduled,
  resolved,
  returned,
  span,
  stopped,
  submitted,
  supplementReceived,
  transferred,
  vn,
  withdrawn,
} from './reference-test-builders';

const run = (events: ReferenceEvent[], q: ReferenceQuery, cat: ReferenceCatalogue = catalogue()) =>
  referenceIndicator(events, cat, q);

/** numerator/denominator, the way officials read them. */
const counts = (result: Pick<ReferenceResult, 'numerator' | 'denominator'>) =>
  `${result.numerator}/${result.denominator}`;
const groupCounts = (result: ReferenceResult) =>
  Object.fromEntries((result.groups ?? []).map((group) => [String(group.key), counts(group)]));

describe('reference: from events to dossiers', () => {
  it('counts received dossiers only: submitted-only, refused and out-of-period dossiers count nowhere', () => {
    const events = [
      received({ dossier: 'D1', at: vn('2026-03-02'), channel: 'online' }),
      received({ dossier: 'D2', at: vn('2026-03-05'), channel: 'direct' }),
      received({ dossier: 'D3', at: vn('2026-03-10'), channel: 'postal' }),
      // Received in April: outside the period.
      received({ dossier: 'D4', at: vn('2026-04-01'), channel: 'online' }),
      // Submitted online but never accepted.
      submitted({ dossier: 'D5', at: vn('2026-03-03') }),
      submitted({ dossier: 'D6', at: vn('2026-03-03') }),
      refused({ dossier: 'D6', at: vn('2026-03-04') }),
    ];
    // D1, D2, D3 received; D1 online → 1/3.
    expect(run(events, query('dossiers.online'))).toEqual({
      numerator: 1,
      denominator: 3,
      value: 1 / 3,
      lateEvents: 0,
    });
  });

  it('counts a duplicate once and a re-send under a new id in the same dossier', () => {
    const events = [
      received({ dossier: 'D1', at: vn('2026-03-02'), channel: 'online' }),
      // Exactly the same event again (same id).
      received({ dossier: 'D1', at: vn('2026-03-02'), channel: 'online' }),
      // The vendor re-sends it under a new id a day later: still the same dossier.
      received({
        dossier: 'D1',
        at: vn('2026-03-02'),
        channel: 'online',
        id: 'resend-1',
        ingestedAt: vn('2026-03-03'),
      }),
      received({ dossier: 'D2', at: vn('2026-03-02'), channel: 'direct' }),
    ];
    expect(counts(run(events, query('dossiers.online')))).toBe('1/2');
  });

  it('tells dossiers apart by source as well as code', () => {
    const events = [
      received({ dossier: 'D1', at: vn('2026-03-02'), channel: 'online' }),
      received({ dossier: 'D1', at: vn('2026-03-02'), channel: 'direct', source: 'mc.other' }),
    ];
    expect(counts(run(events, query('dossiers.online')))).toBe('1/2');
  });

  it('keeps the first copy of an identity, whatever a later copy says', () => {
    const events = [
      received({ dossier: 'D1', at: vn('2026-03-02'), channel: 'online', id: 'x' }),
      received({ dossier: 'D1', at: vn('2026-03-02'), channel: 'direct', id: 'x' }),
    ];
    expect(counts(run(events, query('dossiers.online')))).toBe('1/1');
  });

  it('decides intake by occurredAt, not arrival: refused then received counts, received then refused does not', () => {
    const events = [
      // Listed newest first on purpose.
      received({ dossier: 'D1', at: vn('2026-03-03'), channel: 'online' }),
      refused({ dossier: 'D1', at: vn('2026-03-02') }),
      refused({ dossier: 'D2', at: vn('2026-03-03') }),
      received({ dossier: 'D2', at: vn('2026-03-02'), channel: 'online' }),
    ];
    expect(counts(run(events, query('dossiers.online')))).toBe('1/1');
    expect(counts(run([...events].reverse(), query('dossiers.online')))).toBe('1/1');
  });

  it('breaks intake ties at one instant by the larger (type, channel, agency, procedure)', () => {
    const at = vn('2026-03-02 10:00');
    const events = [
      // Same instant, online vs postal: 'postal' > 'online', so postal.
      received({ dossier: 'D1', at, channel: 'online', id: 'a' }),
      received({ dossier: 'D1', at, channel: 'postal', id: 'b' }),
      // received vs refused: 'refused' > 'received', so the dossier is refused.
      received({ dossier: 'D2', at, channel: 'online', id: 'a' }),
      refused({ dossier: 'D2', at, id: 'b' }),
      // Same type and channel, agencies S2 vs S1: S2.
      received({ dossier: 'D3', at, agency: 'S2', id: 'a' }),
      received({ dossier: 'D3', at, agency: 'S1', id: 'b' }),
    ];
    for (const order of [events, [...events].reverse()]) {
      // D1 postal, D3 direct (D2 refused).
      expect(counts(run(order, query('dossiers.postal')))).toBe('1/2');
      expect(counts(run(order, query('dossiers.online')))).toBe('0/2');
      expect(counts(run(order, query('dossiers.postal', { agency: 'S2' })))).toBe('0/1');
    }
  });

  it('places a receipt at 23:59 and 00:00 local on either side of midnight and of a year end', () => {
    const events = [
      // 16:59 UTC = 23:59 on 31 Dec 2026 local.
      received({ dossier: 'D1', at: '2026-12-31T16:59:00Z', channel: 'online' }),
      // 17:00 UTC = 00:00 on 1 Jan 2027 local.
      received({ dossier: 'D2', at: '2026-12-31T17:00:00Z', channel: 'direct' }),
      // 17:00 UTC on 30 Nov = 00:00 on 1 Dec local: in December.
      received({ dossier: 'D3', at: '2026-11-30T17:00:00Z', channel: 'online' }),
      // 16:59:59.999 UTC on 30 Nov = the last millisecond of 30 Nov local: not in December.
      received({ dossier: 'D4', at: '2026-11-30T16:59:59.999Z', channel: 'direct' }),
    ];
    expect(counts(run(events, query('dossiers.online', { from: '2026-12-01', to: '2026-12-31' })))).toBe(
      '2/2',
    );
    expect(counts(run(events, query('dossiers.online', { from: '2027-01-01', to: '2027-01-31' })))).toBe(
      '0/1',
    );
    expect(counts(run(events, query('dossiers.online', { from: '2026-11-01', to: '2026-11-30' })))).toBe(
      '0/1',
    );
  });

  it('keeps a transferred dossier at its receiving agency', () => {
    const events = [
      received({ dossier: 'D1', at: vn('2026-03-02'), agency: 'S1', channel: 'online' }),
      transferred({ dossier: 'D1', at: vn('2026-03-03'), to: 'S2' }),
    ];
    expect(counts(run(events, query('dossiers.online', { agency: 'S1' })))).toBe('1/1');
    expect(run(events, query('dossiers.online', { agency: 'S2' }))).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
    });
  });

  it('compares agency and procedure codes after normalisation', () => {
    const events = [
      received({ dossier: 'D1', at: vn('2026-03-02'), agency: 'x1', procedure: 'p 1', channel: 'online' }),
    ];
    expect(counts(run(events, query('dossiers.online', { agency: 'Q1', procedure: 'P1' })))).toBe('1/1');
    expect(counts(run(events, query('dossiers.online', { agency: 'q1', field: 'land' })))).toBe('1/1');
  });
});

describe('reference: dossiers.online options (level at receipt)', () => {
  // P1 at S1: level 2 to 14 March, 3 from 15 March; S2 offers P1 at 4 (S1's own level still decides for S1).
  // P2 at S1: 4. P3 only at S2, at 3 (a P3 dossier at S1 falls back to it). P7 is in no catalogue.
  const cat = () =>
    catalogue({
      levels: [
        span('P1', 'S1', 2, '2024-01-01', '2026-03-14'),
        span('P1', 'S1', 3, '2026-03-15'),
        span('P1', 'S2', 4),
        span('P2', 'S1', 4),
        span('P3', 'S2', 3),
      ],
    });
  const events = () => [
    received({ dossier: 'a', at: vn('2026-03-10 10:00'), procedure: 'P1', channel: 'online' }), // level 2
    received({ dossier: 'b', at: vn('2026-03-14 23:59'), procedure: 'P1', channel: 'direct' }), // level 2
    received({ dossier: 'c', at: vn('2026-03-15 00:00'), procedure: 'P1', channel: 'online' }), // level 3
    received({ dossier: 'd', at: vn('2026-03-20'), procedure: 'P1', channel: 'postal' }), // level 3
    received({ dossier: 'e', at: vn('2026-03-05'), procedure: 'P2', channel: 'online' }), // level 4
    received({ dossier: 'f', at: vn('2026-03-06'), procedure: 'P2', channel: 'direct' }), // level 4
    received({ dossier: 'g', at: vn('2026-03-07'), procedure: 'P3', channel: 'online' }), // level 3 (fallback)
    received({ dossier: 'h', at: vn('2026-03-08'), procedure: 'P7', channel: 'online' }), // unknown
  ];
  const online = (options: ReferenceQuery['options']) =>
    counts(run(events(), query('dossiers.online', { options }), cat()));

  it('counts every received dossier by default (online a c e g h of 8)', () => {
    expect(online({})).toBe('5/8');
    expect(online({ denominator: 'all' })).toBe('5/8');
  });

  it('keeps procedures at level >= 3 at receipt: the mid-period upgrade splits P1 (c, d after; a, b before)', () => {
    // c d e f g; online c e g.
    expect(online({ denominator: 'online_procedures' })).toBe('3/5');
  });

  it('keeps procedures at exactly the level asked', () => {
    // level 3: c d g (online c g); level 4: e f (online e).
    expect(online({ level: 3 })).toBe('2/3');
    expect(online({ level: 4 })).toBe('1/2');
  });

  it('leaves postal dossiers out of the denominator, alone or with the other options', () => {
    expect(online({ postal: 'exclude' })).toBe('5/7');
    expect(online({ postal: 'include' })).toBe('5/8');
    // c e f g
    expect(online({ denominator: 'online_procedures', postal: 'exclude' })).toBe('3/4');
    // c g
    expect(online({ level: 3, postal: 'exclude' })).toBe('2/2');
  });
});

describe('reference: services.uptake', () => {
  const cat = () =>
    catalogue({
      levels: [
        span('P1', 'S1', 2, '2024-01-01', '2026-03-14'),
        span('P1', 'S1', 3, '2026-03-15'), // online from mid-March
        span('P2', 'S1', 3, '2024-01-01', '2026-02-28'),
        span('P2', 'S1', 2, '2026-03-01'), // online only before March
        span('P3', 'S2', 4, '2026-03-31'), // online on the last day only
        span('P4', 'S2', 3, '2026-04-01'), // online from April
        span('P5', 'Q1', 3), // online all along, no online dossier in March
      ],
    });
  const events = () => [
    // Received online before P1 reached level 3: still an online dossier of P1 in the period.
    received({ dossier: 'D1', at: vn('2026-03-02'), agency: 'S1', procedure: 'P1', channel: 'online' }),
    received({ dossier: 'D2', at: vn('2026-03-31'), agency: 'S2', procedure: 'P3', channel: 'direct' }),
    received({ dossier: 'D3', at: vn('2026-03-10'), agency: 'S1', procedure: 'P3', channel: 'online' }),
    received({ dossier: 'D4', at: vn('2026-03-05'), agency: 'S1', procedure: 'P2', channel: 'online' }),
    received({ dossier: 'D5', at: vn('2026-04-02'), agency: 'Q1', procedure: 'P5', channel: 'online' }),
  ];
  const uptake = (overrides: Partial<ReferenceQuery>) =>
    counts(run(events(), query('services.uptake', overrides), cat()));

  it('counts procedures online on some day of the period that received an online dossier in scope', () => {
    // Denominator P1 P3 P5; P1 (D1) and P3 (D3) had online dossiers.
    expect(uptake({})).toBe('2/3');
    // April: P1 P3 P4 P5 online; only P5 (D5) had one.
    expect(uptake({ from: '2026-04-01', to: '2026-04-30' })).toBe('1/4');
  });

  it('looks for the online dossier within the scope', () => {
    // S2: P3 only (P4 from April); P3's online dossier went to S1, outside S2.
    expect(uptake({ agency: 'S2' })).toBe('0/1');
    // S1: P1 (P2 below 3 all March).
    expect(uptake({ agency: 'S1' })).toBe('1/1');
  });
});

describe('reference: dossiers.on_time', () => {
  const d = (dossier: string, due: string, at = vn('2026-03-02')) => received({ dossier, at, due });
  const events = () => [
    // A: resolved the day before the due day → early.
    d('A', vn('2026-03-10 09:00')),
    resolved({ dossier: 'A', at: vn('2026-03-09 15:00') }),
    // B: resolved on the due day, hours after the due instant → on time (calendar dates compare).
    d('B', vn('2026-03-10 17:00')),
    resolved({ dossier: 'B', at: vn('2026-03-10 20:00') }),
    // C: a day late.
    d('C', vn('2026-03-05')),
    resolved({ dossier: 'C', at: vn('2026-03-06') }),
    // D: a supplement brings a new due date (12th) → resolved 11th is early.
    d('D', vn('2026-03-05')),
    supplementReceived({ dossier: 'D', at: vn('2026-03-04'), due: vn('2026-03-12') }),
    resolved({ dossier: 'D', at: vn('2026-03-11') }),
    // E: late on the first due date, rescheduled to the 8th, resolved the 8th → on time.
    d('E', vn('2026-03-05')),
    rescheduled({ dossier: 'E', at: vn('2026-03-06'), due: vn('2026-03-08') }),
    resolved({ dossier: 'E', at: vn('2026-03-08') }),
    // F: open, due on the last day (not before it) → not in the denominator.
    d('F', vn('2026-03-31 17:00')),
    // G: open and due on the 20th → open past due.
    d('G', vn('2026-03-20')),
    // H: withdrawn before its due date → neither resolved nor open.
    d('H', vn('2026-03-25')),
    withdrawn({ dossier: 'H', at: vn('2026-03-26') }),
    // I: received in February, due 25 Feb, resolved in April → open past due at the end of March.
    d('I', vn('2026-02-25'), vn('2026-02-20')),
    resolved({ dossier: 'I', at: vn('2026-04-02') }),
    // K: resolved in February → outside the period.
    d('K', vn('2026-03-05'), vn('2026-02-20')),
    resolved({ dossier: 'K', at: vn('2026-02-28') }),
    // L: a supplement without a due date changes nothing → late.
    d('L', vn('2026-03-05')),
    supplementReceived({ dossier: 'L', at: vn('2026-03-04') }),
    resolved({ dossier: 'L', at: vn('2026-03-06') }),
    // M: the latest reschedule by occurredAt (4th, due 7th) wins over an earlier one (3rd, due 20th) listed
    // after it, even though it moves the date earlier → resolved 8th is late.
    d('M', vn('2026-03-05')),
    rescheduled({ dossier: 'M', at: vn('2026-03-04 10:00'), due: vn('2026-03-07') }),
    rescheduled({ dossier: 'M', at: vn('2026-03-03 10:00'), due: vn('2026-03-20') }),
    resolved({ dossier: 'M', at: vn('2026-03-08') }),
    // N: two reschedules at the same instant: the later due date (9th) wins → resolved 9th is on time.
    d('N', vn('2026-03-05')),
    rescheduled({ dossier: 'N', at: vn('2026-03-04 10:00'), due: vn('2026-03-07'), id: 'r1' }),
    rescheduled({ dossier: 'N', at: vn('2026-03-04 10:00'), due: vn('2026-03-09'), id: 'r2' }),
    resolved({ dossier: 'N', at: vn('2026-03-09') }),
  ];

  it('splits resolved dossiers into early, on time and late, and adds the open past-due ones', () => {
    // early A D; on time B E N; late C L M; open past due G I → (2 + 3) / (8 + 2).
    const expected = {
      numerator: 5,
      denominator: 10,
      value: 0.5,
      breakdown: { early: 2, onTime: 3, late: 3, overdueOpen: 2 },
      lateEvents: 0,
    };
    expect(run(events(), query('dossiers.on_time'))).toEqual(expected);
    expect(run(events().reverse(), query('dossiers.on_time'))).toEqual(expected);
  });

  it('compares local days at midnight: due 23:59:59.999 vs resolved 00:00 the next day', () => {
    const events = [
      // P: due the last millisecond of 10 March, resolved the first of 11 March → late.
      received({ dossier: 'P', at: vn('2026-03-02'), due: '2026-03-10T16:59:59.999Z' }),
      resolved({ dossier: 'P', at: '2026-03-10T17:00:00Z' }),
      // Q: due 00:00 on 11 March, resolved 23:59 on 10 March → early.
      received({ dossier: 'Q', at: vn('2026-03-02'), due: '2026-03-10T17:00:00Z' }),
      resolved({ dossier: 'Q', at: '2026-03-10T16:59:00Z' }),
      // R: resolved at 00:00 on 1 April: still open at the end of 31 March, due 20 March → open past due.
      received({ dossier: 'R', at: vn('2026-03-02'), due: vn('2026-03-20') }),
      resolved({ dossier: 'R', at: '2026-03-31T17:00:00Z' }),
    ];
    expect(run(events, query('dossiers.on_time'))).toMatchObject({
      numerator: 1,
      denominator: 3,
      breakdown: { early: 1, onTime: 0, late: 1, overdueOpen: 1 },
    });
  });

  it('takes the earliest resolution, and counts it even after a withdrawal', () => {
    const events = [
      received({ dossier: 'T', at: vn('2026-03-02'), due: vn('2026-03-31') }),
      resolved({ dossier: 'T', at: vn('2026-04-02') }),
      resolved({ dossier: 'T', at: vn('2026-03-30') }),
      // Reading: resolution and closure are independent facts; a resolved event in the period counts.
      received({ dossier: 'U', at: vn('2026-03-02'), due: vn('2026-03-15') }),
      withdrawn({ dossier: 'U', at: vn('2026-03-10') }),
      resolved({ dossier: 'U', at: vn('2026-03-12') }),
    ];
    expect(run(events, query('dossiers.on_time'))).toMatchObject({
      numerator: 2,
      denominator: 2,
      breakdown: { early: 2, onTime: 0, late: 0, overdueOpen: 0 },
    });
  });

  it('reads open past-due dossiers at the end of the last day, whatever "now" is', () => {
    const events = [received({ dossier: 'V', at: vn('2026-03-02'), due: vn('2026-03-10') })];
    expect(counts(run(events, query('dossiers.on_time', { now: vn('2026-03-15 10:00') })))).toBe('0/1');
  });

  it('gives each month its own resolutions and its own open past-due dossiers', () => {
    const events = [
      received({ dossier: 'A', at: vn('2026-03-02'), due: vn('2026-03-10') }),
      resolved({ dossier: 'A', at: vn('2026-04-05') }),
    ];
    const result = run(
      events,
      query('dossiers.on_time', { from: '2026-03-01', to: '2026-04-30', groupBy: 'month' }),
    );
    // Whole period: resolved 5 April, late; not open at its end.
    expect(result.breakdown).toEqual({ early: 0, onTime: 0, late: 1, overdueOpen: 0 });
    // March: open past due at 31 March. April: resolved late.
    expect(result.groups).toEqual([
      {
        key: '2026-03',
        numerator: 0,
        denominator: 1,
        value: 0,
        breakdown: { early: 0, onTime: 0, late: 0, overdueOpen: 1 },
      },
      {
        key: '2026-04',
        numerator: 0,
        denominator: 1,
        value: 0,
        breakdown: { early: 0, onTime: 0, late: 1, overdueOpen: 0 },
      },
    ]);
  });
});

describe('reference: dossiers.open and dossiers.overdue', () => {
  const NOW = vn('2026-03-15 10:00');
  const d = (dossier: string, due: string, at = vn('2026-03-01')) => received({ dossier, at, due });
  const events = () => [
    d('A', vn('2026-03-09 18:00')), // due before today → overdue
    d('B', vn('2026-03-15 09:00')), // due earlier today: not overdue (same day), not within the next 24 h
    d('C', vn('2026-03-16 09:00')), // due within 24 h
    d('D', vn('2026-03-16 10:00')), // due exactly T + 24 h: outside [T, T + 24 h)
    d('E', vn('2026-03-15 10:00')), // due exactly T: inside
    d('F', vn('2026-12-31')),
    resolved({ dossier: 'F', at: vn('2026-03-14') }), // resolved before T
    d('G', vn('2026-12-31')),
    resolved({ dossier: 'G', at: NOW }), // resolved at T exactly: closed at T
    d('H', vn('2026-12-31'), vn('2026-03-15 10:00:00.001')), // received just after T
    d('I', vn('2026-12-31')),
    withdrawn({ dossier: 'I', at: vn('2026-03-12') }),
    d('J', vn('2026-03-20')),
    stopped({ dossier: 'J', at: vn('2026-03-16') }), // stopped after T: open at T
    refused({ dossier: 'K', at: vn('2026-03-01') }),
    d('L', vn('2026-03-11 12:00')),
    resolved({ dossier: 'L', at: vn('2026-03-12') }),
  ];

  it('counts dossiers open now when now is before the end of the period', () => {
    // Open at T: A B C D E J; overdue A; due within 24 h C E.
    const breakdown = { overdue: 1, dueWithin24h: 2 };
    expect(run(events(), query('dossiers.open', { now: NOW }))).toEqual({
      numerator: 6,
      denominator: null,
      value: 6,
      breakdown,
      lateEvents: 0,
    });
    expect(run(events(), query('dossiers.overdue', { now: NOW }))).toEqual({
      numerator: 1,
      denominator: 6,
      value: 1 / 6,
      breakdown,
      lateEvents: 0,
    });
  });

  it('reads at the end of the last day when the period ends before now', () => {
    // T = 10 March 23:59:59.999: open A..G, I, J, L (F G I L close later); overdue A (9th); within 24 h L.
    const result = run(
      events(),
      query('dossiers.overdue', { from: '2026-03-01', to: '2026-03-10', now: NOW }),
    );
    expect(result).toMatchObject({
      numerator: 1,
      denominator: 10,
      breakdown: { overdue: 1, dueWithin24h: 1 },
    });
  });

  it('takes asOf as now when it is earlier, and forgets what was ingested after it', () => {
    // H and J's stop arrive after asOf; the figures equal those at NOW.
    const result = run(events(), query('dossiers.open', { now: vn('2026-06-01'), asOf: NOW }));
    expect(result).toMatchObject({ numerator: 6, breakdown: { overdue: 1, dueWithin24h: 2 } });
  });

  it('reads each day at its end, or now for today and later days', () => {
    const result = run(
      events(),
      query('dossiers.open', { from: '2026-03-14', to: '2026-03-16', now: NOW, groupBy: 'day' }),
    );
    expect(result.numerator).toBe(6);
    expect(result.groups).toEqual([
      // End of 14 March: A B C D E G J (F resolved the 14th, I and L closed the 12th); overdue A;
      // due in [14th 23:59:59.999, +24 h): B E.
      {
        key: '2026-03-14',
        numerator: 7,
        denominator: null,
        value: 7,
        breakdown: { overdue: 1, dueWithin24h: 2 },
      },
      {
        key: '2026-03-15',
        numerator: 6,
        denominator: null,
        value: 6,
        breakdown: { overdue: 1, dueWithin24h: 2 },
      },
      {
        key: '2026-03-16',
        numerator: 6,
        denominator: null,
        value: 6,
        breakdown: { overdue: 1, dueWithin24h: 2 },
      },
    ]);
  });

  it('lists only agencies with open dossiers', () => {
    const events = [
      received({ dossier: 'D1', at: vn('2026-03-01'), agency: 'S1' }),
      received({ dossier: 'D2', at: vn('2026-03-01'), agency: 'S2' }),
      resolved({ dossier: 'D2', at: vn('2026-03-02') }),
      received({ dossier: 'D3', at: vn('2026-03-01'), agency: 'X1' }),
    ];
    const result = run(events, query('dossiers.open', { agency: 'H', groupBy: 'agency', now: NOW }));
    expect(groupCounts(result)).toEqual({ Q1: '1/null', S1: '1/null' });
  });
});

describe('reference: payments.online', () => {
  it('takes the earliest non-zero payment by its day and method', () => {
    const d = (dossier: string) => received({ dossier, at: vn('2026-02-20') });
    const events = [
      d('A'),
      paid({ dossier: 'A', at: vn('2026-03-05'), method: 'online', amount: 100 }),
      d('B'),
      paid({ dossier: 'B', at: vn('2026-03-05'), method: 'offline', amount: 100 }),
      // C: a zero payment online does not count; the fee is later paid offline.
      d('C'),
      paid({ dossier: 'C', at: vn('2026-03-05'), method: 'online', amount: 0 }),
      paid({ dossier: 'C', at: vn('2026-03-06'), method: 'offline', amount: 200 }),
      // D: only a zero payment → no payment.
      d('D'),
      paid({ dossier: 'D', at: vn('2026-03-05'), method: 'online', amount: 0 }),
      // E: paid in February.
      d('E'),
      paid({ dossier: 'E', at: vn('2026-02-28'), method: 'online', amount: 100 }),
      // F: online and offline at the same instant: 'offline' < 'online' → offline.
      d('F'),
      paid({ dossier: 'F', at: vn('2026-03-07'), method: 'online', amount: 100, id: 'p1' }),
      paid({ dossier: 'F', at: vn('2026-03-07'), method: 'offline', amount: 100, id: 'p2' }),
      // G: paid at 00:00 on 1 April local.
      d('G'),
      paid({ dossier: 'G', at: '2026-03-31T17:00:00Z', method: 'offline', amount: 100 }),
      // H: refused at intake.
      refused({ dossier: 'H', at: vn('2026-02-20') }),
      paid({ dossier: 'H', at: vn('2026-03-05'), method: 'online', amount: 100 }),
      // I: the earliest payment (offline on the 8th) is listed after a later online one.
      d('I'),
      paid({ dossier: 'I', at: vn('2026-03-10'), method: 'online', amount: 100 }),
      paid({ dossier: 'I', at: vn('2026-03-08'), method: 'offline', amount: 100 }),
    ];
    // Payments in March: A online; B C F I offline → 1/5.
    expect(counts(run(events, query('payments.online')))).toBe('1/5');
  });
});

describe('reference: dossiers.postal', () => {
  it('shares postal receipts among received dossiers', () => {
    const events = [
      received({ dossier: 'A', at: vn('2026-03-02'), channel: 'online' }),
      received({ dossier: 'B', at: vn('2026-03-02'), channel: 'direct' }),
      received({ dossier: 'C', at: vn('2026-03-02'), channel: 'postal' }),
      received({ dossier: 'D', at: vn('2026-03-02'), channel: 'postal' }),
    ];
    expect(counts(run(events, query('dossiers.postal')))).toBe('2/4');
    expect(counts(run(events, query('dossiers.postal', { options: { of: 'receipt' } })))).toBe('2/4');
  });

  it('with of=return, shares postal returns among results returned in the period', () => {
    const d = (dossier: string) => received({ dossier, at: vn('2026-02-20') });
    const events = [
      d('A'),
      returned({ dossier: 'A', at: vn('2026-03-05'), channel: 'postal' }),
      d('B'),
      returned({ dossier: 'B', at: vn('2026-03-06'), channel: 'direct' }),
      // C: returned in February.
      d('C'),
      returned({ dossier: 'C', at: vn('2026-02-27'), channel: 'postal' }),
      // D: the earliest return (direct) decides.
      d('D'),
      returned({ dossier: 'D', at: vn('2026-03-06'), channel: 'postal' }),
      returned({ dossier: 'D', at: vn('2026-03-05'), channel: 'direct' }),
      // E: same instant, 'direct' < 'postal' → direct.
      d('E'),
      returned({ dossier: 'E', at: vn('2026-03-05'), channel: 'postal', id: 'r1' }),
      returned({ dossier: 'E', at: vn('2026-03-05'), channel: 'direct', id: 'r2' }),
      // F: never received.
      submitted({ dossier: 'F', at: vn('2026-02-20') }),
      returned({ dossier: 'F', at: vn('2026-03-05'), channel: 'postal' }),
    ];
    // Returned in March: A (postal), B, D, E.
    expect(counts(run(events, query('dossiers.postal', { options: { of: 'return' } })))).toBe('1/4');
  });
});

/**
 * Offerings: P1 at S1 (2, then 3 from 15 March), at S2 (4) and at Q2 (2, with the portal); P2 at S1 (3, portal);
 * P3 at commune X1 (4, portal); P4 at S2 (1, then 4 from 11 March); P5 at S1 (3 until 20 March) and Q1 (1);
 * P6 at Q2 (4 from 5 March, new).
 */
const procedureCatalogue = () =>
  catalogue({
    levels: [
      span('P1', 'S1', 2, '2024-01-01', '2026-03-14'),
      span('P1', 'S1', 3, '2026-03-15'),
      span('P1', 'S2', 4),
      span('P1', 'Q2', 2, '2024-01-01', OPEN_END, true),
      span('P2', 'S1', 3, '2024-01-01', OPEN_END, true),
      span('P3', 'X1', 4, '2024-01-01', OPEN_END, true),
      span('P4', 'S2', 1, '2024-01-01', '2026-03-10'),
      span('P4', 'S2', 4, '2026-03-11'),
      span('P5', 'S1', 3, '2024-01-01', '2026-03-20'),
      span('P5', 'Q1', 1),
      span('P6', 'Q2', 4, '2026-03-05'),
    ],
  });

describe('reference: procedures.online, level3, level4, portal', () => {
  const share = (indicator: ReferenceQuery['indicator'], overrides: Partial<ReferenceQuery> = {}) =>
    counts(run([], query(indicator, overrides), procedureCatalogue()));

  it('counts each procedure in force on the last day once, at its highest level', () => {
    // 31 March: P1 4, P2 3, P3 4, P4 4, P5 1, P6 4.
    expect(share('procedures.online')).toBe('5/6');
    expect(share('procedures.level3')).toBe('1/6');
    expect(share('procedures.level4')).toBe('4/6');
    // Of the five online, P1 (via its level-2 offering at Q2), P2 and P3 are integrated with the portal.
    expect(share('procedures.portal')).toBe('3/5');
  });

  it('uses the offerings in scope only', () => {
    // S1 on 31 March: P1 3, P2 3 (P5 ended the 20th).
    expect(share('procedures.online', { agency: 'S1' })).toBe('2/2');
    expect(share('procedures.level3', { agency: 'S1' })).toBe('2/2');
    expect(share('procedures.level4', { agency: 'S1' })).toBe('0/2');
    expect(share('procedures.portal', { agency: 'S1' })).toBe('1/2');
    // Q1 and its commune X1: P3 4 (portal), P5 1.
    expect(share('procedures.online', { agency: 'Q1' })).toBe('1/2');
    expect(share('procedures.portal', { agency: 'Q1' })).toBe('1/1');
    // Q1 alone: P5 only.
    expect(share('procedures.online', { agency: 'Q1', subtree: false })).toBe('0/1');
    // Q2: P1 2 with the portal, P6 4 without: the portal share looks at online procedures only.
    expect(share('procedures.portal', { agency: 'Q2' })).toBe('0/1');
  });

  it('reads the level on the last day: a period ending before an upgrade sees the old level', () => {
    // S1 on 14 March: P1 2, P2 3, P5 3.
    expect(share('procedures.online', { agency: 'S1', to: '2026-03-14' })).toBe('2/3');
    expect(share('procedures.online', { agency: 'S1', to: '2026-03-15' })).toBe('3/3');
  });

  it('narrows by field and procedure', () => {
    // land: P1 4, P3 4.
    expect(share('procedures.level4', { field: 'land' })).toBe('2/2');
    expect(share('procedures.level4', { procedure: 'P4' })).toBe('1/1');
    expect(share('procedures.level4', { procedure: 'P4', to: '2026-03-10' })).toBe('0/1');
  });

  it('restates offerings into the current structure', () => {
    // Q9 today holds Q1, Q2 and X1: P1 2 (portal), P3 4, P5 1, P6 4.
    const cat = { ...procedureCatalogue(), lineage: MERGER };
    expect(counts(run([], query('procedures.online', { agency: 'Q9', structure: 'current' }), cat))).toBe(
      '2/4',
    );
    expect(counts(run([], query('procedures.online', { agency: 'Q9' }), cat))).toBe('0/0');
  });

  it('groups procedures by agency (one procedure may count in several) and by field', () => {
    const byAgency = run(
      [],
      query('procedures.online', { agency: 'H', groupBy: 'agency' }),
      procedureCatalogue(),
    );
    expect(counts(byAgency)).toBe('5/6');
    expect(groupCounts(byAgency)).toEqual({ Q1: '1/2', Q2: '1/2', S1: '2/2', S2: '2/2' });
    const byField = run([], query('procedures.online', { groupBy: 'field' }), procedureCatalogue());
    // health P4 4, P5 1; justice P2 3, P6 4; land P1 4, P3 4.
    expect(groupCounts(byField)).toEqual({ health: '1/2', justice: '2/2', land: '2/2' });
    expect(byField.groups?.map((group) => group.key)).toEqual(['health', 'justice', 'land']);
  });

  it('reads each month at its last day', () => {
    const result = run(
      [],
      query('procedures.level4', { from: '2026-02-01', to: '2026-03-31', groupBy: 'month' }),
      procedureCatalogue(),
    );
    // 28 Feb: P1 4, P2 3, P3 4, P4 1, P5 3 → 2/5. 31 March: 4/6.
    expect(groupCounts(result)).toEqual({ '2026-02': '2/5', '2026-03': '4/6' });
  });
});

describe('reference: procedures.level_growth', () => {
  const growth = (overrides: Partial<ReferenceQuery> = {}) =>
    run([], query('procedures.level_growth', overrides), procedureCatalogue());

  it('level 3 or above: share on the last day minus share on the day before the first', () => {
    // 28 Feb: P1 4, P2 3, P3 4, P4 1, P5 3 → 4/5. 31 March: P1 4, P2 3, P3 4, P4 4, P5 1, P6 4 → 5/6.
    // Upgraded: P4 (1 → 4); P6 was not in force at the start; P5 fell to 1 (only Q1 left).
    const result = growth({ options: { level: 3 } });
    expect(result).toMatchObject({
      numerator: 5,
      denominator: 6,
      breakdown: { upgraded: 1, previousNumerator: 4, previousDenominator: 5 },
    });
    expect(result.value).toBeCloseTo((5 / 6 - 4 / 5) * 100, 12);
    expect(growth().value).toBe(result.value);
  });

  it('level 4 exactly', () => {
    // 28 Feb: P1 P3 at 4 → 2/5. 31 March: P1 P3 P4 P6 → 4/6. Upgraded: P4.
    const result = growth({ options: { level: 4 } });
    expect(result).toMatchObject({
      numerator: 4,
      denominator: 6,
      breakdown: { upgraded: 1, previousNumerator: 2, previousDenominator: 5 },
    });
    expect(result.value).toBeCloseTo((4 / 6 - 2 / 5) * 100, 12);
  });

  it('within a scope, counts an upgrade of the scope’s own offering', () => {
    // S1: 28 Feb P1 2, P2 3, P5 3 → 2/3; 31 March P1 3, P2 3 → 2/2. Upgraded: P1.
    const result = growth({ agency: 'S1', options: { level: 3 } });
    expect(result).toMatchObject({
      numerator: 2,
      denominator: 2,
      breakdown: { upgraded: 1, previousNumerator: 2, previousDenominator: 3 },
    });
    expect(result.value).toBeCloseTo(100 / 3, 12);
  });

  it('has no value when nothing was in force at the start', () => {
    const result = growth({ from: '2024-01-01', options: { level: 3 } });
    expect(result).toMatchObject({ value: null, numerator: 5, denominator: 6 });
    expect(result.breakdown).toEqual({ upgraded: 0, previousNumerator: 0, previousDenominator: 0 });
  });

  it('computes each month against the day before it', () => {
    const result = growth({ from: '2026-02-01', to: '2026-03-31', groupBy: 'month', options: { level: 4 } });
    // February: nothing changes between 31 Jan and 28 Feb → 0 points.
    expect(result.groups?.[0]).toMatchObject({ key: '2026-02', value: 0, numerator: 2, denominator: 5 });
    expect(result.groups?.[1]).toMatchObject({ key: '2026-03', numerator: 4, denominator: 6 });
  });
});

describe('reference: scope and grouping of dossiers', () => {
  // One dossier per unit in March; ZZ is an agency code the catalogue does not know, P7 a procedure it does
  // not know.
  const events = () => [
    received({ dossier: 'd-H', at: vn('2026-03-02'), agency: 'H', procedure: 'P2', channel: 'online' }),
    received({ dossier: 'd-S1', at: vn('2026-03-02'), agency: 'S1', procedure: 'P1', channel: 'direct' }),
    received({ dossier: 'd-Q1', at: vn('2026-03-02'), agency: 'Q1', procedure: 'P1', channel: 'online' }),
    received({ dossier: 'd-X1', at: vn('2026-03-02'), agency: 'X1', procedure: 'P3', channel: 'direct' }),
    received({ dossier: 'd-Q2', at: vn('2026-03-02'), agency: 'Q2', procedure: 'P2', channel: 'online' }),
    received({ dossier: 'd-X2', at: vn('2026-03-02'), agency: 'X2', procedure: 'P4', channel: 'postal' }),
    received({ dossier: 'd-ZZ', at: vn('2026-03-02'), agency: 'ZZ', procedure: 'P1', channel: 'online' }),
    received({ dossier: 'd-P7', at: vn('2026-03-02'), agency: 'S2', procedure: 'P7', channel: 'online' }),
    // Received in April: its groups have nothing in March and are left out.
    received({ dossier: 'd-late', at: vn('2026-04-02'), agency: 'S1', procedure: 'P5', channel: 'online' }),
  ];
  const merged = () => catalogue({ lineage: MERGER, levels: [span('P6', 'S1', 3)] });
  const online = (overrides: Partial<ReferenceQuery>, cat = catalogue()) =>
    run(events(), query('dossiers.online', overrides), cat);

  it('covers the whole province, unknown codes included, when no agency is given', () => {
    // Online: H Q1 Q2 ZZ P7.
    expect(counts(online({}))).toBe('5/8');
  });

  it('covers an agency subtree in the reported structure, or the agency alone', () => {
    expect(counts(online({ agency: 'H' }))).toBe('4/7');
    expect(counts(online({ agency: 'Q1' }))).toBe('1/2');
    expect(counts(online({ agency: 'Q1', subtree: false }))).toBe('1/1');
    expect(counts(online({ agency: 'ZZ' }))).toBe('1/1');
  });

  it('restates a merger in the current structure', () => {
    // Q9 today: Q1 X1 Q2 X2 (online Q1 Q2); as reported then, Q9 received nothing.
    expect(counts(online({ agency: 'Q9', structure: 'current' }, merged()))).toBe('2/4');
    expect(counts(online({ agency: 'Q9', structure: 'reported' }, merged()))).toBe('0/0');
    // Q1 no longer exists today.
    expect(counts(online({ agency: 'Q1', structure: 'current' }, merged()))).toBe('0/0');
    // Q9 alone: the districts restated to it, not their communes.
    expect(counts(online({ agency: 'Q9', structure: 'current', subtree: false }, merged()))).toBe('2/2');
  });

  it('narrows by field (unknown procedure excluded) and by procedure', () => {
    // land = P1 P3: S1 Q1 X1 ZZ (online Q1 ZZ).
    expect(counts(online({ field: 'land' }))).toBe('2/4');
    expect(counts(online({ procedure: 'P1' }))).toBe('2/3');
    expect(counts(online({ agency: 'Q1', field: 'land' }))).toBe('1/2');
  });

  it('groups the whole province by the top of each chain, unknown codes on their own', () => {
    const result = online({ groupBy: 'agency' });
    expect(counts(result)).toBe('5/8');
    expect(groupCounts(result)).toEqual({ H: '4/7', ZZ: '1/1' });
  });

  it('groups an agency by its children, with its own dossiers under its own code', () => {
    const reported = online({ agency: 'H', groupBy: 'agency' });
    expect(reported.groups?.map((group) => group.key)).toEqual(['H', 'Q1', 'Q2', 'S1', 'S2']);
    expect(groupCounts(reported)).toEqual({ H: '1/1', Q1: '1/2', Q2: '1/2', S1: '0/1', S2: '1/1' });
    const current = online({ agency: 'H', structure: 'current', groupBy: 'agency' }, merged());
    expect(groupCounts(current)).toEqual({ H: '1/1', Q9: '2/4', S1: '0/1', S2: '1/1' });
    expect(groupCounts(online({ agency: 'Q1', groupBy: 'agency' }))).toEqual({ Q1: '1/1', X1: '0/1' });
    expect(groupCounts(online({ agency: 'Q1', subtree: false, groupBy: 'agency' }))).toEqual({ Q1: '1/1' });
  });

  it('groups by procedure and by field, unknown field last, empty groups left out', () => {
    // P5 (April only) and P6 (an offering, no dossier) have nothing to show.
    const byProcedure = online({ groupBy: 'procedure' }, merged());
    expect(byProcedure.groups?.map((group) => group.key)).toEqual(['P1', 'P2', 'P3', 'P4', 'P7']);
    expect(groupCounts(byProcedure)).toEqual({ P1: '2/3', P2: '2/2', P3: '0/1', P4: '0/1', P7: '1/1' });
    const byField = online({ groupBy: 'field' });
    expect(byField.groups?.map((group) => group.key)).toEqual(['health', 'justice', 'land', null]);
    expect(groupCounts(byField)).toEqual({ health: '0/1', justice: '2/2', land: '2/4', null: '1/1' });
  });

  it('returns every month of the period, empty ones too', () => {
    const events = [
      received({ dossier: 'A', at: vn('2026-02-14'), channel: 'online' }),
      received({ dossier: 'B', at: vn('2026-02-20'), channel: 'online' }),
      received({ dossier: 'C', at: vn('2026-03-05'), channel: 'direct' }),
      received({ dossier: 'D', at: vn('2026-03-06'), channel: 'online' }),
      received({ dossier: 'E', at: vn('2026-04-11'), channel: 'online' }),
    ];
    const result = run(
      events,
      query('dossiers.online', { from: '2026-02-15', to: '2026-04-10', groupBy: 'month' }),
    );
    expect(counts(result)).toBe('2/3');
    expect(result.groups).toEqual([
      { key: '2026-02', numerator: 1, denominator: 1, value: 1 },
      { key: '2026-03', numerator: 1, denominator: 2, value: 0.5 },
      { key: '2026-04', numerator: 0, denominator: 0, value: null },
    ]);
  });

  it('cuts weeks at Monday 00:00 local across a year end', () => {
    const events = [
      // Sunday 3 Jan 2027, 23:59 local → 2026-W53.
      received({ dossier: 'A', at: '2027-01-03T16:59:00Z', channel: 'online' }),
      // Monday 4 Jan 2027, 00:00 local → 2027-W01.
      received({ dossier: 'B', at: '2027-01-03T17:00:00Z', channel: 'direct' }),
    ];
    const result = run(
      events,
      query('dossiers.online', { from: '2026-12-30', to: '2027-01-05', groupBy: 'week' }),
    );
    expect(groupCounts(result)).toEqual({ '2026-W53': '1/1', '2027-W01': '0/1' });
  });
});

describe('reference: asOf and late events', () => {
  const events = () => [
    received({ dossier: 'D1', at: vn('2026-03-10'), agency: 'S1' }),
    // Resolved late on the last day, ingested the next morning → late.
    resolved({ dossier: 'D1', at: vn('2026-03-31 23:00'), ingestedAt: vn('2026-04-01 08:00') }),
    // Received in March, ingested on 2 April → late.
    received({
      dossier: 'D2',
      at: vn('2026-03-20'),
      agency: 'S1',
      channel: 'online',
      ingestedAt: vn('2026-04-02 08:00'),
    }),
    // Re-sent under a new id on 3 April → another late event.
    received({
      dossier: 'D2',
      at: vn('2026-03-20'),
      agency: 'S1',
      channel: 'online',
      id: 'resend',
      ingestedAt: vn('2026-04-03 08:00'),
    }),
    // The first one again (same id) on 4 April → the same event, not counted again.
    received({
      dossier: 'D2',
      at: vn('2026-03-20'),
      agency: 'S1',
      channel: 'online',
      ingestedAt: vn('2026-04-04 08:00'),
    }),
    // Occurred in April → not about the period.
    received({ dossier: 'D3', at: vn('2026-04-01'), agency: 'S1', ingestedAt: vn('2026-04-05') }),
    // Refused → no dossier in scope.
    refused({ dossier: 'D4', at: vn('2026-03-05'), agency: 'S1', ingestedAt: vn('2026-04-02') }),
    // Another agency.
    received({ dossier: 'D5', at: vn('2026-03-05'), agency: 'S2', ingestedAt: vn('2026-04-02') }),
    // Ingested at the very last millisecond of 31 March → in time.
    received({
      dossier: 'D6',
      at: vn('2026-03-06'),
      agency: 'S1',
      ingestedAt: vn('2026-03-31 23:59:59.999'),
    }),
  ];

  it('counts events of the period ingested after its last day, in scope, duplicates once, re-sends apart', () => {
    const result = run(events(), query('dossiers.online', { agency: 'S1' }));
    // Late: D1's resolution, D2's receipt and its re-send. Dossiers D1 D2 D6, online D2.
    expect(result).toEqual({ numerator: 1, denominator: 3, value: 1 / 3, lateEvents: 3 });
    // The whole province adds D5.
    expect(run(events(), query('dossiers.online')).lateEvents).toBe(4);
  });

  it('counts none for a period that had ended before the first event arrived (history loaded afterwards)', () => {
    // The same history, every event first ingested from 1 April on: no report of March could have been made.
    const history = events().filter((event) => event.ingestedAt >= vn('2026-04-01'));
    expect(history.length).toBeGreaterThan(4);
    expect(run(history, query('dossiers.online')).lateEvents).toBe(0);
    // One event ingested in time, on 31 March, and the store was live when March ended: D2's receipt, its
    // re-send and D5 are late (D1's resolution is not about a received dossier here: its receipt is left out).
    const live = [
      ...history,
      received({ dossier: 'D7', at: vn('2026-03-31'), ingestedAt: vn('2026-03-31 10:00') }),
    ];
    expect(run(live, query('dossiers.online')).lateEvents).toBe(3);
    // April had not ended when the history came: its events can be late.
    const april = [
      ...history,
      received({ dossier: 'D8', at: vn('2026-04-01'), ingestedAt: vn('2026-05-02') }),
    ];
    expect(run(april, query('dossiers.online', { from: '2026-04-01', to: '2026-04-30' })).lateEvents).toBe(1);
  });

  it('forgets events ingested after asOf', () => {
    // 2 April noon: the re-send and the duplicate have not arrived.
    const noon2 = run(events(), query('dossiers.online', { agency: 'S1', asOf: vn('2026-04-02 12:00') }));
    expect(noon2).toEqual({ numerator: 1, denominator: 3, value: 1 / 3, lateEvents: 2 });
    // 1 April noon: D2 does not exist yet.
    const noon1 = run(events(), query('dossiers.online', { agency: 'S1', asOf: vn('2026-04-01 12:00') }));
    expect(noon1).toEqual({ numerator: 0, denominator: 2, value: 0, lateEvents: 1 });
  });

  it('drops copies ingested after asOf before choosing the first copy of an identity', () => {
    const events = [
      received({
        dossier: 'D1',
        at: vn('2026-03-02'),
        channel: 'online',
        id: 'x',
        ingestedAt: vn('2026-04-10'),
      }),
      received({
        dossier: 'D1',
        at: vn('2026-03-02'),
        channel: 'direct',
        id: 'x',
        ingestedAt: vn('2026-03-05'),
      }),
    ];
    expect(counts(run(events, query('dossiers.online')))).toBe('1/1');
    expect(counts(run(events, query('dossiers.online', { asOf: vn('2026-04-05') })))).toBe('0/1');
  });
});

describe('reference: dossiers.carried_over and dossiers.closed_without_result', () => {
  const NOW = vn('2026-04-10 10:00');
  const events = () => [
    received({ dossier: 'A', at: vn('2026-02-10'), due: vn('2026-02-20') }), // open on 1 March, past due
    received({ dossier: 'B', at: vn('2026-02-28 23:59:59.999'), due: vn('2026-03-01 12:00') }), // due within 24 h
    received({ dossier: 'C', at: vn('2026-02-15'), due: vn('2026-04-30') }),
    resolved({ dossier: 'C', at: vn('2026-02-28 23:59:59.999') }), // resolved by the start: not carried over
    received({ dossier: 'D', at: vn('2026-02-15'), due: vn('2026-04-30') }),
    withdrawn({ dossier: 'D', at: vn('2026-03-05') }), // carried over, then withdrawn in March
    received({ dossier: 'E', at: vn('2026-03-01'), due: vn('2026-04-30') }), // received on the first day: not carried
    stopped({ dossier: 'E', at: vn('2026-03-31 23:59:59.999') }), // stopped in March
    received({ dossier: 'F', at: vn('2026-03-02'), due: vn('2026-04-30') }),
    resolved({ dossier: 'F', at: vn('2026-03-03') }),
    withdrawn({ dossier: 'F', at: vn('2026-03-04') }), // withdrawn after its result: resolved, not closed without
    received({ dossier: 'G', at: vn('2026-03-02'), due: vn('2026-04-30') }),
    stopped({ dossier: 'G', at: vn('2026-04-01') }), // stopped in April
    refused({ dossier: 'H', at: vn('2026-02-01') }),
    withdrawn({ dossier: 'H', at: vn('2026-03-02') }), // never received: counts nowhere
    received({ dossier: 'I', at: vn('2026-03-02'), due: vn('2026-04-30') }),
    withdrawn({ dossier: 'I', at: vn('2026-03-06') }),
    resolved({ dossier: 'I', at: vn('2026-03-07') }), // withdrawn first: closed without a result
  ];

  it('carries over the dossiers open at the end of the day before the period', () => {
    // Open at 28 Feb 23:59:59.999: A, B, D (C resolved at that instant); A past due, B due within 24 h.
    expect(run(events(), query('dossiers.carried_over', { now: NOW }))).toEqual({
      numerator: 3,
      denominator: null,
      value: 3,
      breakdown: { overdue: 1, dueWithin24h: 1 },
      lateEvents: 0,
    });
    // April starts with what March left open: A, B (E, G received in March; G stopped on 1 April).
    expect(
      run(events(), query('dossiers.carried_over', { from: '2026-04-01', to: '2026-04-30', now: NOW })),
    ).toMatchObject({ numerator: 3, value: 3 });
  });

  it('judges a period that starts after now at now', () => {
    // Now 10 April: open A, B.
    expect(
      run(events(), query('dossiers.carried_over', { from: '2026-05-01', to: '2026-05-31', now: NOW })),
    ).toMatchObject({ numerator: 2 });
  });

  it('counts withdrawals and stops of the period that came before any resolution', () => {
    // March: D (withdrawn), E (stopped at 23:59:59.999 on the 31st), I (withdrawn before its resolution).
    expect(run(events(), query('dossiers.closed_without_result', { now: NOW }))).toEqual({
      numerator: 3,
      denominator: null,
      value: 3,
      lateEvents: 0,
    });
    expect(
      run(
        events(),
        query('dossiers.closed_without_result', { from: '2026-04-01', to: '2026-04-30', now: NOW }),
      ),
    ).toMatchObject({ numerator: 1 });
  });

  it('keeps the ministry form balanced: carried over + received = resolved + closed without a result + open', () => {
    const march = (indicator: ReferenceQuery['indicator']) => run(events(), query(indicator, { now: NOW }));
    const received = march('dossiers.online').denominator; // E, F, G, I
    // Resolved with a result: F (I was withdrawn before its resolution: closed without one).
    const resolvedWithResult = 1;
    expect(march('dossiers.carried_over').numerator + (received ?? 0)).toBe(
      resolvedWithResult +
        march('dossiers.closed_without_result').numerator +
        march('dossiers.open').numerator,
    );
  });
});
