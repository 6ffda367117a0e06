import { IncomingMessage, OutgoingMessage } from '@dvc/kafka';
import { RejectedItem } from './ingestion-pipeline';
import { redactRejectedPayload } from './rejected-payload.redaction';

export const DEAD_LETTER_HEADERS = {
  reason: 'dvc-dlq-reason',
  step: 'dvc-dlq-step',
  errors: 'dvc-dlq-errors',
  topic: 'dvc-dlq-original-topic',
  partition: 'dvc-dlq-original-partition',
  offset: 'dvc-dlq-original-offset',
  failedAt: 'dvc-dlq-failed-at',
  payloadSha256: 'dvc-dlq-payload-sha256',
  payloadBytes: 'dvc-dlq-payload-bytes',
} as const;

/**
 * The dead letter for a rejected Kafka message: why, where and when, and of the message only what
 * `redactRejectedPayload` keeps: its value is the JSON of the contract fields it carried with allowed values,
 * its key the dossierCode among them (null if none), and the original bytes are known by their SHA-256 alone.
 * The original key and headers are not copied: a producer may put anything in them.
 */
export function deadLetterMessage(
  original: IncomingMessage,
  origin: { topic: string; partition: number },
  rejection: RejectedItem,
  failedAt: Date,
): OutgoingMessage {
  const payload = redactRejectedPayload({ bytes: original.value });
  const dossierCode = payload.fields.dossierCode;
  return {
    key: typeof dossierCode === 'string' ? dossierCode : null,
    value: JSON.stringify(payload.fields),
    headers: {
      [DEAD_LETTER_HEADERS.reason]: rejection.reason,
      [DEAD_LETTER_HEADERS.step]: rejection.step,
      [DEAD_LETTER_HEADERS.errors]: JSON.stringify(rejection.errors),
      [DEAD_LETTER_HEADERS.topic]: origin.topic,
      [DEAD_LETTER_HEADERS.partition]: String(origin.partition),
      [DEAD_LETTER_HEADERS.offset]: original.offset,
      [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
      [DEAD_LETTER_HEADERS.payloadSha256]: payload.sha256,
      [DEAD_LETTER_HEADERS.payloadBytes]: String(payload.bytes),
    },
  };
}
