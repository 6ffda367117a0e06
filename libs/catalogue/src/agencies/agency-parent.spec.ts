import { parentChangeRefusal } from './agency-parent';

const district = { code: '000.00.31.H12', parentCode: '000.00.00.H12' };

describe('an agency’s parent', () => {
  it('may be written again as it is, and given to a new unit', () => {
    expect(parentChangeRefusal(district, '000.00.00.H12')).toBeNull();
    expect(parentChangeRefusal({ code: '000.00.00.H12', parentCode: null }, null)).toBeNull();
    expect(parentChangeRefusal({ code: '000.00.00.H12', parentCode: null }, undefined)).toBeNull();
    expect(parentChangeRefusal(undefined, '000.00.00.H12')).toBeNull();
  });

  it('does not change: the refusal says to end the unit and start a new one with a lineage link', () => {
    expect(parentChangeRefusal(district, '000.00.32.H12')).toBe(
      'the parent of agency 000.00.31.H12 cannot change (from 000.00.00.H12 to 000.00.32.H12): a unit keeps ' +
        'its parent for life, so what was reported under it stays there. End this unit (validTo) and create a ' +
        'new one under 000.00.32.H12 with a lineage link from 000.00.31.H12 instead',
    );
    expect(parentChangeRefusal(district, null)).toMatch(
      /\(from 000\.00\.00\.H12 to none\).* create a new one without a parent with a lineage link/,
    );
    expect(parentChangeRefusal({ ...district, parentCode: null }, '000.00.00.H12')).toMatch(
      /\(from none to 000\.00\.00\.H12\)/,
    );
  });
});
