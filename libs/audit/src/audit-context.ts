import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** Who made a change, as the audit log keeps it (a principal of libs/access has this shape). */
export interface AuditActor {
  name: string;
  role: string;
  via: string;
  id: string | null;
}

/** What the audit log knows of the request a write happens in. */
export interface AuditScope {
  requestId: string;
  /** Method and path, e.g. `PUT /v1/agencies/000.00.12.H12`. */
  route: string;
  /** The caller; read when a write happens (the access guard authenticates after this scope is opened). */
  actor(): AuditActor | null;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** The scope of the request being served, or undefined outside one (start-up, the scheduler, the CLI). */
export const currentAuditScope = (): AuditScope | undefined => storage.getStore();

/** Runs `work` as `scope` (the HTTP middleware; a CLI command naming its operator). */
export const runInAuditScope = <T>(scope: AuditScope, work: () => T): T => storage.run(scope, work);

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's own request id is kept when it looks like one (a proxy's), else one is made. */
const GIVEN_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Express middleware: gives every request an id (answered in `X-Request-Id`) and opens its audit scope, whose
 * actor is the principal the access guard puts on the request.
 */
export function auditScopeMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.headers[REQUEST_ID_HEADER];
  const requestId = typeof given === 'string' && GIVEN_REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  const withPrincipal = request as Request & { principal?: AuditActor | null };
  runInAuditScope(
    {
      requestId,
      route: `${request.method} ${request.originalUrl.split('?')[0]}`,
      actor: () => withPrincipal.principal ?? null,
    },
    next,
  );
}
