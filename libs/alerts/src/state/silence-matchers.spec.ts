import { matchesAll, unitsConfinedTo } from './silence-matchers';

describe('matchesAll', () => {
  const labels = { alertname: 'online-share', agency: '000.00.31.H12', severity: 'warning' };

  it('needs every matcher to hold', () => {
    expect(matchesAll([{ name: 'agency', value: '000.00.31.H12', isEqual: true }], labels)).toBe(true);
    expect(
      matchesAll(
        [
          { name: 'agency', value: '000.00.31.H12', isEqual: true },
          { name: 'severity', value: 'critical', isEqual: true },
        ],
        labels,
      ),
    ).toBe(false);
  });

  it('reads isEqual false as "not this value", and a missing label as empty', () => {
    expect(matchesAll([{ name: 'severity', value: 'info', isEqual: false }], labels)).toBe(true);
    expect(matchesAll([{ name: 'team', value: '', isEqual: true }], labels)).toBe(true);
    expect(matchesAll([{ name: 'team', value: 'x', isEqual: true }], labels)).toBe(false);
  });
});

describe('unitsConfinedTo', () => {
  it("names the units of a silence's agency equality matchers", () => {
    expect(
      unitsConfinedTo([
        { name: 'agency', value: '000.30.01.H12', isEqual: true },
        { name: 'severity', value: 'warning', isEqual: true },
      ]),
    ).toEqual(['000.30.01.H12']);
    expect(
      unitsConfinedTo([
        { name: 'agency', value: '000.30.01.H12', isEqual: true },
        { name: 'agency', value: '000.30.01.H12', isEqual: true },
      ]),
    ).toEqual(['000.30.01.H12']);
  });

  it('confines nothing without one: a negative agency matcher or other labels match any unit', () => {
    expect(unitsConfinedTo([{ name: 'agency', value: '000.30.01.H12', isEqual: false }])).toBeNull();
    expect(unitsConfinedTo([{ name: 'alertname', value: 'communes-online', isEqual: true }])).toBeNull();
  });
});
