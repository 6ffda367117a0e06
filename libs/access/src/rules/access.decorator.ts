import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from '../principal';
import type { AccessRule } from './access-rule';

export const ACCESS_RULE = 'dvc:access-rule';

/** Declares who may call a route (or every route of a controller). The one global guard enforces it. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);

/** The authenticated caller; null only on public routes. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | null =>
    context.switchToHttp().getRequest<{ principal?: Principal | null }>().principal ?? null,
);
