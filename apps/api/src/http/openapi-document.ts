import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AccessRule, SESSION_COOKIE } from '@dvc/access';
import { dossierEventJsonSchema } from '@dvc/dossier-events';
import { ErrorResponseDto } from '../catalogue/error-response.dto';
import { DeclaredRoute, declaredRoutes } from './declared-routes';

/** One tag per feature, in the order the docs page shows them; every operation carries one of these. */
export const API_TAGS: readonly { name: string; description: string }[] = [
  { name: 'indicators', description: 'The indicators of domain.md for a scope and period, grouped or not' },
  { name: 'targets', description: 'Targets (the plans), their status against the indicators, presets' },
  { name: 'reports', description: 'Ministry forms (II.06a…) as JSON, CSV, XLSX, PDF; issued reports kept' },
  { name: 'dashboard', description: "The web app's overview and the dossiers to act on" },
  { name: 'alerts', description: 'Alert rules, alerts raised below target, silences, contacts' },
  { name: 'agencies', description: 'The catalogue: agencies (units) and their lineage' },
  { name: 'procedures', description: 'The catalogue: procedures, which agencies offer them, at which level' },
  { name: 'catalogue', description: 'Catalogue imports from CSV or XLSX' },
  { name: 'events', description: 'Dossier lifecycle events in, over HTTP (for systems without Kafka)' },
  { name: 'data-quality', description: 'What the events show wrong: unknown codes, impossible orders, gaps' },
  { name: 'auth', description: 'Browser sessions: log in, log out, who am I' },
  { name: 'access', description: 'Users and API tokens (administrators)' },
  { name: 'operations', description: 'Health (public) and Prometheus metrics' },
];

/** The two ways to present credentials (libs/access's Authenticator reads both). */
const SECURITY_SCHEMES = { bearer: [], session: [] } as const;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/** Express's `/v1/agencies/:code` as OpenAPI's `/v1/agencies/{code}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

function whoMayCall(rule: AccessRule): string {
  if ('public' in rule) return 'Anyone: no credentials needed.';
  const scoped = rule.agency
    ? ` A department only for its own units (the \`${'query' in rule.agency ? rule.agency.query : rule.agency.param}\` ${
        'query' in rule.agency ? 'query parameter' : 'path parameter'
      }; absent: its own agency).`
    : '';
  return `Who may call: ${rule.roles.join(', ')}.${scoped}`;
}

/**
 * Security and "who may call" on every operation, from the routes' own `@Access` rules (the guard's source):
 * public routes need nothing; every other takes a bearer token or the session cookie, and may answer 401/403.
 */
function declareAccess(document: OpenAPIObject, routes: DeclaredRoute[]): void {
  const errorBody = {
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } },
  };
  for (const route of routes) {
    const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase() as 'get'];
    if (!operation || !route.rule) continue;
    operation.description = [operation.description, whoMayCall(route.rule)].filter(Boolean).join('\n\n');
    if ('public' in route.rule) {
      operation.security = [];
      continue;
    }
    operation.security = Object.keys(SECURITY_SCHEMES).map((scheme) => ({ [scheme]: [] }));
    operation.responses = {
      ...operation.responses,
      401: { description: 'No valid credentials (missing, unknown, expired or revoked)', ...errorBody },
      403: { description: "The caller's role may not call this route, or not for this agency", ...errorBody },
    };
  }
}

/**
 * A handler that serves several paths (`@Get(['health', 'health/ready'])`) gets one operation per path, all
 * with the handler's operationId; OpenAPI wants them unique, so each one after the first takes its path.
 */
function uniqueOperationIds(document: OpenAPIObject): void {
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(document.paths))
    for (const method of HTTP_METHODS) {
      const operation: Operation | undefined = item[method];
      if (!operation?.operationId) continue;
      if (seen.has(operation.operationId))
        operation.operationId += path
          .split(/[/{}-]/)
          .filter(Boolean)
          .map((part) => part[0].toUpperCase() + part.slice(1))
          .join('');
      seen.add(operation.operationId);
    }
}

/**
 * The API's OpenAPI 3.1 document (served at /docs): every route's schemas are its zod schemas' JSON Schema,
 * which is OpenAPI 3.1's dialect, so nothing is translated (3.0's `nullable` is never needed).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('DVC metrics API')
    .setDescription(
      'Dossier events in; online public service indicators out. Every route but /health and logging in takes ' +
        'credentials: a bearer token (API token, DVC_ADMIN_TOKEN or OIDC JWT), or the session cookie from ' +
        '/v1/auth/login.',
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        // Not only JWTs (swagger's default): API tokens and DVC_ADMIN_TOKEN are opaque.
        bearerFormat: undefined,
        description: "An API token (POST /v1/tokens), DVC_ADMIN_TOKEN, or the identity provider's JWT (OIDC)",
      },
      'bearer',
    )
    .addCookieAuth(
      SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: 'The session from POST /v1/auth/login',
      },
      'session',
    );
  for (const tag of API_TAGS) builder.addTag(tag.name, tag.description);
  const document = cleanupOpenApiDoc(
    SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorResponseDto] }),
    { version: '3.1' },
  );
  const { $schema: _dialect, $id: _id, ...eventSchema } = dossierEventJsonSchema();
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, DossierEventV1: eventSchema },
  };
  declareAccess(document, declaredRoutes(app));
  uniqueOperationIds(document);
  return document;
}
