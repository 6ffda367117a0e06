import { DOSSIER_EVENT_TYPES, dossierEventSchema } from '@dvc/dossier-events';
import { toWireEvent, WireEvent } from './dossier-lifecycle';
import { provinceHistory, visitProvinceHistory } from './synthetic-feed';

const options = {
  seed: 7,
  from: '2026-03-02',
  to: '2026-03-08',
  dossiersPerDay: 50,
  now: Date.parse('2026-06-01'),
};

describe('synthetic province', () => {
  it('is deterministic for a seed', () => {
    expect([...provinceHistory(options)]).toEqual([...provinceHistory(options)]);
    expect([...provinceHistory({ ...options, seed: 8 })]).not.toEqual([...provinceHistory(options)]);
  });

  it('emits only events that satisfy contract v1', () => {
    const events = [...provinceHistory(options)].flat();
    const invalid = events.filter((event) => !dossierEventSchema.safeParse(event).success);
    expect(invalid).toEqual([]);
    // Every lifecycle type but the two the synthetic province never has: stopped, transferred.
    const emitted = new Set(events.map((event) => event.type));
    expect(emitted).toEqual(
      new Set(DOSSIER_EVENT_TYPES.filter((type) => type !== 'stopped' && type !== 'transferred')),
    );
  });

  it('delivers some events twice and some re-sent under a new id, as real feeds do', () => {
    const events = [...provinceHistory({ ...options, duplicateShare: 0.2, resendShare: 0.2 })].flat();
    const ids = events.map((event) => String(event.eventId));
    expect(new Set(ids).size).toBeLessThan(ids.length);
    expect(ids.some((id) => id.endsWith('-resent'))).toBe(true);
  });

  it('leaves out what has not happened yet', () => {
    const now = Date.parse('2026-03-05T00:00:00Z');
    const events = [...provinceHistory({ ...options, now })].flat();
    expect(events.every((event) => Date.parse(String(event.occurredAt)) <= now)).toBe(true);
  });

  it('hands the same events, duplicates and re-sends to a visitor, by day shard too', () => {
    const messy = {
      ...options,
      duplicateShare: 0.2,
      resendShare: 0.2,
      now: Date.parse('2026-03-10T00:00:00Z'),
    };
    const sorted = (events: WireEvent[]) => events.map((event) => JSON.stringify(event)).sort();
    const visited = (days?: (dayIndex: number) => boolean) => {
      const events: WireEvent[] = [];
      let dossiers = 0;
      visitProvinceHistory(
        { ...messy, days },
        {
          dossier: () => void dossiers++,
          event: (code, event, delivery) => {
            const wire = toWireEvent('binh-thuan.motcua', code, event);
            events.push(wire);
            if (delivery.duplicate) events.push(wire);
            if (delivery.resent) events.push({ ...wire, eventId: `${String(wire.eventId)}-resent` });
          },
        },
      );
      return { events, dossiers };
    };
    const expected = sorted([...provinceHistory(messy)].flat());
    expect(sorted(visited().events)).toEqual(expected);
    const [even, odd] = [visited((day) => day % 2 === 0), visited((day) => day % 2 === 1)];
    expect(sorted([...even.events, ...odd.events])).toEqual(expected);
    expect(even.dossiers + odd.dossiers).toBe(visited().dossiers);
  });
});
