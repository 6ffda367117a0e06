import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aReceived, aRefused, aSubmitted, anEvent } from '@dvc/testing';
import { DOSSIER_EVENT_TYPES, dossierEventSchema } from './dossier-event.schema';
import { dossierEventJsonSchema } from './json-schema';

const issuesOf = (input: unknown) => {
  const result = dossierEventSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('dossier event contract v1', () => {
  it('accepts a complete received event and normalises nothing but whitespace', () => {
    const event = aReceived(' HS-1 ', 'online', { fee: 50_000 });
    const parsed = dossierEventSchema.parse(event);
    expect(parsed).toMatchObject({ type: 'received', dossierCode: 'HS-1', channel: 'online', fee: 50_000 });
  });

  it.each(['2000-01-01T03:00:00+07:00', '1999-12-31T17:00:00Z', '2099-12-31T23:59:59+07:00'])(
    "judges the year of %s on Vietnam's calendar: accepted",
    (occurredAt) => {
      expect(issuesOf(anEvent('processing', 'HS-1', { occurredAt }))).toEqual([]);
    },
  );

  it('strips unknown fields so personal data never reaches storage', () => {
    const parsed = dossierEventSchema.parse(
      aReceived('HS-1', 'direct', { applicantName: 'Nguyễn Văn A', citizenId: '001099000001' }),
    );
    expect(parsed).not.toHaveProperty('applicantName');
    expect(parsed).not.toHaveProperty('citizenId');
  });

  it.each([
    ['eventId', { eventId: '' }],
    ['eventId', { eventId: 'x'.repeat(129) }],
    ['source', { source: 'Tỉnh Bình Thuận' }],
    ['source', { source: 'a'.repeat(65) }],
    ['occurredAt', { occurredAt: '2026-03-02 09:00:00' }],
    ['occurredAt', { occurredAt: '2026-03-02T09:00:00' }],
    ['occurredAt', { occurredAt: '1999-12-31T16:59:59Z' }],
    ['occurredAt', { occurredAt: '1999-12-31T23:59:59+07:00' }],
    ['occurredAt', { occurredAt: '2100-01-01T00:00:00+07:00' }],
    ['occurredAt', { occurredAt: '2099-12-31T17:00:00Z' }],
    ['dossierCode', { dossierCode: '' }],
    ['dossierCode', { dossierCode: 'x'.repeat(65) }],
    ['statusCode', { statusCode: 11 }],
  ])('rejects a bad %s', (field, override) => {
    expect(issuesOf({ ...aReceived('HS-1', 'online'), ...override }).join('\n')).toContain(field);
  });

  it('rejects an unknown type and names the allowed ones', () => {
    expect(issuesOf(anEvent('archived', 'HS-1')).join('\n')).toMatch(/type/);
  });

  it.each([
    ['submitted', aSubmitted, 'procedureCode'],
    ['submitted', aSubmitted, 'agencyCode'],
    ['refused', aRefused, 'procedureCode'],
    ['refused', aRefused, 'agencyCode'],
  ])('requires %s to carry %s', (_type, build, field) => {
    const event = build('HS-1');
    delete event[field];
    expect(issuesOf(event).join('\n')).toContain(field);
  });

  it.each(['procedureCode', 'agencyCode', 'channel', 'dueAt'])('requires received to carry %s', (field) => {
    const event = aReceived('HS-1', 'online');
    delete event[field];
    expect(issuesOf(event).join('\n')).toContain(field);
  });

  it('rejects a channel outside direct/online/postal', () => {
    expect(issuesOf(aReceived('HS-1', 'online', { channel: 'fax' })).join('\n')).toContain('channel');
  });

  it.each([
    ['paid', {}, 'payment'],
    ['paid', { payment: { method: 'card', amount: 1 } }, 'payment.method'],
    ['paid', { payment: { method: 'online', amount: -1 } }, 'payment.amount'],
    ['returned', {}, 'returnChannel'],
    ['rescheduled', {}, 'dueAt'],
    ['transferred', {}, 'toAgencyCode'],
    ['resolved', { outcome: 'maybe' }, 'outcome'],
    ['payment_requested', { fee: 1.5 }, 'fee'],
  ])('checks the fields of %s (%j)', (type, fields, field) => {
    expect(issuesOf(anEvent(type, 'HS-1', fields)).join('\n')).toContain(field);
  });

  it('accepts every type in its minimal valid form', () => {
    const minimal: Record<string, object> = {
      submitted: aSubmitted('HS-1'),
      received: aReceived('HS-1', 'postal'),
      refused: aRefused('HS-1'),
      paid: anEvent('paid', 'HS-1', { payment: { method: 'online', amount: 30_000 } }),
      returned: anEvent('returned', 'HS-1', { returnChannel: 'postal' }),
      rescheduled: anEvent('rescheduled', 'HS-1', { dueAt: '2026-04-01T17:00:00+07:00' }),
      transferred: anEvent('transferred', 'HS-1', { toAgencyCode: '000.00.15.H12' }),
    };
    for (const type of DOSSIER_EVENT_TYPES) {
      const event = minimal[type] ?? anEvent(type, 'HS-1');
      expect({ type, issues: issuesOf(event) }).toEqual({ type, issues: [] });
    }
  });

  it('accepts a statusCode that matches the type and rejects one that contradicts it', () => {
    expect(issuesOf(aReceived('HS-1', 'online', { statusCode: 2 }))).toEqual([]);
    expect(issuesOf(aReceived('HS-1', 'online', { statusCode: 9 })).join('\n')).toMatch(
      /statusCode 9 contradicts/,
    );
    expect(
      issuesOf(anEvent('paid', 'HS-1', { statusCode: 4, payment: { method: 'offline', amount: 0 } })),
    ).toEqual([]);
  });

  it('keeps the committed JSON Schema in sync with the zod schema', () => {
    const committed = JSON.parse(
      readFileSync(join(__dirname, '..', 'dossier-event.v1.schema.json'), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(dossierEventJsonSchema());
  });
});
