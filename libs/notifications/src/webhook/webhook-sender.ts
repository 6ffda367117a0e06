import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '@dvc/config';
import { backoffDelayMs, BackoffPolicy } from '../delivery/backoff';
import { DeliveryResult } from '../delivery/delivery-result';
import { errorMessage } from '../delivery/error-message';
import { NotificationsMetrics } from '../notifications.metrics';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature';

export interface WebhookMessage {
  url: string;
  /** The endpoint's shared secret; null sends unsigned (an Alertmanager receiver does not check). */
  secret: string | null;
  /** Sent as JSON. */
  payload: unknown;
  /** Names the delivery; a receiver can drop a retry it already took by it. */
  idempotencyKey: string;
}

/** Statuses worth another try: the receiver is down, overloaded or slow; any other 4xx is a refusal. */
const RETRIED_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * POSTs signed JSON to a receiver, retrying failures with doubling waits, and gives up after
 * WEBHOOK_MAX_ATTEMPTS with the last error in the result (which the caller records).
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);
  private readonly policy: BackoffPolicy;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: NotificationsMetrics,
  ) {
    this.policy = {
      maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
      initialDelayMs: config.WEBHOOK_RETRY_INITIAL_MS,
      maxDelayMs: config.WEBHOOK_RETRY_MAX_MS,
    };
  }

  async send(message: WebhookMessage): Promise<DeliveryResult> {
    const body = JSON.stringify(message.payload);
    let response: string | null = null;
    let error: string | null = null;
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt += 1) {
      if (attempt > 1) await sleep(backoffDelayMs(attempt, this.policy));
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'idempotency-key': message.idempotencyKey,
        'user-agent': 'dvc-metrics-alerts',
      };
      // Signed at each attempt, so a late retry stays within the receiver's replay tolerance.
      if (message.secret !== null) {
        headers[WEBHOOK_SIGNATURE_HEADER] = signWebhookBody(
          body,
          message.secret,
          Math.floor(Date.now() / 1000),
        );
      }
      try {
        const reply = await fetch(message.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
          redirect: 'error',
        });
        await reply.body?.cancel();
        response = `HTTP ${reply.status}`;
        if (reply.ok) return this.finish(message, 'delivered', attempt, response, null);
        error = `the receiver answered ${reply.status}`;
        if (!RETRIED_STATUSES.has(reply.status))
          return this.finish(message, 'failed', attempt, response, error);
      } catch (failure) {
        error = errorMessage(failure);
      }
    }
    return this.finish(message, 'failed', this.policy.maxAttempts, response, error);
  }

  private finish(
    message: WebhookMessage,
    outcome: DeliveryResult['outcome'],
    attempts: number,
    response: string | null,
    error: string | null,
  ): DeliveryResult {
    if (outcome === 'failed') {
      this.logger.warn(`webhook ${redact(message.url)} given up after ${attempts} attempt(s): ${error}`);
    }
    return this.metrics.record({
      channel: 'webhook',
      destination: message.url,
      outcome,
      attempts,
      response,
      error,
      messageId: null,
    });
  }
}

/** A URL may carry a token in its query; logs keep the origin and path. */
function redact(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
