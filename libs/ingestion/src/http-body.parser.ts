import { DomainError } from '@dvc/domain-errors';
import { RawItem } from './ingestion-pipeline';
import { jsonNestingDepth, MAX_JSON_DEPTH } from './json-limits';

export const MAX_EVENTS_PER_REQUEST = 10_000;
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const unparseable = (message: string) => new DomainError('invalid', message);

/**
 * Splits an HTTP body into items: a JSON array (one item per element), or NDJSON (one item per non-blank
 * line, each parsed on its own so one bad line rejects only itself: a line too large or too deep too). A body
 * that cannot be read as either, or a JSON body nesting deeper than an event may, is an error for the whole
 * request.
 */
export function parseEventsBody(
  contentType: string | undefined,
  body: Buffer | string | undefined,
): RawItem[] {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = body === undefined ? '' : body.toString();
  let items: RawItem[];
  if (mediaType === 'application/x-ndjson' || mediaType === 'application/ndjson') {
    items = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ({ bytes: line }));
  } else if (mediaType === 'application/json') {
    // The array itself is one level; checked before JSON.parse so nothing recursive ever sees a deep value.
    if (jsonNestingDepth(text, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH + 1) {
      throw unparseable(
        `body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep inside the array of events; ` +
          'nothing from this request was stored',
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw unparseable(`body is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(value)) throw unparseable('body must be a JSON array of events');
    items = value.map((json: unknown) => ({ json }));
  } else {
    throw new DomainError(
      'unsupported_media_type',
      `Content-Type must be application/json (an array of events) or application/x-ndjson, not "${mediaType}"`,
    );
  }
  if (items.length === 0) throw unparseable('body holds no events');
  if (items.length > MAX_EVENTS_PER_REQUEST) {
    throw new DomainError(
      'too_large',
      `at most ${MAX_EVENTS_PER_REQUEST} events per request, got ${items.length}`,
    );
  }
  return items;
}
