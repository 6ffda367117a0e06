import { createHmac } from 'node:crypto';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"status":"firing"}';
  const now = 1_790_000_000;

  it('is the HMAC-SHA256 of "<timestamp>.<body>", as a receiver would compute it by hand', () => {
    const expected = createHmac('sha256', 's3cret').update(`${now}.${body}`).digest('hex');
    expect(signWebhookBody(body, 's3cret', now)).toBe(`t=${now},v1=${expected}`);
  });

  it('verifies its own signature and refuses any change of body, secret or an old timestamp', () => {
    const header = signWebhookBody(body, 's3cret', now);
    expect(verifyWebhookSignature(body, header, 's3cret', now + 10)).toBe(true);
    expect(verifyWebhookSignature(body + ' ', header, 's3cret', now)).toBe(false);
    expect(verifyWebhookSignature(body, header, 'other', now)).toBe(false);
    expect(verifyWebhookSignature(body, header, 's3cret', now + 301)).toBe(false);
    expect(verifyWebhookSignature(body, undefined, 's3cret', now)).toBe(false);
    expect(verifyWebhookSignature(body, 'v1=abc', 's3cret', now)).toBe(false);
  });
});
