import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API tokens look like `dvc_k3x9q2ab_<43 characters>`: a visible prefix that names the token in lists and
 * logs, then 256 random bits. Only the SHA-256 of the whole token is stored.
 */
const TOKEN = /^dvc_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newTokenSecret(): { token: string; prefix: string } {
  const bytes = randomBytes(8);
  const id = [...bytes].map((byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join('');
  const prefix = `dvc_${id}`;
  return { token: `${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** The prefix of a well-formed token; null for anything else (never looked up). */
export function tokenPrefix(token: string): string | null {
  const match = TOKEN.exec(token);
  return match ? `dvc_${match[1]}` : null;
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time (hashing first makes the lengths equal). */
export function matchesHash(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(secretHash(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A 256-bit random value for a browser session, as text for the cookie. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}
