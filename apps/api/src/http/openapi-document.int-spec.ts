import { validate, compileErrors } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020';
import { ROLES } from '@dvc/access';
import { INDICATOR_IDS } from '@dvc/indicators';
import { REPORT_KINDS } from '@dvc/reports';
import { declaredRoutes } from '../testing/list-routes';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';
import { openApiPath } from './openapi-document';

type Schema = Record<string, unknown>;
interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema: Schema }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  openapi: string;
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operationsOf = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );

/**
 * The component schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect) with OpenAPI's own vocabulary, strictly:
 * a keyword of neither (3.0's `nullable`, a typo) fails to compile, and a $ref to nothing fails.
 */
function schemaValidator(document: Document) {
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    // z.record over an enum lists every key in `required` and none in `properties`: valid, if unusual.
    strictRequired: false,
    validateFormats: false,
  });
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  const rewired = JSON.parse(
    JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', 'openapi#/$defs/'),
  ) as Record<string, Schema>;
  ajv.addSchema({ $id: 'openapi', $defs: rewired });
  return {
    compileAll: () => Object.keys(rewired).forEach((name) => ajv.getSchema(`openapi#/$defs/${name}`)),
    /** Errors of `value` against the schema the document declares for a response (null: none). */
    check(schema: Schema, value: unknown) {
      const validateValue = ajv.compile(
        JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', 'openapi#/$defs/')) as Schema,
      );
      return validateValue(value) ? null : ajv.errorsText(validateValue.errors);
    },
  };
}

