import { deadLetter, ok, StepResult } from './step-result';

/** Parse: the bytes of one Kafka message (or one NDJSON line) into a JSON value. */
export function parseJson(bytes: Buffer | string | null): StepResult<unknown> {
  if (bytes === null || bytes.length === 0)
    return deadLetter('parse', 'empty_message', ['message has no value']);
  try {
    return ok(JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8')));
  } catch (error) {
    return deadLetter('parse', 'invalid_json', [(error as Error).message]);
  }
}
