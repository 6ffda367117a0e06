import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { ZodValidationPipe } from 'nestjs-zod';
import { MAX_BODY_BYTES } from '@dvc/ingestion';
import { MAX_IMPORT_BYTES } from '../catalogue-import/catalogue-import.controller';
import { serveWebApp } from '../web/serve-web-app';
import { HttpErrorFilter } from './http-error.filter';
import { buildOpenApiDocument } from './openapi-document';
import { jsonBody, rawBody, refuseNulInUrl } from './request-limits';

/**
 * Everything an HTTP-serving app needs, in one place for the API and the all-in-one app: bodies, validation,
 * errors, OpenAPI at /docs, the web app at /. The app must be created with `{ bodyParser: false }`.
 */
export function configureHttpApp(app: INestApplication): void {
  app.use(refuseNulInUrl);
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
