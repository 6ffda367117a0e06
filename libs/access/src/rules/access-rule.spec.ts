import type { Principal, Role } from '../principal';
import { AccessRule, decideAccess } from './access-rule';

const as = (role: Role): Principal => ({
  via: 'token',
  id: 't',
  name: 'someone',
  role,
  agencyCode: role === 'department' ? '000.00.30.H12' : null,
  sourceId: role === 'source' ? 'motcua' : null,
});

describe('decideAccess', () => {
  it('refuses a route without a declaration, whoever calls', () => {
    expect(decideAccess(undefined, as('admin'))).toMatchObject({ outcome: 'forbidden' });
    expect(decideAccess(undefined, null)).toMatchObject({ outcome: 'forbidden' });
  });

  it('lets anyone call a public route', () => {
    expect(decideAccess({ public: true }, null)).toEqual({ outcome: 'allow' });
  });

  it('asks for credentials first, then for the role', () => {
    const rule: AccessRule = { roles: ['admin', 'analyst'] };
    expect(decideAccess(rule, null)).toEqual({ outcome: 'unauthenticated' });
    expect(decideAccess(rule, as('analyst'))).toEqual({ outcome: 'allow' });
    expect(decideAccess(rule, as('operator'))).toMatchObject({
      outcome: 'forbidden',
      reason: expect.stringContaining('operator'),
    });
  });

  it('sends a department to the scope check where the route names its agency, and only a department', () => {
    const rule: AccessRule = { roles: ['analyst', 'department'], agency: { query: 'agency' } };
    expect(decideAccess(rule, as('department'))).toEqual({
      outcome: 'scope',
      location: { query: 'agency' },
      narrowing: [],
    });
    expect(decideAccess(rule, as('analyst'))).toEqual({ outcome: 'allow' });
    const narrowed: AccessRule = { ...rule, narrowing: ['parent'] };
    expect(decideAccess(narrowed, as('department'))).toMatchObject({ narrowing: ['parent'] });
    expect(decideAccess(narrowed, as('analyst'))).toEqual({ outcome: 'allow' });
  });
});
