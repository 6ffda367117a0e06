import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Express } from 'express';
import helmet from 'helmet';
import { ZodValidationPipe } from 'nestjs-zod';
import { auditScopeMiddleware } from '@dvc/audit';
import { AppConfig } from '@dvc/config';
import { MAX_BODY_BYTES } from '@dvc/ingestion';
import { MAX_IMPORT_BYTES } from '../catalogue-import/catalogue-import.controller';
import { serveWebApp } from '../web/serve-web-app';
import { HttpErrorFilter } from './http-error.filter';
import { buildOpenApiDocument } from './openapi-document';
import { jsonBody, rawBody, refuseNulInUrl } from './request-limits';

/**
 * Everything an HTTP-serving app needs, in one place for the API and the all-in-one app: security headers, CORS
 * (only for configured origins), bodies, validation, errors, OpenAPI at /docs, the web app at /. The app must be
 * created with `{ bodyParser: false }`.
 */
export function configureHttpApp(app: INestApplication): void {
  const config = app.get(AppConfig);
  if (config.TRUST_PROXY !== undefined)
    (app.getHttpAdapter().getInstance() as Express).set('trust proxy', config.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Upgrading requests to https is for a site served over TLS; plain http://127.0.0.1 would break.
        directives: { upgradeInsecureRequests: config.SESSION_COOKIE_SECURE ? [] : null },
      },
      // Sent over TLS only, where it is meaningful; behind TLS, SESSION_COOKIE_SECURE says so.
      strictTransportSecurity: config.SESSION_COOKIE_SECURE,
    }),
  );
  // Off unless origins are configured: the web app is same-origin. Credentials: the session cookie.
  if (config.CORS_ORIGINS)
    app.enableCors({
      origin: config.CORS_ORIGINS,
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after', 'x-report-id', 'x-report-checksum', 'x-report-as-of'],
      maxAge: 600,
    });
  app.use(refuseNulInUrl);
  // A request id for every request (X-Request-Id), and the scope the audit log attributes writes with.
  app.use(auditScopeMiddleware);
  // Event batches are parsed by the ingestion pipeline itself (JSON array or NDJSON, item by item).
  app.use('/v1/events', rawBody(MAX_BODY_BYTES));
  // Catalogue files (CSV or XLSX) arrive raw; the import endpoint decides by content type.
  app.use('/v1/catalogue/imports', rawBody(MAX_IMPORT_BYTES));
  app.use(jsonBody('1mb'));
  // The browser's session cookie (POST /v1/auth/login); the guard reads it.
  app.use(cookieParser());
  app.useGlobalPipes(new ZodValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app));
  serveWebApp(app);
}