describe('OpenAPI document (/docs-json)', () => {
  let api: TestApiApp;
  let document: Document;

  beforeAll(async () => {
    api = await startTestApiApp({ now: '2026-06-15T03:00:00Z' });
    const response = await api.anonymous().get('/docs-json').expect(200);
    document = response.body as Document;
  });
  afterAll(() => api.stop());

  const responseSchema = (path: string, method: string, status = '200') =>
    document.paths[path][method].responses[status].content!['application/json'].schema;

  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
  });

  it("has component schemas that are strict JSON Schema 2020-12 (no 3.0 'nullable', no dangling $ref)", () => {
    expect(JSON.stringify(document)).not.toContain('"nullable"');
    expect(() => schemaValidator(document).compileAll()).not.toThrow();
  });

  it('documents every route the router serves, /health and /metrics included', () => {
    const documented = operationsOf(document).map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    const routes = declaredRoutes(api.app).map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented).toEqual(expect.arrayContaining(['GET /health', 'GET /health/ready', 'GET /metrics']));
  });

  it('documents the success answer of every operation', () => {
    const withoutSuccess = operationsOf(document).filter(
      ({ operation }) => !Object.keys(operation.responses).some((status) => status.startsWith('2')),
    );
    expect(withoutSuccess.map(({ path, method }) => `${method} ${path}`)).toEqual([]);
  });

  it('tags every operation with a feature, each tag declared with a description', () => {
    const declared = new Map(document.tags.map((tag) => [tag.name, tag.description]));
    const untagged = operationsOf(document).filter(({ operation }) => !operation.tags?.length);
    expect(untagged.map(({ path, method }) => `${method} ${path}`)).toEqual([]);
    const used = new Set(operationsOf(document).flatMap(({ operation }) => operation.tags!));
    expect([...used].filter((tag) => !declared.get(tag))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(12);
  });

  it("declares the credentials each route's @Access rule asks for: none for public routes, else bearer or session", () => {
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'dvc_session' }),
    });
    for (const route of declaredRoutes(api.app)) {
      const operation = document.paths[openApiPath(route.path)][route.method.toLowerCase()];
      const where = `${route.method} ${route.path}`;
      if (route.rule && 'public' in route.rule)
        expect({ where, security: operation.security }).toEqual({ where, security: [] });
      else {
        expect({ where, security: operation.security }).toEqual({
          where,
          security: [{ bearer: [] }, { session: [] }],
        });
        expect({ where, statuses: Object.keys(operation.responses) }).toEqual({
          where,
          statuses: expect.arrayContaining(['401', '403']),
        });
      }
    }
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/v1/auth/login'].post.security).toEqual([]);
  });

  it('names the ids as enums, from the zod schemas: indicators, report kinds, roles', () => {
    const idParameter = document.paths['/v1/indicators/{id}'].get.parameters!.find((p) => p.in === 'path');
    expect(idParameter?.schema).toEqual({ type: 'string', enum: [...INDICATOR_IDS] });
    const answer = document.components.schemas.IndicatorAnswerDto as { properties: Record<string, Schema> };
    expect(answer.properties.indicator).toEqual({ type: 'string', enum: [...INDICATOR_IDS] });
    const kind = document.paths['/v1/reports/{kind}'].get.parameters!.find((p) => p.name === 'kind');
    expect(kind?.schema).toEqual({ type: 'string', enum: REPORT_KINDS.map((known) => known.id) });
    expect(JSON.stringify(document.components.schemas.UserDto)).toContain(JSON.stringify([...ROLES]));
  });

  it('declares the figures as a number or null (not an array of numbers)', () => {
    const answer = document.components.schemas.IndicatorAnswerDto as { properties: Record<string, Schema> };
    expect(answer.properties.value).toMatchObject({ anyOf: [{ type: 'number' }, { type: 'null' }] });
    expect(answer.properties.asOf).toMatchObject({ anyOf: [{ type: 'string' }, { type: 'null' }] });
  });

  it('describes what the API really answers (responses checked against their documented schemas)', async () => {
    const { check } = schemaValidator(document);
    const answers: [string, string, unknown][] = [
      ['/v1/indicators/{id}', '/v1/indicators/dossiers.online?period=ytd', null],
      ['/v1/indicators/{id}', '/v1/indicators/dossiers.on_time?year=2026&groupBy=month', null],
      ['/v1/indicators', '/v1/indicators', null],
      ['/v1/auth/me', '/v1/auth/me', null],
      ['/v1/targets/status', '/v1/targets/status?period=ytd', null],
      ['/v1/dashboard/overview', '/v1/dashboard/overview', null],
      ['/v1/reports', '/v1/reports', null],
      ['/v1/data-quality', '/v1/data-quality', null],
    ];
    for (const [path, url] of answers) {
      const response = await api.http().get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect({ url, errors: check(responseSchema(path, 'get'), response.body) }).toEqual({
        url,
        errors: null,
      });
    }
    const rule = await api
      .http()
      .post('/v1/alert-rules')
      .send({
        key: 'online-low',
        name: 'Online share low',
        indicatorId: 'dossiers.online',
        scope: { kind: 'agency', agencyCode: null },
        window: { kind: 'rolling', days: 30 },
        condition: { kind: 'threshold', comparator: '<', threshold: 0.3 },
      });
    expect(rule.status).toBe(201);
    expect(
      check(
        document.paths['/v1/alert-rules'].post.responses['201'].content!['application/json'].schema,
        rule.body,
      ),
    ).toBeNull();
    const rules = (await api.http().get('/v1/alert-rules').expect(200)).body as unknown;
    expect(check(responseSchema('/v1/alert-rules', 'get'), rules)).toBeNull();
    const health = (await api.anonymous().get('/health').expect(200)).body as unknown;
    expect(check(responseSchema('/health', 'get'), health)).toBeNull();
    const refused = (await api.anonymous().get('/v1/indicators').expect(401)).body as unknown;
    expect(check(responseSchema('/v1/indicators', 'get', '401'), refused)).toBeNull();
  });

  it('sees a wrong documented schema for what it is (the check can fail)', () => {
    const { check } = schemaValidator(document);
    const answer = { $ref: '#/components/schemas/IndicatorAnswerDto' };
    expect(check(answer, { value: [0.5] })).not.toBeNull();
  });
});
