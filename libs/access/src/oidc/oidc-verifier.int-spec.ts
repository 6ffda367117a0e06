import { ServiceUnavailableException } from '@nestjs/common';
import { SignJWT } from 'jose';
import { parseAppConfig } from '@dvc/config';
import { TestIdentityProvider } from '@dvc/testing';
import { OidcVerifier } from './oidc-verifier';

describe('OidcVerifier against a JWKS served on loopback', () => {
  let provider: TestIdentityProvider;
  let foreign: TestIdentityProvider;
  const verifierFor = (env: Record<string, string> = {}) =>
    new OidcVerifier(parseAppConfig(provider.env({ OIDC_JWKS_COOLDOWN_SECONDS: '0', ...env })));

  beforeEach(async () => {
    [provider, foreign] = await Promise.all([
      TestIdentityProvider.start(),
      TestIdentityProvider.start({ realm: 'other' }),
    ]);
  });
  afterEach(() => Promise.all([provider.stop(), foreign.stop()]));

  it('accepts a valid token, finding the keys through the discovery document, and maps its claims', async () => {
    const verifier = verifierFor();
    const token = await provider.sign({
      sub: 'person-1',
      preferred_username: 'head.of.dept',
      groups: ['/dvc/departments'],
      dvc_agency: '000.00.30.H12',
    });
    expect(await verifier.verify(token)).toEqual({
      principal: {
        via: 'oidc',
        id: 'person-1',
        name: 'head.of.dept',
        role: 'department',
        agencyCode: '000.00.30.H12',
        sourceId: null,
      },
    });
    // The keys are kept: a second token fetches nothing.
    await verifier.verify(await provider.sign({ groups: ['/dvc/admins'] }));
    expect(provider.jwksRequests).toBe(1);
  });

  it('takes the keys from OIDC_JWKS_URL when set', async () => {
    const verifier = verifierFor({ OIDC_JWKS_URL: provider.jwksUrl });
    expect(await verifier.verify(await provider.sign({ groups: ['/dvc/operators'] }))).toMatchObject({
      principal: { role: 'operator' },
    });
  });

  it('picks up a rotated key (new kid) and refuses the retired one', async () => {
    const verifier = verifierFor();
    const before = await provider.sign({ groups: ['/dvc/analysts'] });
    expect(await verifier.verify(before)).toMatchObject({ principal: { role: 'analyst' } });
    await provider.rotate();
    const after = await provider.sign({ groups: ['/dvc/analysts'] });
    expect(await verifier.verify(after)).toMatchObject({ principal: { role: 'analyst' } });
    expect(provider.jwksRequests).toBe(2);
    expect(await verifier.verify(before)).toEqual({
      refused: 'the token is signed with a key the identity provider does not publish',
    });
  });

  it('keeps both keys valid while the provider publishes both (a rotation in progress)', async () => {
    const verifier = verifierFor();
    const before = await provider.sign({ groups: ['/dvc/analysts'] });
    await verifier.verify(before);
    await provider.rotate({ keepOld: true });
    const after = await provider.sign({ groups: ['/dvc/analysts'] });
    expect(await verifier.verify(after)).toMatchObject({ principal: { role: 'analyst' } });
    expect(await verifier.verify(before)).toMatchObject({ principal: { role: 'analyst' } });
  });

  it('waits OIDC_JWKS_COOLDOWN_SECONDS before fetching the keys again for an unknown kid', async () => {
    const verifier = verifierFor({ OIDC_JWKS_COOLDOWN_SECONDS: '600' });
    await verifier.verify(await provider.sign({ groups: ['/dvc/analysts'] }));
    await provider.rotate();
    expect(await verifier.verify(await provider.sign({ groups: ['/dvc/analysts'] }))).toEqual({
      refused: 'the token is signed with a key the identity provider does not publish',
    });
    expect(provider.jwksRequests).toBe(1);
  });

  it('refuses a token from another issuer without fetching any key', async () => {
    const verifier = verifierFor();
    expect(await verifier.verify(await foreign.sign({ groups: ['/dvc/admins'] }))).toEqual({
      refused: `the token is from another issuer (${foreign.issuer})`,
    });
    expect(provider.jwksRequests + foreign.jwksRequests).toBe(0);
  });

  it('refuses a token for another audience', async () => {
    expect(
      await verifierFor().verify(await provider.sign({ groups: ['/dvc/admins'] }, { audience: 'account' })),
    ).toEqual({ refused: 'the token is not for this API (audience dvc-api)' });
  });

  it('refuses an expired token, allowing OIDC_CLOCK_SKEW_SECONDS of clock difference', async () => {
    const verifier = verifierFor({ OIDC_CLOCK_SKEW_SECONDS: '30' });
    expect(
      await verifier.verify(await provider.sign({ groups: ['/dvc/admins'] }, { expiresIn: -60 })),
    ).toEqual({
      refused: 'the token has expired',
    });
    expect(
      await verifier.verify(await provider.sign({ groups: ['/dvc/admins'] }, { expiresIn: -10 })),
    ).toMatchObject({ principal: { role: 'admin' } });
  });

  it('refuses a forged signature, a token signed with a symmetric key or none, and a token without exp', async () => {
    const verifier = verifierFor();
    expect(
      await verifier.verify(await provider.sign({ groups: ['/dvc/admins'] }, { key: 'forged' })),
    ).toEqual({
      refused: "the token's signature does not verify",
    });
    const unsigned = (await provider.sign({ groups: ['/dvc/admins'] })).split('.');
    const none = [Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url'), unsigned[1], ''].join(
      '.',
    );
    expect(await verifier.verify(none)).toEqual({ refused: "the token's signing algorithm is not accepted" });
    const hmac = await new SignJWT({ sub: 'x', groups: ['/dvc/admins'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(provider.issuer)
      .setAudience(provider.audience)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a shared secret anyone could guess'));
    expect(await verifier.verify(hmac)).toEqual({ refused: "the token's signing algorithm is not accepted" });
    const forever = await provider.sign({ groups: ['/dvc/admins'] }, { expiresIn: null });
    expect(await verifier.verify(forever)).toEqual({
      refused: 'the token has no exp claim',
    });
  });

  it('forbids a valid token whose groups map to no role', async () => {
    expect(await verifierFor().verify(await provider.sign({ groups: ['/somewhere/else'] }))).toEqual({
      forbidden: 'the identity provider gives this account no DVC role (no groups value is mapped)',
    });
  });

  it('answers 503 while the provider cannot be reached, and recovers once it can', async () => {
    const verifier = verifierFor();
    const token = await provider.sign({ groups: ['/dvc/admins'] });
    const address = new URL(provider.issuer);
    await provider.stop();
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(ServiceUnavailableException);
    provider = await TestIdentityProvider.start({ port: Number(address.port) });
    const again = await provider.sign({ groups: ['/dvc/admins'] });
    expect(await verifier.verify(again)).toMatchObject({ principal: { role: 'admin' } });
  });

  it('refuses every JWT when no identity provider is set up', async () => {
    const verifier = new OidcVerifier(parseAppConfig({}));
    expect(verifier.enabled).toBe(false);
    expect(await verifier.verify(await provider.sign({ groups: ['/dvc/admins'] }))).toEqual({
      refused: 'the token is not valid (no identity provider is set up)',
    });
  });
});
