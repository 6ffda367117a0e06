import { ConfigError } from '@dvc/config';
import { claimAt, ClaimMapping, claimMappingFrom, principalFromClaims } from './oidc-claims';

const mapping: ClaimMapping = claimMappingFrom({
  OIDC_ROLES_CLAIM: 'groups',
  OIDC_ROLE_MAP: [
    { value: '/dvc/admins', role: 'admin' },
    { value: '/dvc/analysts', role: 'analyst' },
    { value: '/dvc/departments', role: 'department' },
  ],
  OIDC_AGENCY_CLAIM: 'dvc_agency',
  OIDC_NAME_CLAIM: 'preferred_username',
});

describe('claimMappingFrom', () => {
  it('refuses a role that does not exist, and the source role (systems use API tokens)', () => {
    for (const role of ['root', 'source'])
      expect(() =>
        claimMappingFrom({
          OIDC_ROLES_CLAIM: 'groups',
          OIDC_ROLE_MAP: [{ value: 'x', role }],
          OIDC_AGENCY_CLAIM: 'a',
          OIDC_NAME_CLAIM: 'n',
        }),
      ).toThrow(ConfigError);
  });
});

describe('claimAt', () => {
  it('reads a claim by name, or by dotted path into nested claims', () => {
    const claims = { groups: ['a'], realm_access: { roles: ['b'] }, 'odd.name': 1 };
    expect(claimAt(claims, 'groups')).toEqual(['a']);
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['b']);
    expect(claimAt(claims, 'odd.name')).toBe(1);
    expect(claimAt(claims, 'realm_access.roles.x')).toBeUndefined();
    expect(claimAt(claims, 'missing.path')).toBeUndefined();
  });
});

describe('principalFromClaims', () => {
  it('maps the first configured value the person holds to the role, named by the username claim', () => {
    expect(
      principalFromClaims(
        { sub: 'u-1', preferred_username: 'lan', groups: ['/dvc/analysts', '/dvc/admins'] },
        mapping,
      ),
    ).toEqual({
      principal: { via: 'oidc', id: 'u-1', name: 'lan', role: 'admin', agencyCode: null, sourceId: null },
    });
  });

  it('gives a department the agency its claim names, and ignores an agency claim on other roles', () => {
    expect(
      principalFromClaims({ sub: 'u-2', groups: ['/dvc/departments'], dvc_agency: '000.00.30.H12' }, mapping),
    ).toEqual({
      principal: {
        via: 'oidc',
        id: 'u-2',
        name: 'u-2',
        role: 'department',
        agencyCode: '000.00.30.H12',
        sourceId: null,
      },
    });
    expect(
      principalFromClaims({ sub: 'u-3', groups: ['/dvc/analysts'], dvc_agency: '000.00.30.H12' }, mapping),
    ).toMatchObject({ principal: { role: 'analyst', agencyCode: null } });
  });

  it('reads a space-separated string claim as its values', () => {
    expect(principalFromClaims({ sub: 's', groups: 'x /dvc/analysts' }, mapping)).toMatchObject({
      principal: { role: 'analyst' },
    });
  });

  it('forbids a person the provider gives no mapped value, a department without its agency, a token without sub', () => {
    expect(principalFromClaims({ sub: 's', groups: ['/other'] }, mapping)).toEqual({
      forbidden: expect.stringMatching(/no DVC role/),
    });
    expect(principalFromClaims({ sub: 's' }, mapping)).toEqual({
      forbidden: expect.stringMatching(/no DVC role/),
    });
    expect(principalFromClaims({ sub: 's', groups: [42, { a: 1 }] }, mapping)).toEqual({
      forbidden: expect.stringMatching(/no DVC role/),
    });
    expect(principalFromClaims({ sub: 's', groups: ['/dvc/departments'] }, mapping)).toEqual({
      forbidden: 'a department needs its agency in the dvc_agency claim',
    });
    expect(principalFromClaims({ sub: 's', groups: ['/dvc/departments'], dvc_agency: ' ' }, mapping)).toEqual(
      {
        forbidden: 'a department needs its agency in the dvc_agency claim',
      },
    );
    expect(principalFromClaims({ groups: ['/dvc/admins'] }, mapping)).toEqual({
      forbidden: 'the token names no subject (sub)',
    });
  });
});
