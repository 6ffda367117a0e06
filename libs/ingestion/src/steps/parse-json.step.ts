import { jsonNestingDepth, MAX_EVENT_BYTES, MAX_JSON_DEPTH } from '../json-limits';
import { deadLetter, ok, StepResult } from './step-result';

/**
 * Parse: the bytes of one Kafka message (or one NDJSON line) into a JSON value. Size and depth are checked on
 * the text first, so a hostile item is refused on its own and its siblings go on.
 */
export function parseJson(bytes: Buffer | string | null): StepResult<unknown> {
  if (bytes === null || bytes.length === 0)
    return deadLetter('parse', 'empty_message', ['message has no value']);
  // A string's UTF-8 length is at most 3 bytes per code unit: most lines need no count.
  const size =
    typeof bytes !== 'string' || bytes.length * 3 > MAX_EVENT_BYTES ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_EVENT_BYTES)
    return deadLetter('parse', 'too_large', [
      `an event is at most ${MAX_EVENT_BYTES} bytes, this one ${size}`,
    ]);
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    return deadLetter('parse', 'too_deep', [
      `arrays and objects nest more than ${MAX_JSON_DEPTH} levels deep`,
    ]);
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return deadLetter('parse', 'invalid_json', [jsonErrorWithoutInput((error as Error).message)]);
  }
}

/**
 * V8 quotes the text around an unexpected token (`Unexpected token 'N', "Nguyễn Văn"... is not valid JSON`), and
 * the error is kept with the rejection: only the parts that quote nothing of the input are.
 */
export function jsonErrorWithoutInput(message: string): string {
  const token = /^Unexpected token '.', .* is not valid JSON$/s;
  if (token.test(message)) return 'Unexpected token: not valid JSON';
  return message.includes('"') ? 'not valid JSON' : message;
}
