import { IncomingMessage, OutgoingMessage } from '@dvc/kafka';
import { RejectedItem } from './ingestion-pipeline';

export const DEAD_LETTER_HEADERS = {
  reason: 'dvc-dlq-reason',
  step: 'dvc-dlq-step',
  errors: 'dvc-dlq-errors',
  topic: 'dvc-dlq-original-topic',
  partition: 'dvc-dlq-original-partition',
  offset: 'dvc-dlq-original-offset',
  failedAt: 'dvc-dlq-failed-at',
} as const;

/** The dead letter for a rejected Kafka message: its original bytes, key and headers, plus why and where. */
export function deadLetterMessage(
  original: IncomingMessage,
  origin: { topic: string; partition: number },
  rejection: RejectedItem,
  failedAt: Date,
): OutgoingMessage {
  return {
    key: original.key,
    value: original.value,
    headers: {
      ...original.headers,
      [DEAD_LETTER_HEADERS.reason]: rejection.reason,
      [DEAD_LETTER_HEADERS.step]: rejection.step,
      [DEAD_LETTER_HEADERS.errors]: JSON.stringify(rejection.errors),
      [DEAD_LETTER_HEADERS.topic]: origin.topic,
      [DEAD_LETTER_HEADERS.partition]: String(origin.partition),
      [DEAD_LETTER_HEADERS.offset]: original.offset,
      [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
    },
  };
}
