import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '@dvc/config';
import { looksLikeJwt, OidcVerifier } from './oidc/oidc-verifier';
import type { Principal } from './principal';
import { SESSION_COOKIE, SessionsService } from './sessions/sessions.service';
import { ApiTokensService } from './tokens/api-tokens.service';
import { matchesHash, secretHash } from './tokens/token-secret';

/** `forbidden`: the caller is known (a valid identity provider token) but holds no access here (403). */
export type Authentication =
  | { principal: Principal }
  | { principal: null; refused: string | null }
  | { principal: null; forbidden: string };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Who a request comes from: `Authorization: Bearer <API token, DVC_ADMIN_TOKEN or the identity provider's JWT>`,
 * else the session cookie.
 * Credentials that are presented but not valid are refused (401), never ignored.
 */
@Injectable()
export class Authenticator {
  private readonly adminTokenHash: string | null;

  constructor(
    config: AppConfig,
    private readonly tokens: ApiTokensService,
    private readonly sessions: SessionsService,
    private readonly oidc: OidcVerifier,
  ) {
    this.adminTokenHash = config.DVC_ADMIN_TOKEN ? secretHash(config.DVC_ADMIN_TOKEN) : null;
  }

  async authenticate(request: Request): Promise<Authentication> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const bearer = BEARER.exec(header)?.[1];
      if (!bearer) return { principal: null, refused: 'expected Authorization: Bearer <token>' };
      if (this.adminTokenHash && matchesHash(bearer, this.adminTokenHash)) {
        return {
          principal: {
            via: 'admin_token',
            id: null,
            name: 'DVC_ADMIN_TOKEN',
            role: 'admin',
            agencyCode: null,
            sourceId: null,
          },
        };
      }
      if (looksLikeJwt(bearer)) {
        const check = await this.oidc.verify(bearer);
        return 'principal' in check ? check : { principal: null, ...check };
      }
      const check = await this.tokens.check(bearer);
      if ('principal' in check) return check;
      return {
        principal: null,
        refused: `the token is ${check.refused === 'unknown' ? 'not valid' : check.refused}`,
      };
    }
    const session = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (session) {
      const principal = await this.sessions.principal(session);
      return principal ? { principal } : { principal: null, refused: 'the session has ended: sign in again' };
    }
    return { principal: null, refused: null };
  }
}
