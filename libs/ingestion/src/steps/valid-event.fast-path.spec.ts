import { DOSSIER_EVENT_TYPES, dossierEventSchema } from '@dvc/dossier-events';
import { provinceHistory, seededRandom } from '@dvc/synthetic-province';
import { fastValidEvent } from './valid-event.fast-path';
import { validateEvent } from './validate-event.step';

/** Events as vendors send them: a few days of the synthetic province. */
function syntheticEvents(count: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (const day of provinceHistory({
    seed: 20,
    from: '2025-02-25',
    to: '2025-03-05',
    dossiersPerDay: 300,
    now: Date.parse('2026-01-01'),
  })) {
    for (const event of day) if (events.length < count) events.push(event as Record<string, unknown>);
  }
  return events;
}

/** Values that sit on or just past an edge of some field's rule. */
const ODD_VALUES: unknown[] = [
  '',
  ' ',
  ' 000.00.12.H12',
  '000.00.12.H12 ',
  '000.00.12.H12\u00a0',
  '\ufeffX',
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(128),
  'x'.repeat(129),
  'Binh-Thuan',
  'binh-thuan.motcua',
  0,
  -0,
  -1,
  1,
  1.5,
  2,
  9,
  10,
  11,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  null,
  {},
  [],
  ['online'],
  { method: 'online', amount: 5, card: '4111 1111 1111 1111' },
  { method: 'cash', amount: 5 },
  { method: 'offline', amount: -5 },
  'online',
  'offline',
  'direct',
  'postal',
  'approved',
  'denied',
  '2000-01-01T00:00:00+07:00',
  '2000-01-01T03:00:00+07:00',
  '1999-12-31T23:00:00-07:00',
  '2001-01-01T00:00:00+23:59',
  '2098-12-31T23:59:59.999-23:59',
  '2099-12-31T20:00:00+07:00',
  '2100-01-01T00:00:00Z',
  '2024-02-29T10:00:00+07:00',
  '2025-02-29T10:00:00+07:00',
  '2025-04-30T10:00:00Z',
  '2025-04-31T10:00:00Z',
  '2025-12-31T10:00:00Z',
  '2025-01-01T10:00:00',
  '2025-01-01 10:00:00Z',
  '2025-01-01T24:00:00Z',
  '2025-01-01T10:60:00Z',
  '2025-01-01T10:00:00.123456789+07:00',
  '2025-01-01T10:00:00+7:00',
  '2025-01-01T10:00:00+24:00',
  '2025-01-01T10:00:00.+07:00',
  ...DOSSIER_EVENT_TYPES,
  'toString',
  '__proto__',
  'constructor',
];
const FIELDS = [
  'eventId',
  'source',
  'type',
  'occurredAt',
  'dossierCode',
  'statusCode',
  'procedureCode',
  'agencyCode',
  'channel',
  'dueAt',
  'fee',
  'payment',
  'outcome',
  'electronicResult',
  'returnChannel',
  'toAgencyCode',
  'citizenName',
  '__proto__',
];

function mutate(event: Record<string, unknown>, random: () => number): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  // Through JSON, as every item arrives: `__proto__` then is a field like any other.
  const mutated = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  for (let changes = 1 + Math.floor(random() * 3); changes > 0; changes--) {
    const field = pick(FIELDS);
    if (random() < 0.25) delete mutated[field];
    else
      Object.defineProperty(mutated, field, {
        value: pick(ODD_VALUES),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return JSON.parse(JSON.stringify(mutated));
}

/** What zod alone answers: the step as it was before the fast path. */
function zodOnly(
  value: unknown,
):
  | { kind: 'ok'; value: unknown }
  | { kind: 'dead_letter'; issues: { path: PropertyKey[]; message: string }[] } {
  const result = dossierEventSchema.safeParse(value);
  return result.success
    ? { kind: 'ok', value: result.data }
    : { kind: 'dead_letter', issues: result.error.issues };
}

describe('fastValidEvent, held to dossierEventSchema', () => {
  const events = syntheticEvents(4_000);

  it('recognises nearly every valid synthetic event, giving exactly what zod gives', () => {
    let fast = 0;
    for (const event of events) {
      const parsed = dossierEventSchema.parse(event);
      const recognised = fastValidEvent(event);
      if (recognised === undefined) continue;
      fast++;
      expect(recognised).toStrictEqual(parsed);
      expect(Object.keys(recognised)).toEqual(Object.keys(parsed));
    }
    // February 29 and the like go to zod; the common shape must not.
    expect(fast / events.length).toBeGreaterThan(0.95);
  });

  it('accepts nothing zod refuses and answers what zod answers, on thousands of mutated events', () => {
    const random = seededRandom(2026);
    let accepted = 0;
    let refused = 0;
    for (let run = 0; run < 20_000; run++) {
      const value = mutate(events[run % events.length], random);
      const recognised = fastValidEvent(value);
      const expected = zodOnly(value);
      if (recognised !== undefined) {
        accepted++;
        expect(expected.kind).toBe('ok');
        const zodValue = expected.kind === 'ok' ? expected.value : undefined;
        expect(recognised).toStrictEqual(zodValue);
        expect(Object.keys(recognised)).toEqual(Object.keys(zodValue as object));
      } else if (expected.kind === 'dead_letter') refused++;
    }
    // Both kinds of outcome were exercised.
    expect(accepted).toBeGreaterThan(1_000);
    expect(refused).toBeGreaterThan(1_000);
  });

  it('leaves the validate step answering as zod did, messages included', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 3_000; run++) {
      const value = run % 3 === 0 ? events[run % events.length] : mutate(events[run % events.length], random);
      const expected = zodOnly(value);
      const result = validateEvent(value);
      if (expected.kind === 'ok') expect(result).toEqual({ kind: 'ok', value: expected.value });
      else
        expect(result).toEqual(
          expect.objectContaining({
            kind: 'dead_letter',
            errors: expected.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`),
          }),
        );
    }
  });

  it('declines what is no object, or names a type the contract lacks', () => {
    for (const value of [
      null,
      1,
      'x',
      [],
      [events[0]],
      JSON.parse('{"type":"__proto__"}'),
      { type: 'toString' },
    ])
      expect(fastValidEvent(value)).toBeUndefined();
  });

  it('strips fields outside the contract, in the payment too', () => {
    const paid = events.find((event) => event.type === 'paid')!;
    const recognised = fastValidEvent({
      ...paid,
      citizenName: 'Nguyễn Văn A',
      payment: { ...(paid.payment as object), card: '4111 1111 1111 1111' },
    });
    expect(recognised).toStrictEqual(dossierEventSchema.parse(paid));
  });
});
