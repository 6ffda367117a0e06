import { matchesHash, newTokenSecret, secretHash, tokenPrefix } from './token-secret';

describe('API token secrets', () => {
  it('are random, carry their prefix, and are recognised only when well formed', () => {
    const first = newTokenSecret();
    const second = newTokenSecret();
    expect(first.token).not.toBe(second.token);
    expect(first.token).toMatch(/^dvc_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(tokenPrefix(first.token)).toBe(first.prefix);
    expect(tokenPrefix(`${first.token}x`)).toBeNull();
    expect(tokenPrefix('Bearer something')).toBeNull();
    expect(tokenPrefix('')).toBeNull();
  });

  it('match their stored hash and nothing else', () => {
    const { token } = newTokenSecret();
    const stored = secretHash(token);
    expect(stored).not.toContain(token);
    expect(matchesHash(token, stored)).toBe(true);
    expect(matchesHash(`${token.slice(0, -1)}A`, stored)).toBe(token.endsWith('A'));
    expect(matchesHash(token, secretHash('other'))).toBe(false);
    expect(matchesHash(token, 'not hex')).toBe(false);
  });
});
