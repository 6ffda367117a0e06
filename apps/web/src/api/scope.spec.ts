import { scopeAgency } from './scope';

describe('the scope a page shows', () => {
  it('is a department head’s own unit, or the unit the address drills into (the API judges it)', () => {
    const head = { name: 'Trưởng phòng', role: 'department' as const, agencyCode: '000.00.12.H99' };
    expect(scopeAgency(head, null)).toBe('000.00.12.H99');
    expect(scopeAgency(head, '')).toBe('000.00.12.H99');
    expect(scopeAgency(head, '000.01.12.H99')).toBe('000.01.12.H99');
  });

  it('is the asked agency, or the province, for the province’s roles and an open API', () => {
    const operator = { name: 'PASC', role: 'operator' as const, agencyCode: null };
    expect(scopeAgency(operator, '000.00.13.H99')).toBe('000.00.13.H99');
    expect(scopeAgency(operator, ' ')).toBeNull();
    expect(scopeAgency(null, null)).toBeNull();
  });
});
