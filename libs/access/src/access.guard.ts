import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Authenticator } from './authenticator';
import type { Principal } from './principal';
import { ACCESS_RULE } from './rules/access.decorator';
import { AccessRule, decideAccess } from './rules/access-rule';
import { AgencyScope } from './scope/agency-scope.service';

export type RequestWithPrincipal = Request & { principal?: Principal | null };

/**
 * The one guard (global): reads the route's `@Access` rule, authenticates the caller, answers 401 / 403, and
 * keeps a department's agency inside its subtree (filling in its own agency when the request names none).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly scope: AgencyScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka batches (the all-in-one app's consumer) are admitted by the broker, not by this guard.
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const isOpen = !!rule && 'public' in rule;
    const authentication = isOpen ? null : await this.authenticator.authenticate(request);
    if (authentication && 'forbidden' in authentication)
      throw new ForbiddenException(authentication.forbidden);
    const principal = authentication?.principal ?? null;
    request.principal = principal;
    const decision = decideAccess(rule, principal);
    switch (decision.outcome) {
      case 'allow':
        return true;
      case 'unauthenticated':
        throw new UnauthorizedException(
          (authentication && 'refused' in authentication && authentication.refused) ||
            'sign in, or send Authorization: Bearer <API token>',
        );
      case 'forbidden':
        throw new ForbiddenException(decision.reason);
      case 'scope':
        await this.keepInScope(request, principal!, decision.location, decision.narrowing);
        return true;
    }
  }

  private async keepInScope(
    request: RequestWithPrincipal,
    principal: Principal,
    location: { query: string } | { param: string },
    narrowing: readonly string[],
  ): Promise<void> {
    const query = request.query as Record<string, unknown>;
    const askedIn = (name: string) => {
      const asked = query[name];
      if (asked !== undefined && typeof asked !== 'string') throw new ForbiddenException(`give one ${name}`);
      return asked;
    };
    for (const name of narrowing) {
      const asked = askedIn(name);
      if (asked) await this.scope.agencyFor(principal, asked);
    }
    if ('param' in location) {
      await this.scope.agencyFor(principal, String(request.params[location.param] ?? ''));
      return;
    }
    const agency = await this.scope.agencyFor(principal, askedIn(location.query));
    // Express 5 computes req.query on every read: give the request its own, scoped copy.
    Object.defineProperty(request, 'query', {
      value: { ...query, [location.query]: agency },
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }
}
