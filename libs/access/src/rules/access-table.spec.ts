import { renderAccessTable } from './access-table';

describe('renderAccessTable', () => {
  it('writes a row a route, sorted by path then method, with each role as the declaration says', () => {
    const table = renderAccessTable([
      { method: 'POST', path: '/v1/things', rule: { roles: ['admin'] } },
      {
        method: 'GET',
        path: '/v1/things',
        rule: { roles: ['admin', 'department'], agency: { query: 'agency' } },
      },
      { method: 'GET', path: '/health', rule: { public: true } },
      { method: 'GET', path: '/v1/me', rule: { roles: ['admin', 'department', 'source'] } },
      { method: 'GET', path: '/v1/odd', rule: undefined },
    ]);
    expect(table.split('\n')).toEqual([
      '| route             | no credentials | `admin` | `analyst` | `operator` | `department` | `source` |',
      '| ----------------- | -------------- | ------- | --------- | ---------- | ------------ | -------- |',
      '| `GET /health`     | ✓              | ✓       | ✓         | ✓          | ✓            | ✓        |',
      '| `GET /v1/me`      | 401            | ✓       | —         | —          | ✓            | ✓        |',
      '| `GET /v1/odd`     | 401            | refused | refused   | refused    | refused      | refused  |',
      '| `GET /v1/things`  | 401            | ✓       | —         | —          | own units    | —        |',
      '| `POST /v1/things` | 401            | ✓       | —         | —          | —            | —        |',
    ]);
  });
});
