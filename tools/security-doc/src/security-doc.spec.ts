import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiRoutes, SECURITY_DOC, withAccessTable } from './security-doc';

/** docs/security.md's access table is the routes' declarations: a new or changed @Access without it fails. */
describe('docs/security.md', () => {
  const checkedIn = readFileSync(join(__dirname, '..', '..', '..', SECURITY_DOC), 'utf8');

  it('holds the access table the route declarations make', () => {
    if (withAccessTable(checkedIn) !== checkedIn)
      throw new Error(`${SECURITY_DOC} is stale: run \`npm run docs:security\` and commit the result`);
  });

  it('lists the routes every role meets', () => {
    const routes = apiRoutes().map((route) => `${route.method} ${route.path}`);
    expect(routes).toEqual(
      expect.arrayContaining(['POST /v1/events', 'GET /metrics', 'GET /health/details']),
    );
    expect(routes.length).toBeGreaterThan(30);
  });
});
