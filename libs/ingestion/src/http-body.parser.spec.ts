import { DomainError } from '@dvc/domain-errors';
import { MAX_EVENTS_PER_REQUEST, parseEventsBody } from './http-body.parser';

const failure = (contentType: string | undefined, body: string) => {
  try {
    parseEventsBody(contentType, Buffer.from(body));
  } catch (error) {
    return { kind: (error as DomainError).kind, message: (error as Error).message };
  }
  throw new Error('expected a failure');
};

describe('parseEventsBody', () => {
  it('reads a JSON array as one item per element', () => {
    expect(parseEventsBody('application/json; charset=utf-8', Buffer.from('[{"a":1},2]'))).toEqual([
      { json: { a: 1 } },
      { json: 2 },
    ]);
  });

  it('reads NDJSON as one raw item per non-blank line, parsed later one by one', () => {
    expect(parseEventsBody('application/x-ndjson', Buffer.from('{"a":1}\n\n{bad\r\n  \n{"b":2}\n'))).toEqual([
      { bytes: '{"a":1}' },
      { bytes: '{bad\r' },
      { bytes: '{"b":2}' },
    ]);
  });

  it('refuses an unparseable or non-array JSON body as a whole', () => {
    expect(failure('application/json', '{"a":')).toMatchObject({
      kind: 'invalid',
      message: /not valid JSON/,
    });
    expect(failure('application/json', '{"a":1}')).toMatchObject({ kind: 'invalid', message: /JSON array/ });
    expect(failure('application/json', `[${'['.repeat(33)}${']'.repeat(33)}]`)).toMatchObject({
      kind: 'invalid',
      message: /more than 32 levels deep/,
    });
    expect(failure('application/json', '[]')).toMatchObject({ kind: 'invalid', message: /no events/ });
    expect(failure('application/x-ndjson', '\n \n')).toMatchObject({ kind: 'invalid', message: /no events/ });
  });

  it('takes events nested as deep as allowed in an array', () => {
    const deepest = '['.repeat(32) + ']'.repeat(32);
    expect(parseEventsBody('application/json', Buffer.from(`[${deepest}]`))).toHaveLength(1);
  });

  it('refuses other media types, naming the accepted ones', () => {
    expect(failure('text/csv', 'a,b')).toMatchObject({ kind: 'unsupported_media_type', message: /x-ndjson/ });
    expect(failure(undefined, '[]')).toMatchObject({ kind: 'unsupported_media_type' });
  });

  it(`refuses more than ${MAX_EVENTS_PER_REQUEST} events`, () => {
    const body = Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, () => '{}').join('\n');
    expect(failure('application/x-ndjson', body)).toMatchObject({
      kind: 'too_large',
      message: /at most 10000/,
    });
    expect(parseEventsBody('application/x-ndjson', Buffer.from(body.slice(3)))).toHaveLength(
      MAX_EVENTS_PER_REQUEST,
    );
  });
});
