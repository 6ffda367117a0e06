import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, errors, JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import { AppConfig } from '@dvc/config';
import { ClaimMapping, claimMappingFrom, principalFromClaims } from './oidc-claims';
import type { Principal } from '../principal';

export type OidcCheck = { principal: Principal } | { refused: string } | { forbidden: string };

/** Three base64url parts: a compact JWS. API tokens (`dvc_…`) never look like this. */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
export const looksLikeJwt = (bearer: string) => COMPACT_JWT.test(bearer);

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url() });
const FETCH_TIMEOUT_MS = 5000;

/**
 * People's bearer JWTs from the province's identity provider: signature against its JWKS (fetched again,
 * within OIDC_JWKS_COOLDOWN_SECONDS, when a token names a key not yet seen: a rotation), issuer, audience,
 * expiry and not-before with OIDC_CLOCK_SKEW_SECONDS, then claims mapped to a role and agency.
 */
@Injectable()
export class OidcVerifier {
  private readonly logger = new Logger(OidcVerifier.name);
  private readonly mapping: ClaimMapping | null;
  private keys: Promise<JWTVerifyGetKey> | null = null;

  constructor(private readonly config: AppConfig) {
    this.mapping = config.OIDC_ISSUER ? claimMappingFrom(config) : null;
  }

  get enabled(): boolean {
    return this.mapping !== null;
  }

  async verify(token: string): Promise<OidcCheck> {
    const { mapping, config } = this;
    if (!mapping || !config.OIDC_ISSUER)
      return { refused: 'the token is not valid (no identity provider is set up)' };
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return { refused: 'the token is not a valid JWT' };
    }
    // Checked before any key is fetched: a foreign provider's tokens never make us fetch ours.
    if (issuer !== config.OIDC_ISSUER)
      return { refused: `the token is from another issuer (${String(issuer)})` };
    try {
      const { payload } = await jwtVerify(token, await this.keySet(), {
        issuer: config.OIDC_ISSUER,
        audience: config.OIDC_AUDIENCE,
        algorithms: config.OIDC_ALGORITHMS,
        clockTolerance: config.OIDC_CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      const outcome = principalFromClaims(payload, mapping);
      return 'principal' in outcome ? outcome : { forbidden: outcome.forbidden };
    } catch (error) {
      return { refused: this.reason(error) };
    }
  }

  private reason(error: unknown): string {
    if (error instanceof errors.JWTExpired) return 'the token has expired';
    if (error instanceof errors.JWTClaimValidationFailed)
      return error.claim === 'aud'
        ? `the token is not for this API (audience ${this.config.OIDC_AUDIENCE})`
        : error.reason === 'missing'
          ? `the token has no ${error.claim} claim`
          : `the token's ${error.claim} claim is not accepted: ${error.reason}`;
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return "the token's signature does not verify";
    if (error instanceof errors.JWKSNoMatchingKey)
      return 'the token is signed with a key the identity provider does not publish';
    if (error instanceof errors.JOSEAlgNotAllowed) return "the token's signing algorithm is not accepted";
    if (
      error instanceof errors.JWKSTimeout ||
      error instanceof errors.JWKSInvalid ||
      error instanceof ServiceUnavailableException ||
      !(error instanceof errors.JOSEError)
    ) {
      this.logger.warn(`identity provider keys unavailable: ${(error as Error).message}`);
      throw new ServiceUnavailableException(
        "the identity provider's keys cannot be fetched: try again shortly",
      );
    }
    return 'the token is not a valid JWT';
  }

  /** The key set, from OIDC_JWKS_URL or the discovery document (fetched once; again after a failure). */
  private keySet(): Promise<JWTVerifyGetKey> {
    if (!this.keys) {
      const keys = this.jwksUrl().then((url) =>
        createRemoteJWKSet(url, {
          timeoutDuration: FETCH_TIMEOUT_MS,
          cooldownDuration: this.config.OIDC_JWKS_COOLDOWN_SECONDS * 1000,
        }),
      );
      keys.catch(() => {
        if (this.keys === keys) this.keys = null;
      });
      this.keys = keys;
    }
    return this.keys;
  }

  private async jwksUrl(): Promise<URL> {
    if (this.config.OIDC_JWKS_URL) return new URL(this.config.OIDC_JWKS_URL);
    const issuer = this.config.OIDC_ISSUER!;
    const address = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: z.infer<typeof discoverySchema>;
    try {
      const response = await fetch(address, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`${address} answered ${response.status}`);
      document = discoverySchema.parse(await response.json());
    } catch (error) {
      this.logger.warn(`OIDC discovery failed: ${(error as Error).message}`);
      throw new ServiceUnavailableException("the identity provider's discovery document cannot be read");
    }
    if (document.issuer !== issuer)
      throw new ServiceUnavailableException(
        `the discovery document names issuer ${document.issuer}, not OIDC_ISSUER ${issuer}`,
      );
    return new URL(document.jwks_uri);
  }
}
