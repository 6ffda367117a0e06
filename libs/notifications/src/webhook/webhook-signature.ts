import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-dvc-signature';

/**
 * Signs a webhook body with the endpoint's shared secret. The timestamp is signed with the body, so a
 * receiver can refuse a replayed old delivery (see verifyWebhookSignature's tolerance).
 */
export function signWebhookBody(body: string, secret: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmac(secret, unixSeconds, body)}`;
}

/**
 * For receivers (and our tests): whether `header` signs `body` with `secret`, made within `toleranceSeconds`
 * of `nowUnixSeconds`. Compares in constant time.
 */
export function verifyWebhookSignature(
  body: string,
  header: string | undefined,
  secret: string,
  nowUnixSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowUnixSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

const hmac = (secret: string, unixSeconds: number, body: string) =>
  createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
