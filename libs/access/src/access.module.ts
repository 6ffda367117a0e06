import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '@dvc/audit';
import { AccessGuard } from './access.guard';
import { Authenticator } from './authenticator';
import { OidcVerifier } from './oidc/oidc-verifier';
import { AgencyScope } from './scope/agency-scope.service';
import { SessionsService } from './sessions/sessions.service';
import { ApiTokensService } from './tokens/api-tokens.service';
import { UsersService } from './users/users.service';

/** Users, sessions, API tokens, identity provider JWTs, the agency scope check, and the one global guard (APP_GUARD). */
@Module({
  imports: [AuditModule],
  providers: [
    ApiTokensService,
    UsersService,
    SessionsService,
    AgencyScope,
    OidcVerifier,
    Authenticator,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [ApiTokensService, UsersService, SessionsService, AgencyScope, Authenticator],
})
export class AccessModule {}
